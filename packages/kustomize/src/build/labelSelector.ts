/**
 * Kubernetes label selector strings (`app=web,tier!=db,env in (a,b),!legacy`), as
 * `k8s.io/apimachinery/pkg/labels.Parse` reads them; used by patch targets, replacements and
 * `labelSelector`/`annotationSelector` fields.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/labels/selector.go
 */

type Op = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A parsed selector; `matches` tests a label set. */
export interface LabelSelector {
  matches(labels: ReadonlyMap<string, string>): boolean;
}

const EVERYTHING: LabelSelector = { matches: () => true };

/** Parses a selector; throws an Error with apimachinery-like wording on bad syntax. */
export function parseLabelSelector(s: string): LabelSelector {
  const src = s.trim();
  if (src === '') return EVERYTHING;
  const reqs: Requirement[] = [];
  let i = 0;
  const n = src.length;
  const skipWs = () => {
    while (i < n && /\s/.test(src[i]!)) i++;
  };
  const readIdent = (): string => {
    skipWs();
    const start = i;
    while (i < n && !/[\s,()=!<>]/.test(src[i]!)) i++;
    return src.slice(start, i);
  };
  while (i < n) {
    skipWs();
    let neg = false;
    if (src[i] === '!') {
      neg = true;
      i++;
    }
    const key = readIdent();
    if (key === '')
      throw new Error(`unable to parse requirement: found '${src[i] ?? ''}', expected: identifier`);
    skipWs();
    if (neg) {
      reqs.push({ key, op: '!', values: [] });
    } else if (i >= n || src[i] === ',') {
      reqs.push({ key, op: 'exists', values: [] });
    } else if (src.startsWith('==', i)) {
      i += 2;
      reqs.push({ key, op: '=', values: [readIdent()] });
    } else if (src.startsWith('!=', i)) {
      i += 2;
      reqs.push({ key, op: '!=', values: [readIdent()] });
    } else if (src[i] === '=') {
      i += 1;
      reqs.push({ key, op: '=', values: [readIdent()] });
    } else if (src[i] === '>' || src[i] === '<') {
      const op: Op = src[i] === '>' ? 'gt' : 'lt';
      i += 1;
      const v = readIdent();
      if (!/^-?\d+$/.test(v)) throw new Error(`for 'Gt', 'Lt' operators, the value must be an integer`);
      reqs.push({ key, op, values: [v] });
    } else {
      const word = readIdent();
      if (word !== 'in' && word !== 'notin') {
        throw new Error(
          `unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
      skipWs();
      if (src[i] !== '(') throw new Error(`found '${src[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipWs();
        if (src[i] === ')') {
          i++;
          break;
        }
        values.push(readIdent());
        skipWs();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ')') {
          i++;
          break;
        }
        throw new Error(`found '${src[i] ?? ''}', expected: ',' or ')'`);
      }
      reqs.push({ key, op: word, values });
    }
    skipWs();
    if (i < n) {
      if (src[i] !== ',') throw new Error(`found '${src[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return {
    matches(labels) {
      for (const r of reqs) {
        const has = labels.has(r.key);
        const v = labels.get(r.key);
        switch (r.op) {
          case 'exists':
            if (!has) return false;
            break;
          case '!':
            if (has) return false;
            break;
          case '=':
          case 'in':
            if (!has || !r.values.includes(v!)) return false;
            break;
          case '!=':
          case 'notin':
            if (has && r.values.includes(v!)) return false;
            break;
          case 'gt':
          case 'lt': {
            if (!has || !/^-?\d+$/.test(v!)) return false;
            const a = Number(v);
            const b = Number(r.values[0]);
            if (r.op === 'gt' ? !(a > b) : !(a < b)) return false;
            break;
          }
        }
      }
      return true;
    },
  };
}
