/**
 * `@gitops-kit/helm`: chart loading and rendering identical to `helm template`, and releases.
 * @packageDocumentation
 */
export {};
