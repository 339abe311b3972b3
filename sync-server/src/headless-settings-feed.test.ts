// The runtime follows app_channels (issue 65): settings written through another process (a doc in
// app_channels, this runtime not told) take effect at once, where a 10 s poll of every settings doc used
// to find them; the poll, now a minute's net, costs a burst's messages nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import { until, startTestStore, type TestStore } from '../test/helpers';
import { telegramSettingsSpec } from './channels/telegram/settings-routes';
import type { ChannelSettingsDeps } from './settings/settings-docs';
import { loadServerConfig } from './config';
import { CHECK_MS, startRuntime, type Runtime } from './headless';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const team = 'settings-feed';
const encryptionKey = Buffer.alloc(32, 5);
let testStore: TestStore;
let fake: FakeTelegram;
let runtime: Runtime;

beforeAll(async () => {
  testStore = await startTestStore('settings-feed-', log);
  const { store } = testStore;
  await store
    .systemDb('app_teams')
    .insert({ _id: team, type: 'team', name: 'S', createdAt: new Date().toISOString() });
  await store.ensureTeam(team);
  fake = await startFakeTelegram();
  // The default check: a minute, longer than this test waits.
  runtime = startRuntime({
    store,
    log,
    instanceId: 'settings-feed-1',
    encryptionKey,
    llm: { providers: [] },
    config: loadServerConfig({ TELEGRAM_API_ROOT: fake.apiRoot }),
  });
});

afterAll(async () => {
  await runtime?.close();
  await fake?.close();
  await testStore?.close();
});

describe('settings changed through another process', () => {
  it("starts the team's bot from a channel doc written to app_channels, long before the check", async () => {
    expect(CHECK_MS).toBeGreaterThanOrEqual(30_000);
    await until(() => runtime.teams === 1, 20_000);
    // The team has started (its settings read: no bot); let its first check settle.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.calls.filter((c) => c.method === 'getMe')).toHaveLength(0);
    const spec = telegramSettingsSpec({
      store: testStore.store,
      encryptionKey,
    } as unknown as ChannelSettingsDeps);
    const doc = spec.build({ token: fake.token, mode: 'polling', enabled: true }, null, {
      teamId: team,
      userId: 'admin-of-another-process',
      at: new Date().toISOString(),
    } as Parameters<typeof spec.build>[2]);
    const t0 = Date.now();
    await testStore.another().systemDb('app_channels').insert(doc);
    await until(() => fake.calls.some((c) => c.method === 'getMe'), 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
