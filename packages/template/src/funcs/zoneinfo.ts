/**
 * Time zone abbreviations as Go's `time` package reports them (`MST` in a layout): read from the
 * system's TZif files (`/usr/share/zoneinfo/…`, the directories Go's `LoadLocation` searches), so a
 * zone prints `JST` or `CEST` where JavaScript's Intl would print `GMT+9`.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/time/zoneinfo_read.go
 * @see https://github.com/golang/go/blob/go1.23.0/src/time/zoneinfo.go (lookup, tzset)
 * @internal
 */
import { readFileSync } from 'node:fs';

/** The directories Go's `time.LoadLocation` reads on Unix, in its order. */
const ZONE_DIRS = [
  '/usr/share/zoneinfo/',
  '/usr/share/lib/zoneinfo/',
  '/usr/lib/locale/TZ/',
  '/etc/zoneinfo/',
];

interface ZoneType {
  offset: number;
  isDST: boolean;
  name: string;
}

interface ZoneData {
  /** Transition instants in seconds since the epoch, ascending. */
  when: number[];
  /** Index into `types` per transition. */
  index: number[];
  types: ZoneType[];
  /** The POSIX TZ footer for instants after the last transition (TZif v2+), or ''. */
  extend: string;
}

const cache = new Map<string, ZoneData | null>();

function validName(zone: string): boolean {
  return zone !== '' && !zone.startsWith('/') && !zone.split('/').includes('..') && !zone.includes('\\');
}

function load(zone: string): ZoneData | null {
  if (cache.has(zone)) return cache.get(zone) ?? null;
  let data: ZoneData | null = null;
  if (validName(zone)) {
    for (const dir of ZONE_DIRS) {
      try {
        data = parseTZif(readFileSync(dir + zone));
        break;
      } catch {
        // next directory, as Go does
      }
    }
  }
  cache.set(zone, data);
  return data;
}

/** Parses a TZif file (RFC 8536), preferring the 64-bit v2+ block. Throws on malformed input. */
export function parseTZif(buf: Buffer): ZoneData {
  const header = (at: number) => {
    if (buf.toString('latin1', at, at + 4) !== 'TZif') throw new Error('not a TZif file');
    const n = (i: number) => buf.readUInt32BE(at + 20 + 4 * i);
    return {
      version: buf[at + 4] ?? 0,
      isutcnt: n(0),
      isstdcnt: n(1),
      leapcnt: n(2),
      timecnt: n(3),
      typecnt: n(4),
      charcnt: n(5),
    };
  };
  let h = header(0);
  let at = 44;
  let timeSize = 4;
  if (h.version >= 0x32) {
    // Skip the v1 block; read the v2 block with 64-bit times.
    at += h.timecnt * 5 + h.typecnt * 6 + h.charcnt + h.leapcnt * 8 + h.isstdcnt + h.isutcnt;
    h = header(at);
    at += 44;
    timeSize = 8;
  }
  const when: number[] = [];
  for (let i = 0; i < h.timecnt; i++) {
    when.push(timeSize === 8 ? Number(buf.readBigInt64BE(at + 8 * i)) : buf.readInt32BE(at + 4 * i));
  }
  at += h.timecnt * timeSize;
  const index = [...buf.subarray(at, at + h.timecnt)];
  at += h.timecnt;
  const typeStart = at;
  at += h.typecnt * 6;
  const chars = buf.subarray(at, at + h.charcnt);
  at += h.charcnt + h.leapcnt * (timeSize + 4) + h.isstdcnt + h.isutcnt;
  const types: ZoneType[] = [];
  for (let i = 0; i < h.typecnt; i++) {
    const p = typeStart + 6 * i;
    const abbr = buf[p + 5] ?? 0;
    const end = chars.indexOf(0, abbr);
    types.push({
      offset: buf.readInt32BE(p),
      isDST: buf[p + 4] !== 0,
      name: chars.toString('latin1', abbr, end < 0 ? chars.length : end),
    });
  }
  let extend = '';
  if (timeSize === 8 && buf[at] === 0x0a) {
    const end = buf.indexOf(0x0a, at + 1);
    if (end > at) extend = buf.toString('latin1', at + 1, end);
  }
  if (types.length === 0) throw new Error('TZif file without types');
  return { when, index, types, extend };
}

/** The std and dst names of a POSIX TZ string (`JST-9`, `<+04>-4`, `CET-1CEST,M3.5.0,M10.5.0/3`). */
function tzNames(tz: string): { std: string; stdOffset: number | null; dst: string } {
  const name = /^(?:<([^>]*)>|([A-Za-z]{3,}))/;
  const m = name.exec(tz);
  if (!m) return { std: '', stdOffset: null, dst: '' };
  const std = m[1] ?? m[2] ?? '';
  let rest = tz.slice(m[0].length);
  const o = /^([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?/.exec(rest);
  let stdOffset: number | null = null;
  if (o) {
    // POSIX offsets are west-positive.
    stdOffset = (o[1] === '-' ? 1 : -1) * (Number(o[2]) * 3600 + Number(o[3] ?? 0) * 60 + Number(o[4] ?? 0));
    rest = rest.slice(o[0].length);
  }
  const d = name.exec(rest);
  return { std, stdOffset, dst: d ? (d[1] ?? d[2] ?? '') : '' };
}

/**
 * The abbreviation Go prints for `zone` at `date`, given the UTC offset (seconds east) in effect, or
 * `undefined` when the zone has no readable TZif file (callers fall back to Intl's name).
 */
export function goZoneAbbreviation(zone: string, date: Date, offsetSeconds: number): string | undefined {
  const z = load(zone);
  if (!z) return undefined;
  const sec = Math.floor(date.getTime() / 1000);
  const { when, index, types, extend } = z;
  if (when.length === 0 || sec < (when[0] ?? 0)) {
    // Go's lookupFirstZone: the first standard-time type.
    return (types.find((t) => !t.isDST) ?? types[0])?.name;
  }
  let lo = 0;
  let hi = when.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((when[mid] ?? 0) <= sec) lo = mid;
    else hi = mid;
  }
  if (lo === when.length - 1 && extend !== '') {
    const names = tzNames(extend);
    if (names.std !== '') {
      return names.dst !== '' && names.stdOffset !== null && offsetSeconds !== names.stdOffset
        ? names.dst
        : names.std;
    }
  }
  return types[index[lo] ?? 0]?.name;
}
