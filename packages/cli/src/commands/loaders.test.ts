import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../program.js';
import { commandGroups } from './index.js';
import { commandLoaders } from './loaders.js';

const io = {} as CliIO;
const topLevel = (groups: ((p: Command, io: CliIO) => void)[]) => {
  const program = new Command();
  for (const g of groups) g(program, io);
  return program.commands.map((c) => c.name());
};

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
