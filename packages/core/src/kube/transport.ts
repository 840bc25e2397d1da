/**
 * HTTP(S) requests to a Kubernetes API server with the credentials of a kubeconfig (through
 * `KubeConfig.applyToHTTPSOptions`, so every auth method client-node supports works: tokens,
 * client certificates, exec plugins, in-cluster service accounts).
 * @internal
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { abortError } from '../clock/clock.js';
import { CoreError } from '../errors/GitOpsKitError.js';

/**
 * The parts of `@kubernetes/client-node`'s `KubeConfig` the adapter uses. A `KubeConfig` instance
 * satisfies it; declaring it structurally keeps client-node's types out of this package's API.
 */
export interface KubeConfigLike {
  /** Adds CA, client certificate, headers (bearer token) to HTTPS request options. */
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
  /** The current context's cluster (`server` URL). */
  getCurrentCluster(): { server: string } | null;
}

/** A response: status code and parsed JSON body (undefined when not JSON). @internal */
export interface Response {
  status: number;
  body: unknown;
}

/** One request. @internal */
export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  contentType?: string;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
}

function url(server: string, path: string, query: Record<string, string | undefined> = {}): URL {
  const u = new URL(server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u;
}

async function options(
  kc: KubeConfigLike,
  u: URL,
  method: string,
  headers: Record<string, string>,
): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { method, headers: { Accept: 'application/json', ...headers } };
  await kc.applyToHTTPSOptions(opts);
  opts.protocol = u.protocol;
  opts.hostname = u.hostname.replace(/^\[|\]$/g, '');
  opts.port = u.port;
  opts.path = u.pathname + u.search;
  return opts;
}

/** Sends a request and reads the whole JSON response. @throws {CoreError} `ServerError`, `Timeout`, `Aborted`. @internal */
export async function send(kc: KubeConfigLike, req: Request): Promise<Response> {
  const server = kc.getCurrentCluster()?.server;
  if (!server)
    throw new CoreError('InvalidArgument', 'kubeconfig: the current context has no cluster server');
  if (req.signal?.aborted) throw abortError(req.signal, `${req.method} ${req.path}`);
  const u = url(server, req.path, req.query);
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const headers: Record<string, string> = {};
  if (payload) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  const opts = await options(kc, u, req.method, headers);
  const lib = u.protocol === 'http:' ? http : https;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      req.signal?.removeEventListener('abort', onAbort);
      f();
    };
    const r = lib.request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => finish(() => reject(transportError(req, e))));
      res.on('end', () =>
        finish(() => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body });
        }),
      );
    });
    const onAbort = () => {
      r.destroy();
      finish(() => reject(abortError(req.signal, `${req.method} ${req.path}`)));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    r.setTimeout(req.timeoutMs, () => {
      r.destroy();
      finish(() =>
        reject(new CoreError('Timeout', `${req.method} ${req.path}: no response in ${req.timeoutMs} ms`)),
      );
    });
    r.on('error', (e) => finish(() => reject(transportError(req, e))));
    if (payload) r.write(payload);
    r.end();
  });
}

function transportError(req: Request, e: Error): CoreError {
  const code = (e as { code?: string }).code;
  return new CoreError('ServerError', `${req.method} ${req.path}: ${code ?? e.name}`, { cause: e });
}

/**
 * Opens a streaming GET (watch) and yields each JSON line. Ends when the server closes the stream
 * or `signal` aborts. A non-200 answer is returned as the first (and only) item with its status.
 * @internal
 */
export async function* stream(
  kc: KubeConfigLike,
  path: string,
  query: Record<string, string | undefined>,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ status: number; line: unknown }> {
  const server = kc.getCurrentCluster()?.server;
  if (!server)
    throw new CoreError('InvalidArgument', 'kubeconfig: the current context has no cluster server');
  const u = url(server, path, query);
  const opts = await options(kc, u, 'GET', {});
  const lib = u.protocol === 'http:' ? http : https;
  const queue: ({ status: number; line: unknown } | { end: true } | { error: Error })[] = [];
  let wake: (() => void) | undefined;
  const push = (x: (typeof queue)[number]) => {
    queue.push(x);
    wake?.();
  };
  const r = lib.request(opts, (res) => {
    const status = res.statusCode ?? 0;
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (!line) continue;
        try {
          push({ status, line: JSON.parse(line) });
        } catch {
          push({ status, line: undefined });
        }
      }
    });
    res.on('end', () => {
      const rest = buf.trim();
      if (rest) {
        try {
          push({ status, line: JSON.parse(rest) });
        } catch {
          push({ status, line: undefined });
        }
      }
      push({ end: true });
    });
    res.on('error', (e) => push({ error: e }));
  });
  const onAbort = () => {
    r.destroy();
    push({ end: true });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  r.on('error', (e) => push({ error: e }));
  r.end();
  try {
    for (;;) {
      const x = queue.shift();
      if (!x) {
        await new Promise<void>((res) => {
          wake = res;
        });
        wake = undefined;
        continue;
      }
      if ('end' in x) return;
      if ('error' in x) {
        if (signal?.aborted) return;
        throw new CoreError(
          'ServerError',
          `GET ${path}: ${(x.error as { code?: string }).code ?? x.error.name}`,
          { cause: x.error },
        );
      }
      yield x;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    r.destroy();
  }
}
