import type { CommandGroup } from '../program.js';

/**
 * The module defining each top-level command, loaded on demand: `gitops-kit <command> …` imports
 * only the group that registers `<command>` (each group pulls in its packages, and start-up time is
 * part of every run). `--help` and unknown commands load every group through `commandGroups`
 * (`commands/index.ts`); `loaders.test.ts` checks the two agree.
 */
export const commandLoaders: Record<string, () => Promise<CommandGroup>> = {
  demo: async () => (await import('./demo.js')).demoCommand,
  envsubst: async () => (await import('./envsubst.js')).envsubstCommand,
  kustomize: async () => (await import('./kustomize.js')).kustomizeCommand,
  build: async () => (await import('./kustomization.js')).kustomizationCommands,
  diff: async () => (await import('./kustomization.js')).kustomizationCommands,
  template: async () => (await import('./template.js')).templateCommand,
  health: async () => (await import('./health.js')).healthCommands,
  source: async () => (await import('./source.js')).sourceCommand,
  artifact: async () => (await import('./artifact.js')).artifactCommand,
  helm: async () => (await import('./helm.js')).helmCommand,
  reconcile: async () => (await import('./reconcile.js')).reconcileCommands,
  suspend: async () => (await import('./reconcile.js')).reconcileCommands,
  resume: async () => (await import('./reconcile.js')).reconcileCommands,
  get: async () => (await import('./get.js')).getCommands,
  events: async () => (await import('./events.js')).eventsCommand,
};
