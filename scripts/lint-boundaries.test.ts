// The import boundaries of ARCHITECTURE.md are enforced by ESLint: prove each rule fires, between
// packages and between the layers inside sync-server/src.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

describe('sync-server layers', () => {
  it.each([
    ['sync-server/src/config.ts', "import type { Store } from './context';"],
    ['sync-server/src/context.ts', "import { route } from './http/route';"],
    ['sync-server/src/store/x.ts', "import { route } from '../http/route';"],
    ['sync-server/src/store/x.ts', "import { ingestInbound } from '../channels/intake';"],
    ['sync-server/src/http/x.ts', "import type { ApiDeps } from '../api/deps';"],
    ['sync-server/src/agents/x.ts', "import { channels } from '../channels/registry';"],
    ['sync-server/src/knowledge/x.ts', "import { startServer } from '../server';"],
    // The store's feeds are the store's: nothing above it.
    ['sync-server/src/store/feeds/x.ts', "import type { ReplyDrafts } from '../../agents/reply-drafts';"],
    // The agents' host and knowledge are peers.
    ['sync-server/src/agents/x.ts', "import { startTeamKnowledge } from '../knowledge/team-knowledge';"],
    ['sync-server/src/knowledge/x.ts', "import { createThreadCache } from '../agents/thread-cache';"],
    // The knowledge routes are the admin API's: the feature itself builds on no API helper, and
    // nothing below the API mounts them.
    ['sync-server/src/knowledge/x.ts', "import { decodeCursor } from '../api/paging';"],
    ['sync-server/src/channels/x.ts', "import { addKnowledgeRoutes } from '../knowledge/routes/index';"],
    ['sync-server/src/auth/x.ts', "import { createGatewayRouter } from '../gateway/gateway-router';"],
    ['sync-server/src/channels/telegram/x.ts', "import type { ApiDeps } from '../../api/deps';"],
    ['sync-server/src/channels/webchat/x.ts', "import { validateFileDoc } from '../../gateway/files';"],
    ['sync-server/src/gateway/x.ts', "import { ingestInbound } from '../channels/intake';"],
    ['sync-server/src/gateway/x.ts', "import { createApiRouter } from '../api/index';"],
    ['sync-server/src/api/x.ts', "import { startRuntime } from '../headless';"],
    ['sync-server/src/data-care/x.ts', "import { createApp } from '../app';"],
    ['sync-server/src/api/x.ts', "import { startApiTestServer } from '../../test/api-kit';"],
    ['sync-server/src/server.ts', "import { call } from '../test/helpers';"],
    // Model providers and integrations keep their secrets through settings/, not through a channel.
    ['sync-server/src/models/x.ts', "import { channels } from '../channels/registry';"],
    ['sync-server/src/integrations/x.ts', "import { ingestInbound } from '../channels/intake';"],
    ['sync-server/src/settings/x.ts', "import { createAgentRunner } from '../agents/agent-runner';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    ['sync-server/src/store/x.ts', "import { listen } from '../ops/listen';"],
    ['sync-server/src/http/x.ts', "import type { AuthContext } from '../context';"],
    ['sync-server/src/agents/x.ts', "import { updateDoc } from '../store/couch-docs';"],
    [
      'sync-server/src/knowledge/x.ts',
      "import { createChangeFollower } from '../store/feeds/change-follower';",
    ],
    ['sync-server/src/store/feeds/x.ts', "import { updateDoc } from '../couch-docs';"],
    [
      'sync-server/src/channels/telegram/x.ts',
      "import { createThreadCache } from '../../agents/thread-cache';",
    ],
    ['sync-server/src/api/x.ts', "import { measureSource } from '../knowledge/knowledge-measure';"],
    ['sync-server/src/knowledge/routes/x.ts', "import { decodeCursor } from '../../api/paging';"],
    ['sync-server/src/api/x.ts', "import { addKnowledgeRoutes } from '../knowledge/routes/index';"],
    ['sync-server/src/channels/telegram/x.ts', "import { telegramChannel } from './index';"],
    ['sync-server/src/api/x.ts', "import { channels } from '../channels/registry';"],
    ['sync-server/src/models/x.ts', "import { seal } from '../settings/sealed';"],
    ['sync-server/src/channels/vk/x.ts', "import { saveChannelDoc } from '../../settings/settings-docs';"],
    ['sync-server/src/server.ts', "import { createApp } from './app';"],
    // Tests may reach anything (they compose what they test).
    ['sync-server/src/agents/x.test.ts', "import { startRuntime } from '../headless';"],
    ['sync-server/src/agents/x.test.ts', "import { startTestStore } from '../../test/helpers';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  // Only the layer rules refuse test imports: a folder or file that no layer names would slip through.
  const src = new URL('../sync-server/src/', import.meta.url);
  const entries = readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')))
    .map((e) => (e.isDirectory() ? `${e.name}/x.ts` : e.name));
  it.each(entries)('sync-server/src/%s is in a layer', async (entry) => {
    const up = '../'.repeat(entry.split('/').length);
    expect(
      await restricted(`sync-server/src/${entry}`, `import { a } from '${up}test/helpers';`),
    ).not.toEqual([]);
  });
});

// Issue 63: runtime/ is gone (its feeds are the store's, the agents' host and knowledge feature folders),
// and only sync-server/src/store/ talks to CouchDB through nano, types included, tests too.
describe('the store alone talks to CouchDB', () => {
  const repo = new URL('..', import.meta.url).pathname;

  it.each([
    ['sync-server/src/context.ts', "import type { ServerScope } from 'nano';"],
    ['sync-server/src/agents/x.ts', "import type { DocumentScope } from 'nano';"],
    ['sync-server/src/knowledge/x.ts', "import nano from 'nano';"],
    ['sync-server/src/ops/x.test.ts', "import nano from 'nano';"],
    ['sync-server/src/channels/outbox/x.test.ts', "import type { ServerScope } from 'nano';"],
    ['sync-server/test/x.ts', "import nano from 'nano';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    ['sync-server/src/store/feeds/x.ts', "import type { ServerScope } from 'nano';"],
    ['sync-server/src/store/x.test.ts', "import nano from 'nano';"],
    ['sync-server/src/context.ts', "import type { ServerScope } from './store/couch';"],
    ['sync-server/test/x.ts', "import { couchClient } from '../src/store/couch';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('has no sync-server/src/runtime/', () => {
    expect(existsSync(`${repo}sync-server/src/runtime`)).toBe(false);
  });

  /** Every TypeScript file under `dir` (a path from the repo), node_modules aside. */
  function tsFiles(dir: string): string[] {
    return readdirSync(`${repo}${dir}`, { withFileTypes: true }).flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
      return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [path] : [];
    });
  }

  it('no file outside sync-server/src/store/ imports nano (shared, bot, the server and its tests)', () => {
    const importsNano = /(from|import|require\()\s*['"]nano(\/[^'"]*)?['"]/;
    const found = ['shared/src', 'bot/src', 'sync-server/src', 'sync-server/test']
      .flatMap(tsFiles)
      .filter((f) => !f.startsWith('sync-server/src/store/'))
      .filter((f) => importsNano.test(readFileSync(`${repo}${f}`, 'utf8')));
    expect(found).toEqual([]);
  });
});
