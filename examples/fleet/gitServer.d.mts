/** The example fleet repository's directory (`examples/fleet/repo`). */
export declare const fleetRepoDir: string;
/** The placeholder URL the fleet's GitRepository objects carry until the example serves them. */
export declare const placeholderUrl: string;
/** Serves the bare repositories under `root` over Git smart HTTP on 127.0.0.1 (a free port). */
export declare function serveGit(options: {
  root: string;
}): Promise<{ url: string; close: () => Promise<void> }>;
/** Creates `<root>/<name>` (default `fleet.git`) from `repo/` with GitRepository URLs rewritten to `url`; returns the commit SHA. */
export declare function createFleetRepository(options: {
  root: string;
  url: string;
  work: string;
  mutate?: (dir: string) => Promise<void> | void;
  name?: string;
}): Promise<string>;
