// No import cycle in production code and no test code in it (issue 36): the checks, and the finders on
// graphs whose answers are known (so the checks can fail).
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, isTestFile, testImports } from './import-cycles';

describe('import cycles', () => {
  it('finds none in shared, bot, sync-server and desktop src/ (tests and fakes left out)', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(500);
    // A package import is followed to its file: sync-server's files reach shared's.
    expect(graph.get('sync-server/src/main.ts')).toContain('sync-server/src/server.ts');
    expect([...graph.values()].flat().some((f) => f.startsWith('shared/src/'))).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });

  it("finds no production file importing test code (fakes live behind the packages' /testing entries)", () => {
    expect(testImports(importGraph())).toEqual([]);
    expect(
      testImports(
        new Map([
          ['sync-server/src/server.ts', ['shared/src/testing/fake-openai-server.ts', 'shared/src/ids.ts']],
        ]),
      ),
    ).toEqual(['sync-server/src/server.ts -> shared/src/testing/fake-openai-server.ts']);
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
