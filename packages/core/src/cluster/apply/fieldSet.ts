/**
 * Field paths and field sets as server-side apply tracks them (structured-merge-diff's `fieldpath`),
 * with the `fieldsV1` serialisation the API server writes into `metadata.managedFields`:
 * `f:<field>`, `k:<json of the key fields>`, `v:<json value>`, `i:<index>`, and `.` for "this node
 * itself" when it also has children.
 *
 * @see https://github.com/kubernetes-sigs/structured-merge-diff/tree/v4.0.2/fieldpath
 * @internal
 */

/** One step of a path: a struct field or map key, a list-map item by its keys, a set item by value, a list index. */
export type PathElement =
  | { field: string }
  | { key: ReadonlyArray<readonly [string, unknown]> }
  | { value: unknown }
  | { index: number };

/** A path from the object root. */
export type FieldPath = readonly PathElement[];

const peRank = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

/** Total order of JSON values (numbers < strings < booleans < lists < maps < null), as `value.Compare`. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return cmpStr(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; ; i++) {
        if (i >= la.length && i >= lb.length) return 0;
        if (i >= la.length) return -1;
        if (i >= lb.length) return 1;
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
    }
    case 4: {
      const ka = Object.keys(a as object).sort();
      const kb = Object.keys(b as object).sort();
      for (let i = 0; ; i++) {
        if (i >= ka.length && i >= kb.length) return 0;
        if (i >= ka.length) return -1;
        if (i >= kb.length) return 1;
        const c = cmpStr(ka[i]!, kb[i]!);
        if (c !== 0) return c;
        const d = compareValues(
          (a as Record<string, unknown>)[ka[i]!],
          (b as Record<string, unknown>)[kb[i]!],
        );
        if (d !== 0) return d;
      }
    }
    default:
      return 0;
  }
}

/** Deep equality of JSON values (numbers compared numerically, map key order ignored). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const lb = b as unknown[];
    return a.length === lb.length && a.every((x, i) => valuesEqual(x, lb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b as object, k) &&
      valuesEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Order of path elements: fields, then keys, values, indices; each by content. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ra = peRank(a);
  const rb = peRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if ('field' in a) return cmpStr(a.field, (b as { field: string }).field);
  if ('key' in a) {
    const kb = (b as { key: ReadonlyArray<readonly [string, unknown]> }).key;
    for (let i = 0; ; i++) {
      if (i >= a.key.length && i >= kb.length) return 0;
      if (i >= a.key.length) return -1;
      if (i >= kb.length) return 1;
      const c = cmpStr(a.key[i]![0], kb[i]![0]);
      if (c !== 0) return c;
      const d = compareValues(a.key[i]![1], kb[i]![1]);
      if (d !== 0) return d;
    }
  }
  if ('value' in a) return compareValues(a.value, (b as { value: unknown }).value);
  const ib = (b as { index: number }).index;
  return a.index < ib ? -1 : a.index > ib ? 1 : 0;
}

/** JSON as Go's encoding/json writes it (HTML-safe escapes, sorted map keys). */
export function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) out[k] = sorted((x as Record<string, unknown>)[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(sorted(v)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The `fieldsV1` key of a path element: `f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`. */
export function serializePathElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) {
    return `k:{${pe.key.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
  }
  if ('value' in pe) return `v:${goJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a `fieldsV1` key; `undefined` for an unknown prefix (ignored, as the API server does). */
export function parsePathElement(s: string): PathElement | undefined {
  if (s.length < 2 || s[1] !== ':') throw new Error(`invalid path element ${JSON.stringify(s)}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return { field: body };
    case 'v':
      return { value: JSON.parse(body) };
    case 'i': {
      const n = Number(body);
      if (!Number.isInteger(n)) throw new Error(`invalid index ${JSON.stringify(s)}`);
      return { index: n };
    }
    case 'k': {
      const obj = JSON.parse(body) as Record<string, unknown>;
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`invalid key ${s}`);
      return {
        key: Object.keys(obj)
          .sort()
          .map((k) => [k, obj[k]] as const),
      };
    }
    default:
      return undefined;
  }
}

/** Go's `%v` of a scalar inside a path string: strings quoted, numbers and booleans plain. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${valueString(x)}`)
      .join('');
  }
  return String(v);
}

/** A path as the API server prints it in conflicts: `.spec.containers[name="app"].image`, `[="x"]`, `[0]`. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((pe) => {
      if ('field' in pe) return `.${pe.field}`;
      if ('key' in pe) return `[${pe.key.map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
      if ('value' in pe) return `[=${valueString(pe.value)}]`;
      return `[${pe.index}]`;
    })
    .join('');
}

/** A set of field paths, as a tree (structured-merge-diff's `fieldpath.Set`). Immutable operations return new sets. */
export class FieldSet {
  /** Paths ending here, by serialised path element. */
  readonly members = new Map<string, PathElement>();
  /** Sub-trees, by serialised path element. */
  readonly children = new Map<string, { pe: PathElement; set: FieldSet }>();

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) s = s.descend(path[i]!);
    const last = path[path.length - 1]!;
    s.members.set(serializePathElement(last), last);
  }

  private descend(pe: PathElement): FieldSet {
    const k = serializePathElement(pe);
    let c = this.children.get(k);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(k, c);
    }
    return c.set;
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    let s: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1; i++) {
      s = s.children.get(serializePathElement(path[i]!))?.set;
      if (!s) return false;
    }
    return s.members.has(serializePathElement(path[path.length - 1]!));
  }

  /** The sub-tree under `pe` (empty when none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePathElement(pe))?.set ?? new FieldSet();
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.empty()) return false;
    return true;
  }

  union(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      out.children.set(k, { pe: c.pe, set: oc ? c.set.union(oc.set) : c.set });
    }
    for (const [k, c] of o.children) if (!this.children.has(k)) out.children.set(k, c);
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) continue;
      const r = c.set.intersection(oc.set);
      if (!r.empty()) out.children.set(k, { pe: c.pe, set: r });
    }
    return out;
  }

  /** Members of this set not in `o`; sub-trees are subtracted recursively (a member of `o` does not remove a sub-tree). */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) {
        out.children.set(k, c);
        continue;
      }
      const r = c.set.difference(oc.set);
      if (!r.empty()) out.children.set(k, { pe: c.pe, set: r });
    }
    return out;
  }

  /** Like {@link difference}, but a member of `o` also removes the whole sub-tree under it. */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const oc = o.children.get(k);
      if (!oc) {
        out.children.set(k, c);
        continue;
      }
      const r = c.set.recursiveDifference(oc.set);
      if (!r.empty()) out.children.set(k, { pe: c.pe, set: r });
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    const a = this.paths().map((p) => p.map(serializePathElement).join('\u0000'));
    const b = o.paths().map((p) => p.map(serializePathElement).join('\u0000'));
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  private sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(comparePathElements);
  }

  private sortedChildren(): { pe: PathElement; set: FieldSet }[] {
    return [...this.children.values()].sort((a, b) => comparePathElements(a.pe, b.pe));
  }

  /** Every path, members before sub-trees at each level, each in path-element order (as `Set.Iterate`). */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (s: FieldSet, prefix: PathElement[]) => {
      for (const pe of s.sortedMembers()) out.push([...prefix, pe]);
      for (const c of s.sortedChildren()) walk(c.set, [...prefix, c.pe]);
    };
    walk(this, []);
    return out;
  }

  /** The `fieldsV1` JSON object. */
  toFieldsV1(): Record<string, unknown> {
    const emit = (s: FieldSet, includeSelf: boolean): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      if (includeSelf && !s.empty()) out['.'] = {};
      const members = s.sortedMembers();
      const children = s.sortedChildren().filter((c) => !c.set.empty());
      let mi = 0;
      let ci = 0;
      while (mi < members.length || ci < children.length) {
        const m = members[mi];
        const c = children[ci];
        const cmp = m && c ? comparePathElements(m, c.pe) : m ? -1 : 1;
        if (cmp < 0) {
          out[serializePathElement(m!)] = {};
          mi++;
        } else if (cmp > 0) {
          out[serializePathElement(c!.pe)] = emit(c!.set, false);
          ci++;
        } else {
          out[serializePathElement(c!.pe)] = emit(c!.set, true);
          mi++;
          ci++;
        }
      }
      return out;
    };
    return emit(this, false);
  }

  /** Reads a `fieldsV1` JSON object. @throws Error on malformed keys. */
  static fromFieldsV1(obj: unknown): FieldSet {
    const read = (o: unknown, into: FieldSet, parent: FieldSet | undefined, pe: PathElement | undefined) => {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error('fieldsV1: not a mapping');
      const keys = Object.keys(o);
      if (keys.length === 0 && parent && pe) {
        parent.members.set(serializePathElement(pe), pe);
        return;
      }
      for (const k of keys) {
        if (k === '.') {
          if (parent && pe) parent.members.set(serializePathElement(pe), pe);
          continue;
        }
        const child = parsePathElement(k);
        if (!child) continue;
        const sub = (o as Record<string, unknown>)[k];
        const childKeys = sub && typeof sub === 'object' ? Object.keys(sub) : [];
        if (childKeys.length === 0) {
          into.members.set(serializePathElement(child), child);
          continue;
        }
        const set = into.descend(child);
        read(sub, set, into, child);
      }
    };
    const root = new FieldSet();
    read(obj, root, undefined, undefined);
    return root;
  }
}
