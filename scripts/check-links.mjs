#!/usr/bin/env node
// Checks every relative link in README.md and docs/*.md (or the Markdown files given as arguments):
// the target file or directory must exist, and a `#fragment` pointing into a Markdown file must
// name one of its headings (GitHub's anchor rules). External links (http:, https:, mailto:) are not
// fetched. Links inside code blocks and inline code are ignored. A link to a directory must be one
// of typedoc's entry points (packages/<name>): typedoc copies only files into the API site and
// warns about any other directory. Exits 1 listing each broken link.
//
//   node scripts/check-links.mjs [FILE.md ...]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const typedocEntryPoints = new Set(
  JSON.parse(readFileSync(path.join(root, 'typedoc.json'), 'utf8')).entryPoints.map((p) =>
    path.resolve(root, p),
  ),
);

function defaultFiles() {
  const docs = path.join(root, 'docs');
  const files = [path.join(root, 'README.md')];
  for (const f of readdirSync(docs).sort()) if (f.endsWith('.md')) files.push(path.join(docs, f));
  return files;
}

/** Markdown text with fenced code blocks and inline code blanked out (line numbers kept). */
function stripCode(text) {
  const lines = text.split('\n');
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(`{3,}|~{3,})/.exec(lines[i]);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      lines[i] = '';
    } else if (m) {
      fence = m[1];
      lines[i] = '';
    } else {
      lines[i] = lines[i].replace(/(`+)[^`]*?\1/g, '');
    }
  }
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, duplicates numbered. */
function anchorsOf(file) {
  const seen = new Map();
  const anchors = new Set();
  for (const line of stripCodeBlocksOnly(readFileSync(file, 'utf8'))) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function stripCodeBlocksOnly(text) {
  const out = [];
  let fence = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
    } else if (m) fence = m[1];
    else out.push(line);
  }
  return out;
}

const LINK =
  /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<a\s[^>]*href="([^"]+)"/g;

function checkFile(file) {
  const problems = [];
  const lines = stripCode(readFileSync(file, 'utf8'));
  lines.forEach((line, i) => {
    for (const m of line.matchAll(LINK)) {
      const target = m[1] ?? m[2] ?? m[3];
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [rawPath, fragment] = target.split('#', 2);
      const decoded = decodeURI(rawPath.split('?')[0]);
      const resolved = decoded === '' ? file : path.resolve(path.dirname(file), decoded);
      const where = `${path.relative(root, file)}:${i + 1}`;
      if (!existsSync(resolved)) {
        problems.push(`${where}: ${target}: ${path.relative(root, resolved)} does not exist`);
        continue;
      }
      if (statSync(resolved).isDirectory() && !typedocEntryPoints.has(resolved)) {
        problems.push(`${where}: ${target}: a directory; link a file in it (e.g. its README.md)`);
        continue;
      }
      if (fragment && resolved.endsWith('.md') && statSync(resolved).isFile()) {
        if (!anchorsOf(resolved).has(fragment.toLowerCase())) {
          problems.push(`${where}: ${target}: no heading '#${fragment}' in ${path.relative(root, resolved)}`);
        }
      }
    }
  });
  return problems;
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : defaultFiles();
const problems = files.flatMap(checkFile);
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`check-links: ${problems.length} broken link(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`check-links: ${files.length} file(s), every relative link resolves`);
