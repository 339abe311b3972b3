// No import cycle in production code (issue 36): the check, and the cycle finder on graphs whose
// cycles are known (so the check can fail).
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, isTestFile } from './import-cycles';

describe('import cycles', () => {
  it('finds none in shared, bot, sync-server and desktop src/ (tests and fakes left out)', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(500);
    // A package import is followed to its file: sync-server's files reach shared's.
    expect(graph.get('sync-server/src/main.ts')).toContain('sync-server/src/server.ts');
    expect([...graph.values()].flat().some((f) => f.startsWith('shared/src/'))).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle through several files, a self-import, and nothing in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      cycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('leaves tests and test fakes out of production', () => {
    expect(isTestFile('sync-server/src/api/leads.test.ts')).toBe(true);
    expect(isTestFile('bot/src/testing/fake-bot-api.ts')).toBe(true);
    expect(isTestFile('sync-server/src/api/leads.ts')).toBe(false);
  });
});
