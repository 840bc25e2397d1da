import type { Event } from '@gitops-kit/core';
import type { EventLine } from './clusterEvents.js';

/** A recorded Flux event as an {@link EventLine} (`Warning` for error severity, else `Normal`). */
export function eventLine(e: Event): EventLine {
  const io = e.involvedObject;
  const line: EventLine = {
    lastTimestamp: e.timestamp,
    type: e.severity === 'error' ? 'Warning' : 'Normal',
    reason: e.reason,
    object: io.namespace ? `${io.kind}/${io.namespace}/${io.name}` : `${io.kind}/${io.name}`,
    message: e.message,
  };
  if (e.metadata && Object.keys(e.metadata).length) line.metadata = { ...e.metadata };
  return line;
}

/** Go-style short age: `45s`, `3m12s`, `2h5m`, `4d3h`. */
function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  if (s < 86400)
    return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600) ? `${Math.floor((s % 86400) / 3600)}h` : ''}`;
}

/**
 * Events as `flux events` prints them: `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE`, the age relative
 * to `now` (epoch ms); further lines of a multi-line message are indented under MESSAGE.
 */
export function formatEvents(lines: EventLine[], now: number): string {
  if (lines.length === 0) return 'No events found.\n';
  const rows = lines.map((l) => ({
    seen: Number.isNaN(Date.parse(l.lastTimestamp)) ? '<unknown>' : age(now - Date.parse(l.lastTimestamp)),
    type: l.type,
    reason: l.reason,
    object: l.object,
    message: l.message,
  }));
  const w = (f: (r: (typeof rows)[number]) => string, t: string) =>
    Math.max(t.length, ...rows.map((r) => f(r).length));
  const ws = w((r) => r.seen, 'LAST SEEN');
  const wt = w((r) => r.type, 'TYPE');
  const wr = w((r) => r.reason, 'REASON');
  const wo = w((r) => r.object, 'OBJECT');
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  const indent = ' '.repeat(ws + wt + wr + wo + 8);
  const out = [
    `${pad('LAST SEEN', ws)}  ${pad('TYPE', wt)}  ${pad('REASON', wr)}  ${pad('OBJECT', wo)}  MESSAGE`,
  ];
  for (const r of rows) {
    const [first, ...rest] = r.message.split('\n');
    out.push(
      `${pad(r.seen, ws)}  ${pad(r.type, wt)}  ${pad(r.reason, wr)}  ${pad(r.object, wo)}  ${first}`.trimEnd(),
    );
    for (const more of rest) out.push(`${indent}${more}`.trimEnd());
  }
  return `${out.join('\n')}\n`;
}
