// The import boundaries of ARCHITECTURE.md are enforced by ESLint: prove each rule fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['shared/src/x.ts', "import { a } from '@app/bot';"],
    ['shared/src/x.ts', "import fs from 'node:fs';"],
    ['shared/src/x.ts', "import React from 'react';"],
    ['bot/src/x.ts', "import { a } from '@app/sync-server';"],
    ['bot/src/x.ts', "import { a } from '@app/shared/src/errors';"],
    ['sync-server/src/x.ts', "import { a } from '@app/desktop';"],
    ['desktop/src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['desktop/src/renderer/x.ts', "import path from 'node:path';"],
    ['desktop/src/renderer/x.ts', "import { a } from '@app/bot';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/src/node/x.ts', "import fs from 'node:fs';"],
    ['bot/src/x.ts', "import { DomainError } from '@app/shared/errors';"],
    ['sync-server/src/x.ts', "import { a } from '@app/bot';"],
    ['desktop/src/main/x.ts', "import { app } from 'electron';"],
    ['desktop/src/renderer/x.ts', "import { collections } from '@app/shared/schemas';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
