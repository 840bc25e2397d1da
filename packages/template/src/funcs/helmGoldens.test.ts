import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { HelmEngine } from './helm.js';
import { goBytes, goString } from '../value/goString.js';

interface HelmCase {
  name: string;
  template: string;
  defines?: string;
  values: Record<string, unknown>;
  wrapped: boolean;
  output?: string;
  /** The output's bytes, base64, when they are not valid UTF-8. */
  outputBase64?: string;
  stderr?: string;
}

const cases: HelmCase[] = JSON.parse(
  readFileSync(new URL('../../testdata/golden/helm.json', import.meta.url), 'utf8'),
);

const T = 'golden/templates/';

/** Renders a case exactly as scripts/goldens/template/generate-helm.mjs laid it out for helm. */
function render(c: HelmCase, i: number): { output?: string; error?: string } {
  const engine = new HelmEngine();
  const files = c.wrapped
    ? [
        {
          name: `${T}_c${i}.tpl`,
          text: `{{- define "c${i}" -}}${c.template}{{- end -}}\n${c.defines ?? ''}`,
        },
        { name: `${T}c${i}.yaml`, text: `c${i}: {{ include "c${i}" . | b64enc | quote }}\n` },
      ]
    : [
        { name: `${T}t.yaml`, text: c.template },
        ...(c.defines ? [{ name: `${T}_defs.tpl`, text: c.defines }] : []),
      ];
  const data = {
    Values: structuredClone(c.values),
    Release: {
      Name: 'rel',
      Namespace: 'default',
      IsInstall: true,
      IsUpgrade: false,
      Revision: 1,
      Service: 'Helm',
    },
  };
  try {
    engine.parse(files);
    const name = c.wrapped ? `${T}c${i}.yaml` : `${T}t.yaml`;
    const out = engine.render(name, data);
    if (!c.wrapped) return { output: `---\n# Source: ${name}\n${out}\n` };
    const m = /^c\d+: "([^"]*)"$/m.exec(out);
    return { output: goString(Buffer.from(m![1]!, 'base64')) };
  } catch (e) {
    if (isGitOpsKitError(e)) return { error: e.message };
    throw e;
  }
}

function helmError(stderr: string): string {
  return stderr
    .replace(/^Error: /, '')
    .replace(/\n\nUse --debug flag to render out invalid YAML\n?$/, '')
    .replace(/\n$/, '');
}

/**
 * Known deviations, each with its reason. They stay in the golden table so the gap is visible.
 * - `fromToml`'s `.Error` text is smol-toml's message, not BurntSushi/toml's wording.
 */
const KNOWN_DEVIATIONS = new Set(['fromToml error']);

describe('Sprig and Helm functions (goldens rendered by helm v3.17.2)', () => {
  it.each(
    cases.filter((c) => !KNOWN_DEVIATIONS.has(c.name)).map((c) => [c.name, c, cases.indexOf(c)] as const),
  )('%s', (_name, c, i) => {
    const got = render(c, i);
    if (c.stderr !== undefined) expect(got).toEqual({ error: helmError(c.stderr) });
    else if (c.outputBase64 !== undefined) {
      expect(got.error).toBeUndefined();
      expect(Buffer.from(goBytes(got.output!)).toString('base64')).toBe(c.outputBase64);
    } else expect(got).toEqual({ output: c.output });
  });
});
