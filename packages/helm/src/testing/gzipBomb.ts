import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * Writes a `.tgz` decompression bomb to `path`, streaming: one tar entry `bomb/<name>` whose
 * header announces `bytes` bytes of zeros, as concatenated gzip members (each 1 MiB of zeros
 * compresses to about 1 KiB), so a 1 GiB bomb is about 1 MiB on disk and costs no memory to make.
 */
export async function writeGzipBomb(path: string, bytes: number, name = 'Chart.yaml'): Promise<void> {
  const header = Buffer.alloc(512);
  header.write(`bomb/${name}`, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${bytes.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const chunk = 1024 * 1024;
  const member = gzipSync(Buffer.alloc(chunk));
  const out = createWriteStream(path);
  const write = async (b: Buffer) => {
    if (!out.write(b)) await once(out, 'drain');
  };
  await write(gzipSync(header));
  for (let left = bytes; left > 0; left -= chunk) {
    await write(left >= chunk ? member : gzipSync(Buffer.alloc(left)));
  }
  out.end();
  await once(out, 'close');
}
