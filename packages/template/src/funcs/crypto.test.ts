import { createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../template.js';
import { children, oidValue, readElement } from './der.js';
import { seededRandom } from './random.js';
import { sprigFuncs } from './sprig.js';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const clock = { now: () => NOW, sleep: async () => {} };

function render(template: string, seed = 's'): string {
  const set = new TemplateSet({ funcs: sprigFuncs({ random: seededRandom(seed), clock }) });
  return set.parse('t', template).execute('t', {});
}

/** Renders `template` that emits `CERT\n---\nKEY` (and optionally more pairs). */
function pems(template: string): string[] {
  return render(template).split('\n---\n');
}

/** Extensions of a certificate: [oid, critical, value hex] in order. */
function extensions(pem: string): [string, boolean, string][] {
  const der = new X509Certificate(pem).raw;
  const tbs = children(children(readElement(der).content)[0]!.content);
  const ext = tbs.find((e) => e.tag === 0xa3)!;
  return children(readElement(ext.content).content).map((e) => {
    const parts = children(e.content);
    return [
      oidValue(parts[0]!),
      parts.length === 3,
      Buffer.from(readElement(parts[parts.length - 1]!.raw).content).toString('hex'),
    ];
  });
}

const DAY = 86400_000;

describe('certificate functions (properties; Go/Helm goldens cover errors and shapes)', () => {
  const [caCert, caKey, leafCert, leafKey] = pems(
    '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1" "::1") (list "svc.local" "svc") 30 $ca }}' +
      '{{ $ca.Cert }}\n---\n{{ $ca.Key }}\n---\n{{ $c.Cert }}\n---\n{{ $c.Key }}',
  ) as [string, string, string, string];

  it('genCA: a self-signed CA certificate node:crypto parses, with the CN and validity', () => {
    const ca = new X509Certificate(caCert);
    expect(ca.subject).toBe('CN=my-ca');
    expect(ca.issuer).toBe('CN=my-ca');
    expect(ca.ca).toBe(true);
    expect(new Date(ca.validFrom).getTime()).toBe(Math.floor(NOW / 1000) * 1000);
    expect(new Date(ca.validTo).getTime()).toBe(Math.floor(NOW / 1000) * 1000 + 365 * DAY);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(caKey.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(ca.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      createPublicKey(caKey).export({ type: 'spki', format: 'der' }),
    );
    expect(ca.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('genCA: extensions as Go writes them (order, criticality, values; SKI = SHA-1 of the key)', () => {
    const ext = extensions(caCert);
    expect(ext.map(([o, c]) => [o, c])).toEqual([
      ['2.5.29.15', true],
      ['2.5.29.37', false],
      ['2.5.29.19', true],
      ['2.5.29.14', false],
    ]);
    // Bytes of a helm v3.17.2 genCA certificate: KeyUsage, ExtKeyUsage, BasicConstraints.
    expect(ext.slice(0, 3).map(([, , v]) => v)).toEqual([
      '030202a4',
      '301406082b0601050507030106082b06010505070302',
      '30030101ff',
    ]);
    expect(ext[3]![2]).toMatch(/^0414[0-9a-f]{40}$/);
  });

  it('genSignedCert: issued and signed by the CA, SANs, AKI = CA SKI', () => {
    const ca = new X509Certificate(caCert);
    const leaf = new X509Certificate(leafCert);
    expect(leaf.subject).toBe('CN=svc');
    expect(leaf.issuer).toBe('CN=my-ca');
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe(
      'DNS:svc.local, DNS:svc, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(new Date(leaf.validTo).getTime() - new Date(leaf.validFrom).getTime()).toBe(30 * DAY);
    const ext = extensions(leafCert);
    expect(ext.map(([o, c]) => [o, c])).toEqual([
      ['2.5.29.15', true],
      ['2.5.29.37', false],
      ['2.5.29.19', true],
      ['2.5.29.35', false],
      ['2.5.29.17', false],
    ]);
    expect(ext[0]![2]).toBe('030205a0');
    expect(ext[2]![2]).toBe('3000');
    const ski = extensions(caCert)[3]![2].slice(4);
    expect(ext[3]![2]).toBe(`30168014${ski}`);
    expect(leafKey.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
  });

  it('serial numbers come from the random source', () => {
    const serial = (seed: string) =>
      new X509Certificate(render('{{ (genCAWithKey "x" 1 (genPrivateKey "ecdsa")).Cert }}', seed))
        .serialNumber;
    expect(serial('a')).toBe(serial('a'));
    expect(serial('a')).not.toBe(serial('b'));
  });

  it.each(['ecdsa', 'ed25519'])('WithKey variants sign with a %s key and keep it', (typ) => {
    const [ca, key, leaf, leafKey2, self] = pems(
      `{{ $k := genPrivateKey "${typ}" }}{{ $ca := genCAWithKey "ca" 10 $k }}{{ $c := genSignedCertWithKey "leaf" nil (list "a.example") 5 $ca $k }}{{ $s := genSelfSignedCertWithKey "self" (list "192.168.0.1") nil 7 $k }}` +
        '{{ $ca.Cert }}\n---\n{{ $k }}\n---\n{{ $c.Cert }}\n---\n{{ $c.Key }}\n---\n{{ $s.Cert }}',
    ) as [string, string, string, string, string];
    const caX = new X509Certificate(ca);
    expect(caX.verify(createPublicKey(key))).toBe(true);
    expect(new X509Certificate(leaf).verify(caX.publicKey)).toBe(true);
    expect(leafKey2).toBe(key);
    const s = new X509Certificate(self);
    expect(s.subject).toBe('CN=self');
    expect(s.ca).toBe(false);
    expect(s.subjectAltName).toBe('IP Address:192.168.0.1');
    expect(s.verify(s.publicKey)).toBe(true);
  });

  it('genSelfSignedCert: RSA, no SAN extension without names, UTF-8 CN', () => {
    const cert = new X509Certificate(render('{{ (genSelfSignedCert "zoë" nil nil 1).Cert }}'));
    expect(cert.subject).toBe('CN=zoë');
    expect(cert.subjectAltName).toBeUndefined();
    expect(cert.verify(cert.publicKey)).toBe(true);
  });
});

describe('encryptAES / decryptAES', () => {
  it.each(['x', 'hello world plaintext', 'exactly16bytes!!', 'ünïcødé ✓', 'a'.repeat(1000)])(
    'decryptAES(encryptAES(%j)) is the plaintext',
    (text) => {
      const set = new TemplateSet({ funcs: sprigFuncs() }).parse(
        't',
        '{{ encryptAES "pw" . | decryptAES "pw" }}',
      );
      expect(set.execute('t', text)).toBe(text);
    },
  );

  it('a seeded source gives the same ciphertext (IV from the source)', () => {
    expect(render('{{ encryptAES "k" "text" }}', 'iv')).toBe(render('{{ encryptAES "k" "text" }}', 'iv'));
    expect(render('{{ encryptAES "k" "text" }}', 'iv')).not.toBe(
      render('{{ encryptAES "k" "text" }}', 'iv2'),
    );
  });
});

describe('bcrypt / htpasswd', () => {
  it('bcrypt output verifies and uses cost 10, $2a$', async () => {
    const bcryptjs = (await import('bcryptjs')).default;
    const h = render('{{ bcrypt "s3cret" }}');
    expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptjs.compareSync('s3cret', h)).toBe(true);
    expect(bcryptjs.compareSync('other', h)).toBe(false);
    const [user, hash] = render('{{ htpasswd "admin" "pw" }}').split(':') as [string, string];
    expect(user).toBe('admin');
    expect(bcryptjs.compareSync('pw', hash)).toBe(true);
  });
});
