import type { CommandGroup } from '../program.js';
import { artifactCommand } from './artifact.js';
import { demoCommand } from './demo.js';
import { envsubstCommand } from './envsubst.js';
import { eventsCommand } from './events.js';
import { getCommands } from './get.js';
import { healthCommands } from './health.js';
import { helmCommand } from './helm.js';
import { kustomizationCommands } from './kustomization.js';
import { kustomizeCommand } from './kustomize.js';
import { reconcileCommands } from './reconcile.js';
import { sourceCommand } from './source.js';
import { templateCommand } from './template.js';

/** Every command group, in `--help` order. Each later issue adds its group file here. */
export const commandGroups: CommandGroup[] = [
  demoCommand,
  envsubstCommand,
  kustomizeCommand,
  kustomizationCommands,
  templateCommand,
  healthCommands,
  sourceCommand,
  artifactCommand,
  helmCommand,
  reconcileCommands,
  getCommands,
  eventsCommand,
];
