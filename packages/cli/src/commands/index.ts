import type { CommandGroup } from '../program.js';

/** Every command group, in `--help` order. Each later issue adds its group file here. */
export const commandGroups: CommandGroup[] = [];
