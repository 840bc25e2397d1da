import { rm } from 'node:fs/promises';
import { type KustomizationChange, diffFleets, formatFleetDiff } from './diff.js';
import { checkout, resolveCommit } from './git.js';
import { renderFleet } from './render.js';

/** Options of {@link renderAndDiff}. */
export interface RenderAndDiffOptions {
  /** A local Git repository (a clone of the fleet repository). */
  repo: string;
  /** The pull request's target, e.g. `origin/main`. */
  base: string;
  /** The pull request's head, e.g. `HEAD`. */
  head: string;
  /** Strict post-build substitution, as kustomize-controller. Default `true`. */
  strict?: boolean;
  signal?: AbortSignal;
}

/** The result: per-Kustomization changes, the report text, and whether head failed to build. */
export interface RenderAndDiffResult {
  base: string;
  head: string;
  changes: KustomizationChange[];
  report: string;
  failed: boolean;
}

/**
 * Builds every Flux Kustomization of the fleet at `base` and at `head` (kustomize build + Flux
 * post-build substitution with each cluster's variables) and diffs the rendered objects.
 */
export async function renderAndDiff(options: RenderAndDiffOptions): Promise<RenderAndDiffResult> {
  const { repo, signal } = options;
  const base = await resolveCommit(repo, options.base, signal);
  const head = await resolveCommit(repo, options.head, signal);
  const dirs: string[] = [];
  try {
    const render = async (commit: string) => {
      const dir = await checkout(repo, commit, signal);
      dirs.push(dir);
      return renderFleet(dir, { strict: options.strict ?? true, ...(signal ? { signal } : {}) });
    };
    const [b, h] = [await render(base), await render(head)];
    const changes = diffFleets(b, h);
    const header = `Rendered ${h.size} Kustomizations at base ${base.slice(0, 7)} and head ${head.slice(0, 7)}\n`;
    return {
      base,
      head,
      changes,
      report: header + formatFleetDiff(changes),
      failed: changes.some((c) => c.status === 'failed'),
    };
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}
