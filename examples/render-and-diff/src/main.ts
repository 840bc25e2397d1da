#!/usr/bin/env node
// render-and-diff [--repo DIR] [--no-strict] BASE [HEAD]
//
// Builds every Flux Kustomization of the fleet repository at BASE and HEAD (default HEAD) and
// prints a per-object diff. Exit codes: 0 rendered (with or without changes), 1 a Kustomization
// does not build at HEAD (or Git failed), 2 usage error. Made for CI:
//
//   render-and-diff --repo . origin/main HEAD
import { parseArgs } from 'node:util';
import { renderAndDiff } from './renderAndDiff.js';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { repo: { type: 'string', default: '.' }, 'no-strict': { type: 'boolean', default: false } },
  });
}
try {
  args = parse();
  if (args.positionals.length < 1 || args.positionals.length > 2) throw new Error('expected BASE [HEAD]');
} catch (err) {
  process.stderr.write(
    `render-and-diff: ${(err as Error).message}\nusage: render-and-diff [--repo DIR] [--no-strict] BASE [HEAD]\n`,
  );
  process.exit(2);
}

try {
  const result = await renderAndDiff({
    repo: args.values.repo!,
    base: args.positionals[0]!,
    head: args.positionals[1] ?? 'HEAD',
    strict: !args.values['no-strict'],
  });
  process.stdout.write(result.report);
  process.exitCode = result.failed ? 1 : 0;
} catch (err) {
  process.stderr.write(`render-and-diff: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
