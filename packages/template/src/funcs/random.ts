/**
 * Random sources for Sprig's random functions (`randAlphaNum`, `randAlpha`, `randNumeric`,
 * `randAscii`, `randBytes`, `randInt`, `shuffle`, `uuidv4`, the serial numbers and IVs of the
 * certificate and AES functions). Production uses {@link cryptoRandom}; tests inject
 * {@link seededRandom} for deterministic output.
 */
import { nodeCrypto } from './lazyRequire.js';

/** A source of random bytes (crypto-grade in production; seeded in tests). */
export interface RandomSource {
  /** Returns `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/**
 * Node's cryptographically secure random source (`crypto.randomBytes`, the operating system's
 * CSPRNG), as Sprig uses Go's `crypto/rand`. The default of every random function.
 */
export const cryptoRandom: RandomSource = { bytes: (n) => new Uint8Array(nodeCrypto().randomBytes(n)) };

/**
 * A deterministic random source for tests: SHA-256 in counter mode over `seed`. The same seed
 * always yields the same byte stream; distinct seeds yield unrelated streams. Not for secrets.
 *
 * @example
 * ```ts
 * const set = new TemplateSet({ funcs: sprigFuncs({ random: seededRandom('test') }) });
 * set.parse('t', '{{ randAlphaNum 8 }}').execute('t', {}); // the same 8 characters every run
 * ```
 */
export function seededRandom(seed: string | number): RandomSource {
  const key = String(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  let pos = 0;
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (pos === pool.length) {
          pool = new Uint8Array(nodeCrypto().createHash('sha256').update(`${key}\0${counter++}`).digest());
          pos = 0;
        }
        out[i] = pool[pos++]!;
      }
      return out;
    },
  };
}
