import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { CommandGroup } from '../program.js';

/**
 * `gitops-kit artifact extract <tar.gz> <dir>`: unpacks an artifact safely: entries escaping the
 * target (absolute, `..`, symlinks out), hard links and devices are refused, size and entry count
 * are bounded, and nothing is left behind on failure. The target must not exist or be empty.
 */
export const artifactCommand: CommandGroup = (io) => [
  {
    name: 'artifact',
    description: 'work with artifact tarballs',
    commands: [
      {
        name: 'extract',
        description: 'safely unpack a tar.gz artifact into an empty or new directory',
        arguments: [
          { name: 'archive', description: 'the .tar.gz file', required: true },
          { name: 'dir', description: 'target directory (must not exist or be empty)', required: true },
        ],
        options: [
          {
            long: 'max-size',
            value: 'bytes',
            description: 'bound on the uncompressed size, bytes',
            default: '104857600',
          },
          {
            long: 'max-files',
            value: 'count',
            description: 'bound on the number of entries',
            default: '100000',
          },
          {
            long: 'no-symlinks',
            description: 'refuse every symlink (default: keep those pointing inside the target)',
          },
        ],
        action: async (
          archive: string,
          dir: string,
          opts: { maxSize: string; maxFiles: string; symlinks: boolean },
        ) => {
          const maxBytes = Number(opts.maxSize);
          const maxFiles = Number(opts.maxFiles);
          if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
            throw new UsageError(`--max-size: not a byte count: '${opts.maxSize}'`);
          if (!Number.isSafeInteger(maxFiles) || maxFiles < 0)
            throw new UsageError(`--max-files: not a count: '${opts.maxFiles}'`);
          const { extractArtifact } = await import('@gitops-kit/source');
          const r = await extractArtifact({
            file: resolve(io.cwd, archive),
            dir: resolve(io.cwd, dir),
            maxBytes,
            maxFiles,
            symlinks: opts.symlinks ? 'within' : 'reject',
          });
          io.stdout(`extracted ${r.files} files (${r.bytes} bytes) to ${r.dir}\n`);
        },
      },
    ],
  },
];
