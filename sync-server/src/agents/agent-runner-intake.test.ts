// The agent runner yields to a burst being taken in (store/intake-load.ts, issue 14): while intake is
// busy it starts at most `busyConcurrency` runs, the rest wait in their queues (none dropped), and once
// intake is idle the held-back runs start at once.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEngine } from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import { createIntakeLoad } from '../store/intake-load';
import { startTestStore, type TestStore } from '../../test/helpers';
import { createAgentRunner } from './agent-runner';
import type { Change } from '../store/feeds/change-follower';
import { createCouchStorePort } from './couch-store-port';
import { createLeases, type LeaseDoc } from '../store/leases';
import type { Stored } from '../store/couch-docs';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const team = 'intakeyield1';
let testStore: TestStore;

beforeAll(async () => {
  testStore = await startTestStore('intake-yield-', log);
  await testStore.store.ensureTeam(team);
});

afterAll(async () => {
  await testStore.close();
});

const inbound = (n: number): Change<Stored<MessageDoc>> => {
  const doc = {
    _id: `msg:email:${n}`,
    _rev: '1-a',
    conversationId: `conv:email:${n}`,
    contactId: `contact:email:${n}`,
    channel: 'email',
    direction: 'inbound',
    author: { kind: 'customer', id: `contact:email:${n}` },
    text: `question ${n}`,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `email:${n}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString(),
  } as unknown as Stored<MessageDoc>;
  return { id: doc._id, seq: String(n), doc } as Change<Stored<MessageDoc>>;
};

/** A runner whose runs last until `release()`: how many run at once is what the test looks at. */
function runnerWith(intakeLoad: ReturnType<typeof createIntakeLoad> | undefined, instanceId: string) {
  const store = testStore.store;
  let running = 0;
  let most = 0;
  const done: string[] = [];
  const waiting: Array<() => void> = [];
  const runner = createAgentRunner({
    teamId: team,
    leases: createLeases({ db: store.systemDb<LeaseDoc>('app_runtime'), instanceId, ttlMs: 10_000 }),
    log,
    retryMs: 50,
    ...(intakeLoad ? { intakeLoad } : {}),
    engineFor: () => {
      const port = createCouchStorePort(store, team);
      const engine = {
        handleInbound: async (message: MessageDoc) => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => waiting.push(resolve));
          running--;
          done.push(message.id);
          return { runId: `run-${message.id}`, replies: [] };
        },
      } as unknown as AgentEngine;
      return { engine, store: port };
    },
  });
  return {
    runner,
    done,
    get running() {
      return running;
    },
    get most() {
      return most;
    },
    release() {
      for (const r of waiting.splice(0)) r();
    },
  };
}

const until = async (ok: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('agent runner and intake load', () => {
  it('starts at most two runs while a burst is taken in, then the rest at once, none lost', async () => {
    const load = createIntakeLoad();
    const r = runnerWith(load, 'yield-a');
    const end = load.begin();
    const handled = r.runner.handle([1, 2, 3, 4, 5, 6].map(inbound));
    await until(() => r.running === 2);
    // Runs that end while intake is still busy are followed by at most two again.
    r.release();
    await until(() => r.done.length === 2 && r.running === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.running).toBe(2);
    expect(r.most).toBe(2);
    // Intake idle: the held-back runs start without waiting for the runs under way.
    end();
    end(); // a second call changes nothing
    await until(() => r.running === 4);
    expect(load.busy).toBe(false);
    r.release();
    await handled;
    expect(new Set(r.done)).toEqual(new Set([1, 2, 3, 4, 5, 6].map((n) => `msg:email:${n}`)));
    await r.runner.stop();
  });

  it('runs at full concurrency when intake is idle', async () => {
    const load = createIntakeLoad();
    const r = runnerWith(load, 'yield-b');
    const handled = r.runner.handle([11, 12, 13, 14, 15, 16].map(inbound));
    await until(() => r.running === 6);
    r.release();
    await handled;
    expect(r.done).toHaveLength(6);
    await r.runner.stop();
  });
});
