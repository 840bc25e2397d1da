// A Git smart-HTTP server on loopback for the example fleet: node:http running `git http-backend`
// as a CGI program, so the only thing the example needs installed is git. Also creates the fleet's
// bare repository from `repo/`, with the GitRepository URLs pointed at the server.
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example fleet repository's directory (`examples/fleet/repo`). */
export const fleetRepoDir = fileURLToPath(new URL('./repo/', import.meta.url));

/** The placeholder URL the fleet's GitRepository objects carry until the example serves them. */
export const placeholderUrl = 'http://127.0.0.1:8080/fleet.git';

function git(args, cwd) {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
  if (r.error) throw new Error(`git ${args[0]}: ${r.error.message} (is git installed?)`);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout;
}

/**
 * Serves every bare repository under `root` over Git's smart HTTP protocol (clone and fetch) on
 * 127.0.0.1 at a free port. Resolves to `{ url, close }`, `url` being `http://127.0.0.1:<port>`.
 */
export function serveGit({ root }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const env = {
      PATH: process.env.PATH ?? '',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      REMOTE_USER: '',
    };
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    if (req.headers['content-length']) env.CONTENT_LENGTH = String(req.headers['content-length']);
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    req.pipe(cgi.stdin);
    cgi.on('error', () => {
      if (!res.headersSent) res.writeHead(500).end();
    });
    // CGI output: header lines, a blank line, then the body.
    let head = Buffer.alloc(0);
    let inBody = false;
    cgi.stdout.on('data', (chunk) => {
      if (inBody) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      let end = head.indexOf('\r\n\r\n');
      let sep = 4;
      if (end < 0) {
        end = head.indexOf('\n\n');
        sep = 2;
      }
      if (end < 0) return;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      inBody = true;
      const body = head.subarray(end + sep);
      if (body.length) res.write(body);
    });
    cgi.stdout.on('end', () => res.end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function replaceInFiles(dir, from, to) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await replaceInFiles(p, from, to);
    else if (/\.ya?ml$/.test(e.name)) {
      const text = await readFile(p, 'utf8');
      if (text.includes(from)) await writeFile(p, text.split(from).join(to));
    }
  }
}

/**
 * Creates `<root>/<name>` (default `fleet.git`), a bare repository whose `main` branch holds one commit of `repo/`
 * with every GitRepository URL rewritten to `url` (the URL the repository is served at).
 * `mutate(dir)`, when given, may change the work tree before the commit (tests break the fleet
 * this way). Returns the commit SHA.
 */
export async function createFleetRepository({ root, url, work, mutate, name = 'fleet.git' }) {
  await cp(fleetRepoDir, work, { recursive: true });
  await replaceInFiles(work, placeholderUrl, url);
  if (mutate) await mutate(work);
  const id = [
    '-c',
    'user.name=GitOps Kit',
    '-c',
    'user.email=gitops-kit@example.invalid',
    '-c',
    'commit.gpgsign=false',
  ];
  git(['init', '-q', '-b', 'main'], work);
  git(['add', '-A'], work);
  git([...id, 'commit', '-q', '-m', 'Example fleet'], work);
  await mkdir(root, { recursive: true });
  git(['clone', '-q', '--bare', work, join(root, name)], root);
  return git(['rev-parse', 'HEAD'], work).trim();
}
