#!/usr/bin/env node
// Writes packages/core/testdata/kstatus/expected.json: kstatus's own verdict for every
// case in cases.yaml beside it, computed by the oracle binary that build.sh builds.
//
//   scripts/kstatus-oracle/build.sh /path/to/cli-utils /tmp/kstatus-oracle
//   node scripts/kstatus-oracle/golden.mjs /tmp/kstatus-oracle
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(join(root, 'packages/core/package.json'));
const YAML = require('yaml');
const oracle = process.argv[2];
if (!oracle) throw new Error('usage: golden.mjs <oracle binary>');
const dir = join(root, 'packages/core/testdata/kstatus');
const cases = YAML.parse(readFileSync(join(dir, 'cases.yaml'), 'utf8'));
const out = execFileSync(oracle, ['compute'], { input: JSON.stringify(cases.map((c) => c.object)) });
const results = JSON.parse(out.toString('utf8'));
const expected = cases.map((c, i) => ({ name: c.name, ...results[i] }));
writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
console.log(`wrote ${expected.length} kstatus verdicts`);
