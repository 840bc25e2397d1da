/**
 * `@gitops-kit/kustomize`: `kustomize build` in TypeScript and Flux's Kustomization
 * (post-build substitution, apply, prune, health, diff).
 * @packageDocumentation
 */
export {};
