import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGoldenData, goldenTestFuncs } from '../testing/goldenData.js';
import { TemplateSet, type MissingKeyOption } from '../template.js';
import { goBytes, goString } from '../value/goString.js';
import { isGitOpsKitError } from '@gitops-kit/core';

interface GoldenCase {
  name: string;
  template?: string;
  /** The template's bytes, base64, when they are not valid UTF-8. */
  templateBase64?: string;
  data?: unknown;
  missingkey?: MissingKeyOption;
  files?: { name: string; text: string }[];
  exec?: string;
  delims?: [string, string];
  output?: string;
  /** The output's bytes, base64, when they are not valid UTF-8. */
  outputBase64?: string;
  error?: string;
  phase?: 'parse' | 'exec';
}

const cases: GoldenCase[] = JSON.parse(
  readFileSync(new URL('../../testdata/golden/go.json', import.meta.url), 'utf8'),
);

/** Renders a case the way scripts/goldens/template/main.go does. */
function render(c: GoldenCase): { output?: string; error?: string; phase?: string } {
  const set = new TemplateSet({
    name: c.name,
    funcs: goldenTestFuncs(),
    missingKey: c.missingkey,
    leftDelim: c.delims?.[0],
    rightDelim: c.delims?.[1],
  });
  const text = c.templateBase64 ? goString(Buffer.from(c.templateBase64, 'base64')) : (c.template ?? '');
  const files = c.files ?? [{ name: c.name, text }];
  try {
    for (const f of files) set.parse(f.name, f.text);
  } catch (e) {
    if (isGitOpsKitError(e)) return { error: e.message, phase: 'parse' };
    throw e;
  }
  try {
    return { output: set.execute(c.exec ?? files[0]!.name, decodeGoldenData(c.data)) };
  } catch (e) {
    if (isGitOpsKitError(e)) return { error: e.message, phase: 'exec' };
    throw e;
  }
}

describe('Go text/template goldens (rendered by go1.23 text/template)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = render(c);
    if (c.error !== undefined) {
      expect({ error: got.error, phase: got.phase }).toEqual({ error: c.error, phase: c.phase });
    } else if (c.outputBase64 !== undefined) {
      expect(got.error).toBeUndefined();
      expect(Buffer.from(goBytes(got.output!)).toString('base64')).toBe(c.outputBase64);
    } else {
      expect(got).toEqual({ output: c.output });
    }
  });
});
