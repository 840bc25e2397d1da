import { CoreError } from '../errors/GitOpsKitError.js';

/**
 * One requirement of a label selector. `operator` is Kubernetes' `selection.Operator`:
 * `=`/`==`/`in` (value in `values`), `!=`/`notin` (label absent or value not in `values`),
 * `exists`, `!` (does not exist), `gt`/`lt` (integer comparison).
 */
export interface LabelRequirement {
  key: string;
  operator: '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
  values: string[];
}

/** `metav1.LabelSelector`: `matchLabels` and `matchExpressions` (operators `In`, `NotIn`, `Exists`, `DoesNotExist`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function bad(selector: string, why: string): CoreError {
  return new CoreError('InvalidArgument', `invalid label selector ${JSON.stringify(selector)}: ${why}`, {
    data: { selector },
  });
}

/** Checks a label key (`[prefix/]name`, name ≤ 63 characters, prefix a DNS subdomain ≤ 253). */
export function validLabelKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) return false;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return true;
}

/** Checks a label value (empty, or ≤ 63 characters of `[A-Za-z0-9_.-]` starting and ending alphanumeric). */
export function validLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

type Token =
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: ',' | '(' | ')' }
  | { t: 'in' | 'notin' }
  | { t: 'end' };

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ',' || c === '(' || c === ')') {
      out.push({ t: c });
      i++;
      continue;
    }
    if ('!=<>'.includes(c)) {
      const two = s.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s,()!=<>]/.test(s[j]!)) j++;
    const word = s.slice(i, j);
    if (word === 'in' || word === 'notin') out.push({ t: word });
    else out.push({ t: 'id', v: word });
    i = j;
  }
  out.push({ t: 'end' });
  return out;
}

/**
 * Parses Kubernetes label selector syntax: `app=web,tier!=db,env in (a,b),release notin (x),track,!legacy,n>3`.
 * The empty string selects everything (no requirements).
 *
 * @throws {CoreError} `InvalidArgument` naming the selector and the problem.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/labels/selector.go `Parse`
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const toks = lex(selector);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const reqs: LabelRequirement[] = [];
  if (peek().t === 'end') return reqs;
  for (;;) {
    let negate = false;
    if (peek().t === 'op' && (peek() as { v: string }).v === '!') {
      negate = true;
      next();
    }
    const keyTok = next();
    if (keyTok.t !== 'id') throw bad(selector, 'expected a label key');
    const key = keyTok.v;
    if (!validLabelKey(key)) throw bad(selector, `invalid label key ${JSON.stringify(key)}`);
    const t = peek();
    if (negate) {
      if (t.t !== ',' && t.t !== 'end') throw bad(selector, `unexpected token after !${key}`);
      reqs.push({ key, operator: '!', values: [] });
    } else if (t.t === ',' || t.t === 'end') {
      reqs.push({ key, operator: 'exists', values: [] });
    } else if (t.t === 'in' || t.t === 'notin') {
      next();
      if (next().t !== '(') throw bad(selector, `expected "(" after ${t.t}`);
      const values: string[] = [];
      if (peek().t === ')') next();
      else {
        for (;;) {
          const v = peek();
          if (v.t === 'id') {
            values.push(v.v);
            next();
          } else values.push('');
          const sep = next();
          if (sep.t === ')') break;
          if (sep.t !== ',') throw bad(selector, 'expected "," or ")" in value list');
        }
      }
      for (const v of values)
        if (!validLabelValue(v)) throw bad(selector, `invalid label value ${JSON.stringify(v)}`);
      reqs.push({ key, operator: t.t, values: values.sort() });
    } else if (t.t === 'op') {
      next();
      const op = t.v;
      const v = peek();
      let value = '';
      if (v.t === 'id') {
        value = v.v;
        next();
      }
      if (op === '>' || op === '<') {
        if (!/^-?\d+$/.test(value)) throw bad(selector, `value for ${op} must be an integer`);
        reqs.push({ key, operator: op === '>' ? 'gt' : 'lt', values: [value] });
      } else if (op === '=' || op === '==' || op === '!=') {
        if (!validLabelValue(value)) throw bad(selector, `invalid label value ${JSON.stringify(value)}`);
        reqs.push({ key, operator: op, values: [value] });
      } else throw bad(selector, `unknown operator ${op}`);
    } else throw bad(selector, `unexpected token after ${key}`);
    const sep = next();
    if (sep.t === 'end') break;
    if (sep.t !== ',') throw bad(selector, 'expected ","');
    if (peek().t === 'end') throw bad(selector, 'trailing ","');
  }
  return reqs;
}

/** True when `labels` satisfy every requirement. */
export function matchLabelRequirements(
  reqs: readonly LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case '=':
      case '==':
      case 'in':
        return has && r.values.includes(v!);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const want = Number(r.values[0]);
        return r.operator === 'gt' ? n > want : n < want;
      }
      default:
        return false;
    }
  });
}

/**
 * True when `labels` match the selector string (empty: everything).
 * @throws {CoreError} `InvalidArgument` for a malformed selector.
 */
export function matchesLabelSelector(selector: string, labels: Record<string, string> | undefined): boolean {
  return matchLabelRequirements(parseLabelSelector(selector), labels);
}

/**
 * Formats a `metav1.LabelSelector` (`matchLabels` + `matchExpressions`) as selector syntax, as
 * `metav1.LabelSelectorAsSelector` does: requirements sorted by key, `In`/`NotIn` values sorted.
 * An empty selector gives `''` (everything).
 *
 * @throws {CoreError} `InvalidArgument` for an unknown operator or an invalid key or value.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/apis/meta/v1/helpers.go `LabelSelectorAsSelector`
 */
export function formatLabelSelector(sel: LabelSelector): string {
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (!validLabelKey(k) || !validLabelValue(v)) throw bad(`${k}=${v}`, 'invalid matchLabels entry');
    parts.push({ key: k, text: `${k}=${v}` });
  }
  for (const e of sel.matchExpressions ?? []) {
    if (!validLabelKey(e.key)) throw bad(e.key, 'invalid matchExpressions key');
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        parts.push({ key: e.key, text: `${e.key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        parts.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        parts.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        parts.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        throw bad(e.key, `${JSON.stringify(e.operator)} is not a valid pod selector operator`);
    }
  }
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}
