/** Version of the `gitops-kit` CLI (kept in step with package.json by `scripts/check-exports.mjs`' sibling checks). */
export const version = '0.1.0';
