// A team's model settings doc in a process whose runtime follows app_channels (issue 65): told of
// every change by that feed, the process reads the doc once, and again only after a change is told
// (the second server process read it every 5 s while it answered). A process that follows nothing (no
// runtime) reads it again after the usual few seconds, as before.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrivateAllowList } from '@app/shared/agents';
import { startCountingStore, type CountingStore } from '../../test/counting-store';
import { outboundPolicy } from '../ops/outbound';
import { createTeamModels } from './team-models';
import { createUsageMeters, type UsageMeters } from './usage';

const log = pino({ level: 'silent' });
let counting: CountingStore;
let usage: UsageMeters;

beforeAll(async () => {
  counting = await startCountingStore('team-models-followed-');
  usage = createUsageMeters({ store: counting.store, instanceId: () => 'i1', log, flushMs: 60_000 });
}, 60_000);
afterAll(async () => {
  await usage.close();
  await counting.close();
});

const ask = {
  messages: [{ role: 'user' as const, content: 'hi' }],
  task: { kind: 'route' as const, text: 'hi' },
};

/** Team models whose read settings are trusted for 1 ms (as if every call came after the 5 s). */
const teamModels = () =>
  createTeamModels({
    store: counting.store,
    encryptionKey: randomBytes(32),
    log,
    defaults: { providers: [] },
    usage,
    policy: outboundPolicy(parsePrivateAllowList('127.0.0.1')),
    ttlMs: 1,
  });

/** The reads of app_channels (the settings doc) one call of the team's model makes. */
async function settingsReads(models: ReturnType<typeof teamModels>, teamId: string): Promise<number> {
  await sleep(5);
  const requests = await counting.requestsOf(() => models.llmFor(teamId).chat('answer', ask));
  return requests.filter((r) => r.includes('app_channels')).length;
}

describe("a team's model settings, followed", () => {
  it('are read once, and again only after a change is told', async () => {
    const models = teamModels();
    models.followed?.();
    expect(await settingsReads(models, 'tf')).toBe(1);
    expect(await settingsReads(models, 'tf')).toBe(0);
    expect(await settingsReads(models, 'tf')).toBe(0);
    models.changed('tf');
    expect(await settingsReads(models, 'tf')).toBe(1);
    expect(await settingsReads(models, 'tf')).toBe(0);
  });

  it('are read again after the few seconds in a process that follows nothing', async () => {
    const models = teamModels();
    expect(await settingsReads(models, 'tn')).toBe(1);
    expect(await settingsReads(models, 'tn')).toBe(1);
  });
});
