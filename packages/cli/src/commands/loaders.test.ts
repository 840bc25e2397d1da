import { describe, expect, it } from 'vitest';
import type { CliIO, CommandGroup } from '../program.js';
import { commandGroups } from './index.js';
import { commandLoaders } from './loaders.js';

const io = {} as CliIO;
const topLevel = (groups: CommandGroup[]) => groups.flatMap((g) => g(io).map((c) => c.name));

describe('commandLoaders', () => {
  it('names every top-level command of commandGroups, and nothing else', () => {
    expect(Object.keys(commandLoaders).sort()).toEqual(topLevel(commandGroups).sort());
  });

  it.each(Object.keys(commandLoaders))('%s loads the group that registers it', async (name) => {
    const group = await commandLoaders[name]!();
    expect(commandGroups).toContain(group);
    expect(topLevel([group])).toContain(name);
  });
});
