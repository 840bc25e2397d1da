/**
 * Go `time` formatting for Sprig's date functions: reference-layout formatting (`2006-01-02`),
 * parsing of simple layouts (`toDate`), `Duration.String()` and `time.ParseDuration`.
 * Times are JavaScript `Date`s; `Local` is UTC (Helm goldens are made with `TZ=UTC`).
 *
 * @see https://pkg.go.dev/time#pkg-constants
 */
import { goZoneAbbreviation } from './zoneinfo.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const TOKENS = [
  'January',
  'Monday',
  '2006',
  '-07:00:00',
  '-0700',
  '-07:00',
  'Z07:00:00',
  'Z0700',
  'Z07:00',
  'Z07',
  '-07',
  'MST',
  'Jan',
  'Mon',
  '002',
  '__2',
  '_2',
  '15',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  'PM',
  'pm',
  '.000000000',
  '.999999999',
  '.000000',
  '.999999',
  '.000',
  '.999',
  ',000',
  ',999',
  '1',
  '2',
  '3',
  '4',
  '5',
]; // prettier-ignore

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  wd: number;
  yd: number;
  off: number;
  zone: string;
}

function zoneOffsetMinutes(date: Date, zone: string): { off: number; abbr: string } {
  if (zone === 'UTC' || zone === 'Local' || zone === '') return { off: 0, abbr: 'UTC' };
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' });
    const name = f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
    const off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
    const short = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    const abbr = short.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
    return {
      off,
      abbr:
        goZoneAbbreviation(zone, date, off * 60) ??
        (/^GMT[+-]/.test(abbr) ? abbr.replace('GMT', '').replace(/^([+-])(\d)$/, '$10$2') : abbr),
    };
  } catch {
    return { off: 0, abbr: 'UTC' };
  }
}

function parts(date: Date, zone: string): Parts {
  const { off, abbr } = zoneOffsetMinutes(date, zone);
  const t = new Date(date.getTime() + off * 60000);
  const start = Date.UTC(t.getUTCFullYear(), 0, 1);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
    wd: t.getUTCDay(),
    yd: Math.floor((t.getTime() - start) / 86400000) + 1,
    off,
    zone: abbr,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function fmtOffset(off: number, colon: boolean, z: boolean, short = false): string {
  if (z && off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  if (short) return `${sign}${pad(Math.floor(a / 60))}`;
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** Formats `date` with a Go reference layout in `zone` (IANA name, `UTC` or `Local`). */
export function goDateFormat(date: Date, layout: string, zone: string): string {
  const p = parts(date, zone);
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const tok of TOKENS) {
      if (!layout.startsWith(tok, i)) continue;
      // "1" etc. only when not part of a longer number-like token handled above
      let v: string;
      switch (tok) {
        case 'January':
          v = MONTHS[p.mo - 1]!;
          break;
        case 'Jan':
          v = MONTHS[p.mo - 1]!.slice(0, 3);
          break;
        case 'Monday':
          v = DAYS[p.wd]!;
          break;
        case 'Mon':
          v = DAYS[p.wd]!.slice(0, 3);
          break;
        case '2006':
          v = pad(p.y, 4);
          break;
        case '06':
          v = pad(p.y % 100);
          break;
        case '01':
          v = pad(p.mo);
          break;
        case '1':
          v = String(p.mo);
          break;
        case '02':
          v = pad(p.d);
          break;
        case '_2':
          v = String(p.d).padStart(2, ' ');
          break;
        case '2':
          v = String(p.d);
          break;
        case '002':
          v = pad(p.yd, 3);
          break;
        case '__2':
          v = String(p.yd).padStart(3, ' ');
          break;
        case '15':
          v = pad(p.h);
          break;
        case '03':
          v = pad(p.h % 12 === 0 ? 12 : p.h % 12);
          break;
        case '3':
          v = String(p.h % 12 === 0 ? 12 : p.h % 12);
          break;
        case '04':
          v = pad(p.mi);
          break;
        case '4':
          v = String(p.mi);
          break;
        case '05':
          v = pad(p.s);
          break;
        case '5':
          v = String(p.s);
          break;
        case 'PM':
          v = p.h >= 12 ? 'PM' : 'AM';
          break;
        case 'pm':
          v = p.h >= 12 ? 'pm' : 'am';
          break;
        case 'MST':
          v = p.zone;
          break;
        case '-0700':
          v = fmtOffset(p.off, false, false);
          break;
        case '-07:00':
          v = fmtOffset(p.off, true, false);
          break;
        case '-07':
          v = fmtOffset(p.off, false, false, true);
          break;
        case '-07:00:00':
          v = fmtOffset(p.off, true, false) + ':00';
          break;
        case 'Z0700':
          v = fmtOffset(p.off, false, true);
          break;
        case 'Z07:00':
          v = fmtOffset(p.off, true, true);
          break;
        case 'Z07':
          v = p.off === 0 ? 'Z' : fmtOffset(p.off, false, false, true);
          break;
        case 'Z07:00:00':
          v = p.off === 0 ? 'Z' : fmtOffset(p.off, true, false) + ':00';
          break;
        default: {
          // fractional seconds
          const digits = tok.length - 1;
          const frac = (String(p.ms).padStart(3, '0') + '000000').slice(0, digits);
          if (tok[1] === '9') {
            const trimmed = frac.replace(/0+$/, '');
            v = trimmed ? tok[0] + trimmed : '';
          } else v = tok[0] + frac;
        }
      } // prettier-ignore
      out += v;
      i += tok.length;
      continue outer;
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** Go's `time.Time.String()` in UTC. */
export function formatGoTime(d: Date): string {
  return goDateFormat(d, '2006-01-02 15:04:05.999999999 -0700 MST', 'UTC');
}

/**
 * Parses `value` with a Go layout (numeric fields, month names, zones as offsets). Returns the
 * zero time (`0001-01-01 00:00:00 UTC`) on failure unless `must`, which throws Go's message.
 */
export function parseGoTime(layout: string, value: string, must: boolean): Date {
  const fields: string[] = [];
  let re = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const tok of TOKENS) {
      if (!layout.startsWith(tok, i)) continue;
      const map: Record<string, string> = {
        '2006': '(\\d{4})',
        '06': '(\\d{2})',
        '01': '(\\d{2})',
        '1': '(\\d{1,2})',
        '02': '(\\d{2})',
        '2': '(\\d{1,2})',
        _2: ' ?(\\d{1,2})',
        '15': '(\\d{2})',
        '03': '(\\d{2})',
        '3': '(\\d{1,2})',
        '04': '(\\d{2})',
        '4': '(\\d{1,2})',
        '05': '(\\d{2})',
        '5': '(\\d{1,2})',
        January: '([A-Za-z]+)',
        Jan: '([A-Za-z]{3})',
        Monday: '([A-Za-z]+)',
        Mon: '([A-Za-z]{3})',
        PM: '(AM|PM)',
        pm: '(am|pm)',
        MST: '([A-Z]{3,4}|[+-]\\d{2,4})',
        '-0700': '([+-]\\d{4})',
        '-07:00': '([+-]\\d{2}:\\d{2})',
        '-07': '([+-]\\d{2})',
        Z0700: '(Z|[+-]\\d{4})',
        'Z07:00': '(Z|[+-]\\d{2}:\\d{2})',
        Z07: '(Z|[+-]\\d{2})',
      }; // prettier-ignore
      if (tok.startsWith('.') || tok.startsWith(',')) re += '(?:[.,](\\d+))?';
      else re += map[tok] ?? escapeRe(tok);
      fields.push(tok);
      i += tok.length;
      continue outer;
    }
    re += escapeRe(layout[i]!);
    i++;
  }
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m) {
    if (must)
      throw new Error(
        `parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value)} as ${JSON.stringify(layout)}`,
      );
    return new Date(Date.UTC(1, 0, 1) - 0);
  }
  let y = 1;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let off = 0;
  let pm: boolean | null = null;
  fields.forEach((f, k) => {
    const v = m[k + 1];
    if (v === undefined) return;
    switch (f) {
      case '2006':
        y = Number(v);
        break;
      case '06':
        y = 2000 + Number(v);
        if (y >= 2069) y -= 100;
        break;
      case '01':
      case '1':
        mo = Number(v);
        break;
      case 'January':
      case 'Jan':
        mo = MONTHS.findIndex((n) => n.toLowerCase().startsWith(v.toLowerCase())) + 1;
        break;
      case '02':
      case '2':
      case '_2':
        d = Number(v);
        break;
      case '15':
      case '03':
      case '3':
        h = Number(v);
        break;
      case '04':
      case '4':
        mi = Number(v);
        break;
      case '05':
      case '5':
        s = Number(v);
        break;
      case 'PM':
      case 'pm':
        pm = v.toLowerCase() === 'pm';
        break;
      case '-0700':
      case '-07:00':
      case '-07':
      case 'Z0700':
      case 'Z07:00':
      case 'Z07': {
        if (v !== 'Z') {
          const sign = v[0] === '-' ? -1 : 1;
          const digits = v.slice(1).replace(':', '');
          off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
        }
        break;
      }
      default:
        if (f.startsWith('.') || f.startsWith(',')) ms = Number((v + '000').slice(0, 3));
    }
  }); // prettier-ignore
  if (pm === true && h < 12) h += 12;
  if (pm === false && h === 12) h = 0;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return new Date(t.getTime() - off * 60000);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Go's `Duration.String()` of `ns` nanoseconds. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    let unit: string;
    let div: number;
    if (u < 1e3) {
      unit = 'ns';
      div = 1;
    } else if (u < 1e6) {
      unit = 'µs';
      div = 1e3;
    } else {
      unit = 'ms';
      div = 1e6;
    }
    out = trimFrac(u / div) + unit;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const sec = trimFrac(u / 1e9) + 's';
    out = (h > 0 ? `${h}h${m}m` : m > 0 ? `${m}m` : '') + sec;
  }
  return (neg ? '-' : '') + out;
}

function trimFrac(x: number): string {
  return String(Number(x.toFixed(9)));
}

/** Go's `time.ParseDuration`, in nanoseconds. */
export function parseGoDuration(s: string): number {
  const orig = s;
  if (s === '0') return 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  const units: Record<string, number> = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 6e10,
    h: 3.6e12,
  };
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)([a-z\u00b5\u03bc]*)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
    if (m[2] === '') throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = units[m[2]!];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(m[2])} in duration ${JSON.stringify(orig)}`);
    total += Number(m[1]) * unit;
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}
