import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { HelmEngine } from '../funcs/helm.js';
import { sprigFuncs } from '../funcs/sprig.js';
import { goldenTestFuncs } from '../testing/goldenData.js';
import { type TemplateLimits, TemplateSet } from '../template.js';
import { goFunc } from '../value/func.js';
import { goInt } from '../value/types.js';

/**
 * Hostile templates past our documented bounds (where Go would run on or need gigabytes): each
 * must fail fast with `LimitExceeded` naming the bound in `data.limit`, never hang or crash.
 * What Go itself reports (infinite `template` recursion at depth 100000, `printf` widths and
 * precisions, deep but legal nesting) is covered by the Go goldens (`hostile ...` cases of
 * testdata/golden/go.json); Helm's include cap by the Helm goldens.
 */
interface BoundCase {
  name: string;
  template: string;
  limits?: Partial<TemplateLimits>;
  want: { code: string; limit: string; message?: string };
}

const rec = (n: number) =>
  `{{define "r"}}{{if lt . ${n}}}{{template "r" (add . 1)}}{{end}}{{end}}{{template "r" 0}}`;

const boundCases: BoundCase[] = [
  {
    name: 'template recursion that does not repeat, past maxTemplateDepth',
    template: rec(5000),
    want: {
      code: 'LimitExceeded',
      limit: 'maxTemplateDepth',
      message:
        'template: t:1:41: executing "r" at <{{template "r" (add . 1)}}>: exceeded maximum template depth (500) (maxTemplateDepth)',
    },
  },
  {
    name: 'maxTemplateDepth is configurable',
    template: rec(60),
    limits: { maxTemplateDepth: 50 },
    want: { code: 'LimitExceeded', limit: 'maxTemplateDepth' },
  },
  {
    name: 'until of 1e8 elements',
    template: '{{ until 100000000 | len }}',
    want: {
      code: 'LimitExceeded',
      limit: 'maxListLength',
      message:
        'template: t:1:3: executing "t" at <until 100000000>: error calling until: a list of 100000000 elements exceeds maxListLength (1000000)',
    },
  },
  {
    name: 'untilStep of 1e9 elements',
    template: '{{ untilStep 0 1000000000 1 }}',
    want: { code: 'LimitExceeded', limit: 'maxListLength' },
  },
  {
    name: 'negative untilStep of 1e9 elements',
    template: '{{ untilStep 0 -1000000000 -1 }}',
    want: { code: 'LimitExceeded', limit: 'maxListLength' },
  },
  {
    name: 'seq 1e8',
    template: '{{ seq 100000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxListLength' },
  },
  {
    name: 'seq with step',
    template: '{{ seq 0 1 100000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxListLength' },
  },
  {
    name: 'repeat to 3e8 bytes',
    template: '{{ repeat 100000000 "abc" }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'repeat of a multibyte string counts bytes',
    template: '{{ repeat 40000000 "é" }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'randAlphaNum 1e9',
    template: '{{ randAlphaNum 1000000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'randAlpha 1e9',
    template: '{{ randAlpha 1000000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'randNumeric 1e9',
    template: '{{ randNumeric 1000000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'randAscii 1e9',
    template: '{{ randAscii 1000000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'randBytes 1e9',
    template: '{{ randBytes 1000000000 }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'indent 1e9',
    template: '{{ indent 1000000000 "a\\nb" }}',
    want: { code: 'LimitExceeded', limit: 'maxStringBytes' },
  },
  {
    name: 'output from text in a loop',
    template: '{{ range until 1000 }}0123456789{{ end }}',
    limits: { maxOutputLength: 5000 },
    want: { code: 'LimitExceeded', limit: 'maxOutputLength' },
  },
  {
    name: 'output from values in a loop',
    template: '{{ range until 1000 }}{{ repeat 100 "x" }}{{ end }}',
    limits: { maxOutputLength: 5000 },
    want: {
      code: 'LimitExceeded',
      limit: 'maxOutputLength',
      message:
        'template: t:1:25: executing "t" at <{{repeat 100 "x"}}>: output exceeds 5000 characters (maxOutputLength)',
    },
  },
  {
    name: 'output through nested templates',
    template:
      '{{ define "x" }}{{ repeat 100 "x" }}{{ end }}{{ range until 1000 }}{{ template "x" }}{{ end }}',
    limits: { maxOutputLength: 5000 },
    want: { code: 'LimitExceeded', limit: 'maxOutputLength' },
  },
  {
    name: 'a printf width of 9999999 (legal in Go) past maxOutputLength',
    template: '{{ printf "%09999999d" 1 }}',
    limits: { maxOutputLength: 1000000 },
    want: { code: 'LimitExceeded', limit: 'maxOutputLength' },
  },
  {
    name: 'parentheses nested 2000 deep',
    template: `{{${'('.repeat(2000)}1${')'.repeat(2000)}}}`,
    want: {
      code: 'LimitExceeded',
      limit: 'maxParseNesting',
      message: 'template: t:1: template nesting exceeds 1000 levels (maxParseNesting)',
    },
  },
  {
    name: 'if nested 5000 deep',
    template: `${'{{if true}}'.repeat(5000)}x${'{{end}}'.repeat(5000)}`,
    want: { code: 'LimitExceeded', limit: 'maxParseNesting' },
  },
  {
    name: 'range nested 5000 deep',
    template: `${'{{range .}}'.repeat(5000)}x${'{{end}}'.repeat(5000)}`,
    want: { code: 'LimitExceeded', limit: 'maxParseNesting' },
  },
  {
    name: 'else-if chain of 20000',
    template: `{{if false}}${'{{else if false}}'.repeat(20000)}{{else}}y{{end}}`,
    want: { code: 'LimitExceeded', limit: 'maxParseNesting' },
  },
  {
    name: 'unclosed parentheses 100000 deep',
    template: `{{${'('.repeat(100000)}`,
    want: { code: 'LimitExceeded', limit: 'maxParseNesting' },
  },
  {
    name: 'maxParseNesting is configurable',
    template: '{{if true}}{{if true}}{{if true}}x{{end}}{{end}}{{end}}',
    limits: { maxParseNesting: 2 },
    want: { code: 'LimitExceeded', limit: 'maxParseNesting' },
  },
  {
    name: 'a function result too long for a JavaScript string',
    template: '{{ huge }}',
    want: { code: 'LimitExceeded', limit: 'jsStringLength' },
  },
];

const funcs = {
  ...sprigFuncs(),
  ...goldenTestFuncs(),
  huge: goFunc('func() string', () => {
    throw new RangeError('Invalid string length');
  }),
};

describe('hostile templates fail with LimitExceeded at a documented bound', () => {
  it.each(boundCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    let err: unknown;
    try {
      const set = new TemplateSet({ name: 't', funcs, limits: c.limits });
      set.parse('t', c.template).execute('t', goInt(0));
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err)).toBe(true);
    const e = err as { code: string; data: { limit?: string }; message: string };
    expect({ code: e.code, limit: e.data.limit }).toEqual({ code: c.want.code, limit: c.want.limit });
    if (c.want.message !== undefined) expect(e.message).toBe(c.want.message);
  });
});

interface HelmBoundCase {
  name: string;
  files: Record<string, string>;
  values?: Record<string, unknown>;
  want: { code: string; limit?: string };
}

const helmCases: HelmBoundCase[] = [
  {
    name: 'tpl that renders itself forever (Helm has no cap: Go runs out of stack)',
    files: { 't.yaml': '{{ tpl .Values.v . }}' },
    values: { v: '{{ tpl .Values.v . }}' },
    want: { code: 'LimitExceeded', limit: 'stack' },
  },
  {
    name: 'include recursion with growing data (no repeating cycle to extrapolate)',
    files: {
      't.yaml': '{{ include "g" "" }}',
      '_h.tpl': '{{ define "g" }}{{ include "g" (printf "%sx" .) }}{{ end }}',
    },
    want: { code: 'LimitExceeded', limit: 'stack' },
  },
  {
    name: 'template recursion inside an include reports Go depth error wrapped by include',
    files: {
      't.yaml': '{{ include "i" . }}',
      '_h.tpl': '{{ define "i" }}{{ template "r" . }}{{ end }}{{ define "r" }}{{ template "r" . }}{{ end }}',
    },
    want: { code: 'ExecError' },
  },
  {
    name: 'until inside an include',
    files: { 't.yaml': '{{ include "i" . }}', '_h.tpl': '{{ define "i" }}{{ until 100000000 }}{{ end }}' },
    want: { code: 'LimitExceeded', limit: 'maxListLength' },
  },
];

describe('hostile charts fail fast in the Helm engine', () => {
  it.each(helmCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const engine = new HelmEngine();
    const files = Object.entries(c.files).map(([n, text]) => ({ name: `c/templates/${n}`, text }));
    let err: unknown;
    try {
      engine.parse(files).render('c/templates/t.yaml', { Values: c.values ?? {} });
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err)).toBe(true);
    const e = err as { code: string; data: { limit?: string } };
    expect({ code: e.code, limit: e.data.limit }).toEqual({ code: c.want.code, limit: c.want.limit });
  });

  it('template recursion inside an include: Go depth error under include wrapping', () => {
    const engine = new HelmEngine().parse([
      { name: 'c/templates/t.yaml', text: '{{ include "i" . }}' },
      {
        name: 'c/templates/_h.tpl',
        text: '{{ define "i" }}{{ template "r" . }}{{ end }}{{ define "r" }}{{ template "r" . }}{{ end }}',
      },
    ]);
    expect(() => engine.render('c/templates/t.yaml', { Values: {} })).toThrow(
      'template: c/templates/t.yaml:1:3: executing "c/templates/t.yaml" at <include "i" .>: error calling include: template: c/templates/_h.tpl:1:73: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)',
    );
  });
});
