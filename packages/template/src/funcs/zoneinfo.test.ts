import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goZoneAbbreviation } from './zoneinfo.js';

// Want values printed by Go 1.23 on this machine: time.LoadLocation(zone), t.In(loc).Format("MST").
describe.skipIf(!existsSync('/usr/share/zoneinfo/Asia/Tokyo'))('goZoneAbbreviation (system tzdata)', () => {
  it.each([
    { zone: 'Asia/Tokyo', at: '2024-01-15T00:00:00Z', offset: 9 * 3600, want: 'JST' },
    { zone: 'Europe/Berlin', at: '2024-01-15T00:00:00Z', offset: 3600, want: 'CET' },
    { zone: 'Europe/Berlin', at: '2024-07-15T00:00:00Z', offset: 7200, want: 'CEST' },
    { zone: 'Europe/Berlin', at: '2040-07-15T00:00:00Z', offset: 7200, want: 'CEST' },
    { zone: 'America/New_York', at: '2040-01-15T00:00:00Z', offset: -5 * 3600, want: 'EST' },
    { zone: 'Asia/Dubai', at: '2024-01-15T00:00:00Z', offset: 4 * 3600, want: '+04' },
    { zone: 'America/Sao_Paulo', at: '1990-01-15T00:00:00Z', offset: -2 * 3600, want: '-02' },
  ])('$zone at $at -> $want', ({ zone, at, offset, want }) => {
    expect(goZoneAbbreviation(zone, new Date(at), offset)).toBe(want);
  });
});

describe('goZoneAbbreviation (no zone file)', () => {
  it.each(['Nope/Zone', '../../etc/passwd', '/etc/localtime', ''])('%j -> undefined', (zone) => {
    expect(goZoneAbbreviation(zone, new Date(0), 0)).toBeUndefined();
  });
});
