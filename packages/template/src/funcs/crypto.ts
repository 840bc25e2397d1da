/**
 * Sprig v3.3.0's crypto functions (`crypto.go`): `bcrypt`, `htpasswd`, `derivePassword`,
 * `genPrivateKey`, `buildCustomCert`, `genCA`, `genSelfSignedCert`, `genSignedCert` (and their
 * `WithKey` variants), `encryptAES`, `decryptAES`. Keys come from `node:crypto`; certificates are
 * built in DER the way Go's `x509.CreateCertificate` builds them (same fields, extensions and
 * their order) and signed with `node:crypto`. Serial numbers, IVs and bcrypt salts come from the
 * injected random source; key pairs always from the operating system's CSPRNG.
 *
 * @see https://github.com/Masterminds/sprig/blob/v3.3.0/crypto.go
 * @internal
 */
import type { KeyObject } from 'node:crypto';
import { formatValue } from '../fmt/print.js';
import { lazyRequire, nodeCrypto, nodeNet } from './lazyRequire.js';
import { type FuncMap, goFunc } from '../value/func.js';
import { goType, type GoInt, type GoTypeInfo } from '../value/types.js';
import { goBuffer, goString as stringOfBytes } from '../value/goString.js';
import {
  bitString,
  bool,
  children,
  ctx,
  flagBits,
  goString,
  intValue,
  nul,
  octets,
  oid,
  oidValue,
  readElement,
  seq,
  set,
  time,
  uint,
} from './der.js';
import type { RandomSource } from './random.js';

// ---------- bcrypt, htpasswd, derivePassword ----------

const bcryptLib = lazyRequire<typeof import('bcryptjs')>('bcryptjs');

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's radix-64 encoding of the 16 salt bytes (22 characters). */
function bcryptBase64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const c1 = b[i]!;
    out += BCRYPT_ALPHABET[c1 >> 2];
    let c = (c1 & 0x03) << 4;
    if (i + 1 >= b.length) {
      out += BCRYPT_ALPHABET[c];
      break;
    }
    const c2 = b[i + 1]!;
    out += BCRYPT_ALPHABET[c | (c2 >> 4)];
    c = (c2 & 0x0f) << 2;
    if (i + 2 >= b.length) {
      out += BCRYPT_ALPHABET[c];
      break;
    }
    const c3 = b[i + 2]!;
    out += BCRYPT_ALPHABET[c | (c3 >> 6)]! + BCRYPT_ALPHABET[c3 & 0x3f]!;
  }
  return out;
}

/** Go's `bcrypt.GenerateFromPassword(input, DefaultCost)`: `$2a$10$...`. */
function bcrypt(random: RandomSource, input: string): string {
  if (Buffer.byteLength(input, 'utf8') > 72) {
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  }
  const salt = `$2a$10$${bcryptBase64(random.bytes(16))}`;
  return bcryptLib().hashSync(input, salt);
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** The Master Password algorithm (scrypt N=32768 r=8 p=2, HMAC-SHA256 seed, templates). */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (templates === undefined) return `cannot find password template ${type}`;
  const seedBytes = Buffer.from(MASTER_PASSWORD_SEED);
  const userBytes = Buffer.from(user);
  const salt = Buffer.concat([seedBytes, u32(userBytes.length), userBytes]);
  const key = nodeCrypto().scryptSync(Buffer.from(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 256 * 1024 * 1024,
  });
  const siteBytes = Buffer.from(site);
  const seed = nodeCrypto()
    .createHmac('sha256', key)
    .update(Buffer.concat([seedBytes, u32(siteBytes.length), siteBytes, u32(counter)]))
    .digest();
  const temp = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = TEMPLATE_CHARACTERS[temp[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

// ---------- AES ----------

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** AES-256-CBC with PKCS#7 padding and a random IV in front, base64 (Sprig's `encryptAES`). */
function encryptAES(random: RandomSource, password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = Buffer.from(random.bytes(16));
  const cipher = nodeCrypto().createCipheriv('aes-256-cbc', aesKey(password), iv);
  const body = Buffer.concat([cipher.update(goBuffer(plaintext)), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

/** Go's `base64.StdEncoding.DecodeString` (strict padding), with its error text. */
function base64Std(s: string): Buffer {
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (!/[A-Za-z0-9+/=]/.test(c)) throw new Error(`illegal base64 data at input byte ${i}`);
    if (c === '=' && !(i >= clean.length - 2 && /^=*$/.test(clean.slice(i)))) {
      throw new Error(`illegal base64 data at input byte ${i}`);
    }
  }
  if (clean.length % 4 !== 0) {
    throw new Error(`illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  }
  return Buffer.from(clean, 'base64');
}

/** Sprig's `decryptAES`: CBC-decrypts and strips the padding its last byte claims (unchecked). */
function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = base64Std(crypt64);
  if (crypt.length < 16) {
    throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  }
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const decipher = nodeCrypto().createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const dec = Buffer.concat([decipher.update(body), decipher.final()]);
  if (dec.length === 0) throw new Error('runtime error: index out of range [-1]');
  const end = dec.length - dec[dec.length - 1]!;
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return stringOfBytes(dec.subarray(0, end));
}

// ---------- keys ----------

function pem(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  let out = `-----BEGIN ${type}-----\n`;
  for (let i = 0; i < b64.length; i += 64) out += b64.slice(i, i + 64) + '\n';
  return `${out}-----END ${type}-----\n`;
}

/** Go's `pemBlockForKey`: PKCS#1 for RSA, SEC 1 for ECDSA, Go's DSA sequence, PKCS#8 otherwise. */
function pemForKey(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }) as string;
    case 'dsa':
      return pem('DSA PRIVATE KEY', dsaPrivateKeyDer(key));
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Sprig's `DSAKeyFormat` {Version, P, Q, G, Y, X} from a node DSA key (PKCS#8 inside). */
function dsaPrivateKeyDer(key: KeyObject): Uint8Array {
  const info = children(readElement(key.export({ type: 'pkcs8', format: 'der' })).content);
  const params = children(children(info[1]!.content)[1]!.content);
  const [p, q, g] = params.map(intValue) as [bigint, bigint, bigint];
  const x = intValue(readElement(info[2]!.content));
  const y = modPow(g, x, p);
  return seq(uint(0n), uint(p), uint(q), uint(g), uint(y), uint(x));
}

/** Sprig's `generatePrivateKey`: rsa (4096 bits), dsa (L2048N256), ecdsa (P-256), ed25519. */
function genPrivateKey(typ: string): string {
  switch (typ) {
    case '':
    case 'rsa':
      return pemForKey(nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'dsa':
      return pemForKey(
        nodeCrypto().generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey,
      );
    case 'ecdsa':
      return pemForKey(nodeCrypto().generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519':
      return pemForKey(nodeCrypto().generateKeyPairSync('ed25519').privateKey);
    default:
      return `Unknown type ${typ}`;
  }
}

/** The first PEM block of `text`: its type and bytes, or null (Go's `pem.Decode`). */
function pemDecode(text: string): { type: string; der: Buffer } | null {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) return null;
  const body = m[2]!
    .split(/\r?\n/)
    .filter((l) => !l.includes(':'))
    .join('');
  return { type: m[1]!, der: Buffer.from(body, 'base64') };
}

/** Sprig's `parsePrivateKeyPEM`. */
function parsePrivateKeyPEM(text: string): KeyObject {
  const block = pemDecode(text);
  if (block === null) throw new Error('no PEM data in input');
  const parse = (what: string, format: 'pkcs8' | 'pkcs1' | 'sec1' | null) => {
    try {
      if (format === null)
        return nodeCrypto().createPrivateKey({ key: pem(block.type, block.der), format: 'pem' });
      return nodeCrypto().createPrivateKey({ key: block.der, format: 'der', type: format });
    } catch {
      throw new Error(`${what}: asn1: structure error: the key does not parse`);
    }
  };
  if (block.type === 'PRIVATE KEY') return parse('decoding PEM as PKCS#8', 'pkcs8');
  if (!block.type.endsWith(' PRIVATE KEY')) {
    throw new Error(`no private key data in PEM block of type ${block.type}`);
  }
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      return parse('parsing RSA private key from PEM', 'pkcs1');
    case 'EC':
      return parse('parsing EC private key from PEM', 'sec1');
    case 'DSA':
      return parse('parsing DSA private key from PEM', null);
    default:
      throw new Error(`invalid private key type ${block.type}`);
  }
}

// ---------- certificates ----------

/** Sprig's `certificate` struct: `.Cert` and `.Key`, PEM. */
const certificateType: GoTypeInfo = { name: 'sprig.certificate', kind: 'struct' };

interface Certificate {
  Cert: string;
  Key: string;
}

function certificate(cert: string, key: string): Certificate {
  return Object.assign(Object.create({ [goType]: certificateType }) as object, { Cert: cert, Key: key });
}

const KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0;
const KEY_USAGE_KEY_ENCIPHERMENT = 1 << 2;
const KEY_USAGE_CERT_SIGN = 1 << 5;

/** What Sprig's `getBaseCertTemplate` fills in, plus `IsCA` for `genCA`. */
interface CertTemplate {
  cn: string;
  ips: Uint8Array[];
  dnsNames: string[];
  daysValid: number;
  isCA: boolean;
}

/** Go's `net.ParseIP` followed by x509's encoding (4 bytes for IPv4, 16 for IPv6). */
function parseIP(s: string): Uint8Array | null {
  const v = nodeNet().isIP(s);
  if (v === 4) {
    const parts = s.split('.');
    if (parts.some((p) => p.length > 1 && p[0] === '0')) return null;
    return Uint8Array.from(parts.map(Number));
  }
  if (v !== 6 || s.includes('%')) return null;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIP(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [...v4];
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const hextets = (x: string) => (x === '' ? [] : x.split(':').map((h) => Number.parseInt(h, 16)));
  const a = hextets(head);
  const b = rest === undefined ? [] : hextets(rest);
  const words = rest === undefined ? a : [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  if (tail.length === 4) out.set(tail, 12);
  // An IPv4-mapped IPv6 address is an IPv4 address to Go.
  if (out.subarray(0, 10).every((x) => x === 0) && out[10] === 0xff && out[11] === 0xff) return out.slice(12);
  return out;
}

function getNetIPs(ips: unknown[] | null): Uint8Array[] {
  return (ips ?? []).map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${formatValue(ip)} is not a string`);
    const b = parseIP(ip);
    if (b === null) throw new Error(`error parsing ip: ${ip}`);
    return b;
  });
}

function getAlternateDNSStrs(names: unknown[] | null): string[] {
  return (names ?? []).map((n) => {
    if (typeof n !== 'string') {
      throw new Error(`error processing alternate dns name: ${formatValue(n)} is not a string`);
    }
    return n;
  });
}

function baseTemplate(cn: string, ips: unknown[] | null, dns: unknown[] | null, days: number): CertTemplate {
  return { cn, ips: getNetIPs(ips), dnsNames: getAlternateDNSStrs(dns), daysValid: days, isCA: false };
}

/** The signature algorithm Go picks for a key, and how node signs with it. */
function signatureAlgorithm(key: KeyObject): { algId: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algId: seq(oid('1.2.840.113549.1.1.11'), nul()), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { algId: seq(oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
      if (curve === 'secp521r1') return { algId: seq(oid('1.2.840.10045.4.3.4')), hash: 'sha512' };
      return { algId: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    }
    case 'ed25519':
      return { algId: seq(oid('1.3.101.112')), hash: null };
    default:
      throw new Error(
        'error creating certificate: x509: certificate private key does not implement crypto.Signer',
      );
  }
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** The parts of a parent certificate Go's `CreateCertificate` uses. */
interface Parent {
  rawSubject: Uint8Array;
  subjectKeyId: Uint8Array | null;
  spki: Uint8Array;
}

function parseParent(der: Uint8Array): Parent {
  const tbs = children(children(readElement(der).content)[0]!.content);
  const off = tbs[0]!.tag === 0xa0 ? 1 : 0;
  const rawSubject = tbs[off + 4]!.raw;
  const spki = tbs[off + 5]!.raw;
  let subjectKeyId: Uint8Array | null = null;
  const exts = tbs.find((e) => e.tag === 0xa3);
  if (exts !== undefined) {
    for (const ext of children(readElement(exts.content).content)) {
      const parts = children(ext.content);
      if (oidValue(parts[0]!) === '2.5.29.14') {
        subjectKeyId = readElement(parts[parts.length - 1]!.content).content;
      }
    }
  }
  return { rawSubject, subjectKeyId, spki };
}

/** Go's `x509.CreateCertificate` for Sprig's templates; returns the PEM certificate. */
function createCertificate(
  t: CertTemplate,
  signee: KeyObject,
  parent: Parent | null,
  signer: KeyObject,
  random: RandomSource,
  now: Date,
): string {
  const serial = BigInt('0x' + Buffer.from(random.bytes(16)).toString('hex'));
  const { algId, hash } = signatureAlgorithm(signer);
  const spki = new Uint8Array(nodeCrypto().createPublicKey(signee).export({ type: 'spki', format: 'der' }));
  const subject = t.cn === '' ? seq() : seq(set(seq(oid('2.5.4.3'), goString(t.cn))));
  const issuer = parent === null ? subject : parent.rawSubject;
  if (parent !== null) {
    const signerSpki = new Uint8Array(
      nodeCrypto().createPublicKey(signer).export({ type: 'spki', format: 'der' }),
    );
    if (!Buffer.from(signerSpki).equals(Buffer.from(parent.spki))) {
      throw new Error(
        "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
      );
    }
  }
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + t.daysValid * 86400_000);
  const keyUsage =
    KEY_USAGE_DIGITAL_SIGNATURE | KEY_USAGE_KEY_ENCIPHERMENT | (t.isCA ? KEY_USAGE_CERT_SIGN : 0);
  const exts: Uint8Array[] = [
    extension('2.5.29.15', true, flagBits(keyUsage)),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, t.isCA ? seq(bool(true)) : seq()),
  ];
  if (t.isCA) {
    const publicKeyBits = readElement(children(readElement(spki).content)[1]!.raw).content.subarray(1);
    exts.push(
      extension(
        '2.5.29.14',
        false,
        octets(new Uint8Array(nodeCrypto().createHash('sha1').update(publicKeyBits).digest())),
      ),
    );
  }
  const selfIssued = Buffer.from(issuer).equals(Buffer.from(subject));
  if (parent !== null && !selfIssued && parent.subjectKeyId !== null && parent.subjectKeyId.length > 0) {
    exts.push(extension('2.5.29.35', false, seq(ctx(0, parent.subjectKeyId, false))));
  }
  if (t.dnsNames.length > 0 || t.ips.length > 0) {
    const names = [
      ...t.dnsNames.map((n) => ctx(2, new Uint8Array(Buffer.from(n, 'utf8')), false)),
      ...t.ips.map((ip) => ctx(7, ip, false)),
    ];
    exts.push(extension('2.5.29.17', t.cn === '', seq(...names)));
  }
  const tbs = seq(
    ctx(0, uint(2n)),
    uint(serial),
    algId,
    issuer,
    seq(time(notBefore), time(notAfter)),
    subject,
    spki,
    ctx(3, seq(...exts)),
  );
  const signature = new Uint8Array(nodeCrypto().sign(hash, tbs, signer));
  return pem('CERTIFICATE', seq(tbs, algId, bitString(signature)));
}

/** Sprig's crypto function map, drawing on `random` and `now`. */
export function cryptoFuncs(random: RandomSource, now: () => Date): FuncMap {
  const rsa2048 = () => nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const withKey = (pemKey: string): KeyObject => {
    try {
      return parsePrivateKeyPEM(pemKey);
    } catch (e) {
      throw new Error(`parsing private key: ${(e as Error).message}`);
    }
  };
  const selfSigned = (t: CertTemplate, key: KeyObject) =>
    certificate(createCertificate(t, key, null, key, random, now()), pemForKey(key));
  const signed = (t: CertTemplate, key: KeyObject, ca: Certificate) => {
    const block = pemDecode(ca.Cert);
    if (block === null) throw new Error('unable to decode certificate');
    let parent: Parent;
    try {
      new (nodeCrypto().X509Certificate)(block.der);
      parent = parseParent(block.der);
    } catch (e) {
      throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
    }
    let signer: KeyObject;
    try {
      signer = parsePrivateKeyPEM(ca.Key);
    } catch (e) {
      throw new Error(`error parsing private key: ${(e as Error).message}`);
    }
    return certificate(createCertificate(t, key, parent, signer, random, now()), pemForKey(key));
  };
  const ca = (cn: string, days: number, key: KeyObject) =>
    selfSigned({ ...baseTemplate(cn, null, null, days), isCA: true }, key);
  const CERT = 'sprig.certificate';
  const LIST = '[]interface {}';
  return {
    bcrypt: goFunc('func(string) string', (s: string) => bcrypt(random, s)),
    htpasswd: goFunc('func(string, string) string', (user: string, password: string) =>
      user.includes(':') ? `invalid username: ${user}` : `${user}:${bcrypt(random, password)}`,
    ),
    derivePassword: goFunc(
      'func(uint32, string, string, string, string) string',
      (counter: GoInt, type: string, password: string, user: string, site: string) =>
        derivePassword(counter.v, type, password, user, site),
    ),
    genPrivateKey: goFunc('func(string) string', genPrivateKey),
    buildCustomCert: goFunc(`func(string, string) (${CERT}, error)`, (b64cert: string, b64key: string) => {
      let cert: Buffer;
      let key: Buffer;
      try {
        cert = base64Std(b64cert);
      } catch {
        throw new Error('unable to decode base64 certificate');
      }
      try {
        key = base64Std(b64key);
      } catch {
        throw new Error('unable to decode base64 private key');
      }
      const block = pemDecode(cert.toString('latin1'));
      if (block === null) throw new Error('unable to decode certificate');
      try {
        new (nodeCrypto().X509Certificate)(block.der);
      } catch (e) {
        throw new Error(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
      }
      try {
        parsePrivateKeyPEM(key.toString('utf8'));
      } catch (e) {
        throw new Error(`error parsing private key: ${(e as Error).message}`);
      }
      return certificate(cert.toString('utf8'), key.toString('utf8'));
    }),
    genCA: goFunc(`func(string, int) (${CERT}, error)`, (cn: string, days: GoInt) =>
      ca(cn, days.v, rsa2048()),
    ),
    genCAWithKey: goFunc(
      `func(string, int, string) (${CERT}, error)`,
      (cn: string, days: GoInt, key: string) => ca(cn, days.v, withKey(key)),
    ),
    genSelfSignedCert: goFunc(
      `func(string, ${LIST}, ${LIST}, int) (${CERT}, error)`,
      (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: GoInt) =>
        selfSigned(baseTemplate(cn, ips, dns, days.v), rsa2048()),
    ),
    genSelfSignedCertWithKey: goFunc(
      `func(string, ${LIST}, ${LIST}, int, string) (${CERT}, error)`,
      (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: GoInt, key: string) => {
        const k = withKey(key);
        return selfSigned(baseTemplate(cn, ips, dns, days.v), k);
      },
    ),
    genSignedCert: goFunc(
      `func(string, ${LIST}, ${LIST}, int, ${CERT}) (${CERT}, error)`,
      (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: GoInt, c: Certificate) =>
        signed(baseTemplate(cn, ips, dns, days.v), rsa2048(), c),
    ),
    genSignedCertWithKey: goFunc(
      `func(string, ${LIST}, ${LIST}, int, ${CERT}, string) (${CERT}, error)`,
      (
        cn: string,
        ips: unknown[] | null,
        dns: unknown[] | null,
        days: GoInt,
        c: Certificate,
        key: string,
      ) => {
        const k = withKey(key);
        return signed(baseTemplate(cn, ips, dns, days.v), k, c);
      },
    ),
    encryptAES: goFunc('func(string, string) (string, error)', (password: string, plaintext: string) =>
      encryptAES(random, password, plaintext),
    ),
    decryptAES: goFunc('func(string, string) (string, error)', decryptAES),
  };
}
