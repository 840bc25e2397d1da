import { describe, expect, it } from 'vitest';
import { goByteLength, goBytes, goString, goValidString, hasRawBytes } from './goString.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

// Byte sequences and the JavaScript string that carries them: valid UTF-8 as itself, each byte
// Go's utf8.DecodeRune rejects (width 1) as U+DC00+byte.
describe('goString/goBytes (surrogateescape)', () => {
  it.each([
    { name: 'empty', bytes: '', want: '' },
    { name: 'ascii', bytes: '68 69', want: 'hi' },
    { name: 'two-byte', bytes: 'c3 a9', want: 'é' },
    { name: 'four-byte', bytes: 'f0 9f 98 80', want: '\u{1F600}' },
    { name: 'lone continuation', bytes: '80', want: '\udc80' },
    { name: 'binary', bytes: '00 01 02 ff fe', want: '\x00\x01\x02\udcff\udcfe' },
    { name: 'truncated sequence', bytes: 'e2 82', want: '\udce2\udc82' },
    { name: 'truncated then ascii', bytes: 'e2 82 41', want: '\udce2\udc82A' },
    { name: 'overlong', bytes: 'c0 80', want: '\udcc0\udc80' },
    { name: 'encoded surrogate', bytes: 'ed a0 80', want: '\udced\udca0\udc80' },
    { name: 'above U+10FFFF', bytes: 'f4 90 80 80', want: '\udcf4\udc90\udc80\udc80' },
    { name: 'max rune', bytes: 'f4 8f bf bf', want: '\u{10FFFF}' },
    { name: 'replacement char is valid', bytes: 'ef bf bd', want: '\ufffd' },
    { name: 'mixed', bytes: '68 c3 a9 ff 6c', want: 'hé\udcffl' },
    { name: 'escaped byte after a pair', bytes: 'f0 9f 98 80 dc', want: '\u{1F600}\udcdc' },
  ])('$name', ({ bytes, want }) => {
    const b = hex(bytes);
    expect(goString(b)).toBe(want);
    expect(Buffer.from(goBytes(want)).toString('hex')).toBe(Buffer.from(b).toString('hex'));
    // A string goString did not just return (no shortcut through its cache).
    expect(Buffer.from(goBytes(`\udcff${want}`)).toString('hex')).toBe(`ff${Buffer.from(b).toString('hex')}`);
    expect(goByteLength(want)).toBe(b.length);
    expect(hasRawBytes(want)).toBe(!Buffer.from(b).equals(Buffer.from(want, 'utf8')));
  });

  it('round-trips every byte value and random binary', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Buffer.from(goBytes(goString(all))).equals(Buffer.from(all))).toBe(true);
    let x = 12345;
    const rnd = Uint8Array.from({ length: 4096 }, () => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x >>> 24;
    });
    const s = goString(rnd);
    expect(Buffer.from(goBytes(s)).equals(Buffer.from(rnd))).toBe(true);
    expect(Buffer.from(goBytes(`${s}.`)).equals(Buffer.concat([rnd, Buffer.from('.')]))).toBe(true);
  });

  it('writes lone surrogates Go cannot hold as U+FFFD (as Buffer does)', () => {
    expect(Buffer.from(goBytes('a\ud800b\udc00')).toString('hex')).toBe('61efbfbd62efbfbd');
  });

  it('goValidString replaces invalid bytes with U+FFFD, keeps pairs', () => {
    expect(goValidString('a\udcffb\u{1F600}')).toBe('a\ufffdb\u{1F600}');
    expect(goValidString('plain')).toBe('plain');
  });
});
