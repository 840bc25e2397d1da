/**
 * Minimal ASN.1 DER encoding and reading, enough for the X.509 certificates and private keys the
 * Sprig crypto functions build (what Go's `encoding/asn1` does for `crypto/x509`).
 * @internal
 */

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** One TLV with the given tag byte. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
    len = [0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.of(tag, ...len), content]);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, concat(parts));
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(0x31, concat(parts));
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bool = (v: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
export const nul = (): Uint8Array => Uint8Array.of(0x05, 0x00);
/** Context-specific tag `[n]`, constructed (explicit) or primitive (implicit). */
export const ctx = (n: number, content: Uint8Array, constructed = true): Uint8Array =>
  tlv((constructed ? 0xa0 : 0x80) | n, content);

/** A non-negative INTEGER (minimal two's complement). */
export function uint(v: bigint): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  let b = Buffer.from(hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.of(0), b]);
  return tlv(0x02, new Uint8Array(b));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const enc: number[] = [arc & 0x7f];
    for (let x = Math.floor(arc / 128); x > 0; x = Math.floor(x / 128)) enc.unshift((x & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** A BIT STRING; `unused` trailing bits of the last byte. */
export const bitString = (b: Uint8Array, unused = 0): Uint8Array =>
  tlv(0x03, concat([Uint8Array.of(unused), b]));

/** A BIT STRING of flag bits (bit 0 first) with trailing zero bits trimmed, as Go encodes KeyUsage. */
export function flagBits(flags: number): Uint8Array {
  let b0 = 0;
  let b1 = 0;
  for (let i = 0; i < 9; i++) {
    if (flags & (1 << i)) {
      if (i < 8) b0 |= 0x80 >> i;
      else b1 |= 0x80;
    }
  }
  const bytes = b1 !== 0 ? [b0, b1] : [b0];
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (unused < 8 && last !== 0 && (last & (1 << unused)) === 0) unused++;
  return bitString(Uint8Array.from(bytes), unused);
}

/** Go's `asn1` PrintableString alphabet (with `*`, which Go accepts). */
function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?*]*$/.test(s);
}

/** A string as Go marshals it: PrintableString when it can be, else UTF8String. */
export function goString(s: string): Uint8Array {
  return tlv(isPrintable(s) ? 0x13 : 0x0c, new Uint8Array(Buffer.from(s, 'utf8')));
}

/** Go's time encoding: UTCTime for 1950..2049, else GeneralizedTime; seconds, UTC. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new Uint8Array(Buffer.from(`${p(y % 100)}${rest}`)));
  return tlv(0x18, new Uint8Array(Buffer.from(`${p(y, 4)}${rest}`)));
}

/** One element read from DER. */
export interface DerElement {
  tag: number;
  /** The whole TLV. */
  raw: Uint8Array;
  /** The content bytes. */
  content: Uint8Array;
}

/** Reads the element at `offset`. @throws Error on truncated input. */
export function readElement(b: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > b.length) throw new Error('asn1: syntax error: data truncated');
  const tag = b[offset]!;
  let len = b[offset + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > b.length) throw new Error('asn1: syntax error: data truncated');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[offset + 2 + i]!;
    head = 2 + n;
  }
  const end = offset + head + len;
  if (end > b.length) throw new Error('asn1: syntax error: data truncated');
  return { tag, raw: b.subarray(offset, end), content: b.subarray(offset + head, end) };
}

/** The elements inside a constructed element's content. */
export function children(content: Uint8Array): DerElement[] {
  const out: DerElement[] = [];
  for (let off = 0; off < content.length; ) {
    const e = readElement(content, off);
    out.push(e);
    off += e.raw.length;
  }
  return out;
}

/** The value of an INTEGER element. */
export function intValue(e: DerElement): bigint {
  return e.content.length === 0 ? 0n : BigInt('0x' + Buffer.from(e.content).toString('hex'));
}

/** Dotted form of an OBJECT IDENTIFIER element. */
export function oidValue(e: DerElement): string {
  const b = e.content;
  const arcs: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if ((b[i]! & 0x80) === 0) {
      if (arcs.length === 0)
        arcs.push(Math.min(2, Math.floor(v / 40)), v - Math.min(2, Math.floor(v / 40)) * 40);
      else arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}
