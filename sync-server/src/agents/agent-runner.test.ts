// Two agent runners on one store, as two server processes would be: each inbound message is answered
// exactly once, in order per conversation, and a runner stopped mid-way loses nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgentEngine,
  createAgentLlmFromEnv,
  createKeywordRetriever,
  type AgentEngine,
} from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { CouchStore } from '../store/couch-store';
import { createAgentRunner, type AgentRunner } from './agent-runner';
import {
  createChangeFollower,
  type ChangeFollower,
  type CheckpointDoc,
} from '../store/feeds/change-follower';
import { createCouchStorePort } from './couch-store-port';
import { ingestInbound } from '../channels/intake';
import { fromCouch } from '../store/couch-docs';
import { createLeases, type LeaseDoc, type Leases } from '../store/leases';
import { startTestStore, type TestStore } from '../../test/helpers';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const team = 'agents1';
let testStore: TestStore;
let store: CouchStore;

const retriever = createKeywordRetriever([
  {
    chunkId: 'k1',
    sourceId: 's1',
    title: 'Delivery',
    text: 'Delivery across Russia takes 3-5 business days and costs 500 RUB.',
  },
  { chunkId: 'k2', sourceId: 's1', title: 'Prices', text: 'The team plan costs 990 RUB per user per month.' },
]);

/** The runs of each message that did the work (all but those skipped as answered already). */
const runs = new Map<string, number>();
/** Every run of each message, skipped ones too. */
const attempts = new Map<string, number>();

/** Each runner's lease acquisitions, by key (the lease traffic a process makes). */
const acquired = new Map<string, number>();

/** A runner as one server process has it, over `own` (that process's store: its ingest notes). */
function createProcessRunner(
  name: string,
  own: CouchStore = store,
  extra: Pick<Parameters<typeof createAgentRunner>[0], 'takenHere' | 'deferMs' | 'maxDeferMs'> = {},
  /** The process's leases (default: fresh ones of `name`). */
  leases: Leases = createLeases({
    db: own.systemDb<LeaseDoc>('app_runtime'),
    instanceId: name,
    ttlMs: 10_000,
  }),
): AgentRunner {
  const counted: Leases = {
    ...leases,
    acquire: (key) => {
      acquired.set(`${name} ${key}`, (acquired.get(`${name} ${key}`) ?? 0) + 1);
      return leases.acquire(key);
    },
  };
  const llm = createAgentLlmFromEnv({});
  return createAgentRunner({
    teamId: team,
    leases: counted,
    log,
    retryMs: 100,
    ...extra,
    engineFor: () => {
      const port = createCouchStorePort(own, team);
      const engine = createAgentEngine({ store: port, llm, retriever, log });
      const counted: AgentEngine = {
        ...engine,
        handleInbound: async (message) => {
          attempts.set(message.id, (attempts.get(message.id) ?? 0) + 1);
          const result = await engine.handleInbound(message);
          if (result.skipped !== 'duplicate') runs.set(message.id, (runs.get(message.id) ?? 0) + 1);
          return result;
        },
      };
      return { engine: counted, store: port };
    },
  });
}

function startProcess(name: string): { runner: AgentRunner; follower: ChangeFollower } {
  const runner = createProcessRunner(name);
  const follower = createChangeFollower<MessageDoc & { _id: string; _rev: string }>({
    server: store.server,
    dbName: store.dbName(team, 'messages'),
    checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
    checkpointId: `cp:agents:${name}:${team}`,
    log,
    pollMs: 500,
    handle: runner.handle,
  });
  follower.start();
  return { runner, follower };
}

async function send(chat: number, n: number, text: string, into: CouchStore = store) {
  const at = new Date(Date.UTC(2026, 0, 1, 10, 0, n)).toISOString();
  await ingestInbound(into, team, {
    doc: {
      id: `msg:telegram:${chat}:${n}`,
      conversationId: `conv:telegram:bot1:${chat}`,
      contactId: `contact:telegram:${chat}`,
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: `contact:telegram:${chat}` },
      text,
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: `telegram:${chat}:${n}`,
      createdAt: at,
    },
    customer: {
      contactId: `contact:telegram:${chat}`,
      name: `Customer ${chat}`,
      identity: { channel: 'telegram', externalId: String(chat) },
    },
    conversation: {
      id: `conv:telegram:bot1:${chat}`,
      channel: 'telegram',
      externalChatId: String(chat),
      botId: 'bot1',
    },
  });
}

async function replies(): Promise<MessageDoc[]> {
  const { rows } = await store.teamDb(team, 'messages').list({ include_docs: true });
  // Replies answer a message; planned follow-ups (scheduledFor) are not replies.
  return rows
    .map((r) => r.doc as unknown as MessageDoc)
    .filter((d) => d.direction === 'outbound' && !d.scheduledFor);
}

beforeAll(async () => {
  testStore = await startTestStore('agents-', log);
  store = testStore.store;
  await store.ensureTeam(team);
});

afterAll(async () => {
  await testStore.close();
});

describe('agent runner', () => {
  it('answers each message exactly once with two processes on one store, even when one stops mid-way', async () => {
    const a = startProcess('server-a');
    const b = startProcess('server-b');
    const texts = [
      'How much does delivery cost?',
      'Сколько стоит доставка?',
      'What is the price of the team plan?',
      'My email is lead@example.com',
    ];
    const sends: Promise<void>[] = [];
    // One message per conversation: a hand-off (human mode) would silence later ones by design.
    for (let chat = 1; chat <= 32; chat++) sends.push(send(7000 + chat, 0, texts[chat % texts.length]!));
    await Promise.all(sends);
    await new Promise((r) => setTimeout(r, 400));
    // Server A goes away while work is in flight; B must finish everything.
    await a.follower.stop();
    await a.runner.stop();

    const t0 = Date.now();
    while ((await replies()).length < 32 && Date.now() - t0 < 60_000)
      await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1_000)); // time for any duplicate to appear
    await b.follower.stop();
    await b.runner.stop();

    const out = await replies();
    const perMessage = new Map<string, number>();
    for (const r of out) perMessage.set(String(r.replyToId), (perMessage.get(String(r.replyToId)) ?? 0) + 1);
    expect(perMessage.size).toBe(32);
    expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    for (const r of out)
      expect(
        validateCouchDoc('messages', { ...r, _id: (r as unknown as { _id: string })._id }),
      ).toMatchObject({ ok: true });
  }, 90_000);

  it('runs a message once when another process ran it before the ingesting one (ingest notes)', async () => {
    // Process A takes the message in (its ingest notes: a new conversation and contact); process B
    // reads the feed first and runs it; then A's runner gets to it.
    const other = testStore.another();
    await send(9100, 0, 'What is the price of the team plan?', store);
    const id = 'msg:telegram:9100:0';
    const raw = await store.teamDb(team, 'messages').get(id);
    const change = { id, seq: '1', doc: raw as unknown as MessageDoc & { _id: string; _rev: string } };
    const b = createProcessRunner('server-b', other);
    await b.handle([change]);
    await b.stop();
    const a = createProcessRunner('server-a', store);
    await a.handle([change]);
    await a.stop();
    expect(runs.get(id)).toBe(1);
    expect((await replies()).filter((r) => r.replyToId === id)).toHaveLength(1);
  }, 60_000);

  it('drops a message another process answered once its reply shows in the feed, without running it again', async () => {
    // Process X holds the conversation while process A's runner gets the message: A waits for the lease.
    await send(9200, 0, 'How much does delivery cost?', store);
    const id = 'msg:telegram:9200:0';
    const messages = store.teamDb(team, 'messages');
    const changeOf = async (docId: string) => {
      const doc = await messages.get(docId);
      return { id: docId, seq: '1', doc: doc as unknown as MessageDoc & { _id: string; _rev: string } };
    };
    const inbound = await changeOf(id);
    const held = await createLeases({
      db: store.systemDb<LeaseDoc>('app_runtime'),
      instanceId: 'server-x',
      ttlMs: 10_000,
    }).acquire(`${team}:conv:telegram:bot1:9200`);
    expect(held).not.toBeNull();
    const a = createProcessRunner('server-a');
    let settled = false;
    const handled = a.handle([inbound]).then(() => void (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(a.waiting).toBe(1);
    // X, holding the conversation, answers the message (a run as X's runner makes it); A's feed then shows the reply.
    const port = createCouchStorePort(store, team);
    const engine = createAgentEngine({ store: port, llm: createAgentLlmFromEnv({}), retriever, log });
    await engine.handleInbound(fromCouch<MessageDoc>(inbound.doc as never));
    await port.flush?.();
    const reply = (await replies()).find((r) => r.replyToId === id)!;
    await a.handle([await changeOf((reply as unknown as { _id: string })._id)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(true);
    expect(a.waiting).toBe(0);
    await handled;
    await a.stop();
    // A never ran it, not even when X let the conversation go (before: it took the lease then, and ran
    // the message to find it answered).
    await createLeases({
      db: store.systemDb<LeaseDoc>('app_runtime'),
      instanceId: 'server-x',
      ttlMs: 10_000,
    }).release(held!);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.get(id)).toBeUndefined();
    expect((await replies()).filter((r) => r.replyToId === id)).toHaveLength(1);
  }, 60_000);

  /** The inbound message's change, as the feed hands it over. */
  const changeOf = async (docId: string) => {
    const doc = await store.teamDb(team, 'messages').get(docId);
    return { id: docId, seq: '1', doc: doc as unknown as MessageDoc & { _id: string; _rev: string } };
  };
  const leasesOf = (instanceId: string) =>
    createLeases({ db: store.systemDb<LeaseDoc>('app_runtime'), instanceId, ttlMs: 10_000 });
  /** X's run of the message (X holds or took its conversation) and the change of its reply. */
  async function answerAsX(id: string) {
    const port = createCouchStorePort(store, team);
    const engine = createAgentEngine({ store: port, llm: createAgentLlmFromEnv({}), retriever, log });
    await engine.handleInbound(fromCouch<MessageDoc>((await changeOf(id)).doc as never));
    await port.flush?.();
    const reply = (await replies()).find((r) => r.replyToId === id)!;
    return changeOf((reply as unknown as { _id: string })._id);
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('tries a lease another process holds again at growing intervals, and runs the message once it is let go (issue 65)', async () => {
    await send(9300, 0, 'How much does delivery cost?', store);
    const id = 'msg:telegram:9300:0';
    const key = `${team}:conv:telegram:bot1:9300`;
    const x = leasesOf('server-x');
    const held = await x.acquire(key);
    expect(held).not.toBeNull();
    const a = createProcessRunner('server-a');
    const handled = a.handle([await changeOf(id)]);
    await sleep(1_650);
    // retryMs 100: tries at 0, 100, 300, 700 and 1500 ms (a try every 100 ms before: 17 of them,
    // a PUT and a read of the lease each).
    const tries = acquired.get(`server-a ${key}`) ?? 0;
    expect(tries).toBeGreaterThanOrEqual(4);
    expect(tries).toBeLessThanOrEqual(6);
    await x.release(held!);
    await handled; // within the longest wait (800 ms) the lease is taken and the message run
    await a.stop();
    expect(runs.get(id)).toBe(1);
  }, 30_000);

  it('leaves a message another process took in to that process, once others are seen at work, and runs its own at once (issue 65)', async () => {
    await send(9400, 0, 'How much does delivery cost?', store);
    await send(9401, 0, 'What is the price of the team plan?', store);
    await send(9402, 0, 'Сколько стоит доставка?', store);
    await send(9403, 0, 'How much does delivery cost?', store);
    const msgId = (chat: number): string => `msg:telegram:${chat}:0`;
    const [m9400, m9401, m9402, m9403] = [msgId(9400), msgId(9401), msgId(9402), msgId(9403)];
    const mine = new Set([m9402]);
    const options = { takenHere: (messageId: string) => mine.has(messageId), deferMs: 5_000 };

    // Alone (no other process seen), a message taken in elsewhere is run at once.
    const b = createProcessRunner('server-b', store, options);
    await b.handle([await changeOf(m9403)]);
    await b.stop();
    expect(runs.get(m9403)).toBe(1);

    // A loses conversation 9400's lease to X: another process is at work.
    const x = leasesOf('server-x');
    const held = await x.acquire(`${team}:conv:telegram:bot1:9400`);
    const a = createProcessRunner('server-a', store, options);
    const first = a.handle([await changeOf(m9400)]);
    await sleep(200);
    // 9401, taken in elsewhere, waits here; 9402, taken in here, is run at once.
    const other = a.handle([await changeOf(m9401)]);
    await a.handle([await changeOf(m9402)]);
    expect(runs.get(m9402)).toBe(1);
    await sleep(300);
    expect(acquired.get(`server-a ${team}:conv:telegram:bot1:9401`)).toBeUndefined();
    // The process that took 9401 in answers it: its reply through the feed takes it out here.
    await a.handle([await answerAsX(m9401)]);
    await other;
    expect(acquired.get(`server-a ${team}:conv:telegram:bot1:9401`)).toBeUndefined();
    expect(attempts.get(m9401)).toBeUndefined(); // A never ran it (X did)
    // X answers 9400 too and lets it go.
    await a.handle([await answerAsX(m9400)]);
    await first;
    await x.release(held!);
    await a.stop();
    expect(attempts.get(m9400)).toBeUndefined();
    expect((await replies()).filter((r) => r.replyToId === m9401)).toHaveLength(1);
  }, 30_000);

  it("leaves a message another process took in to it from the start when another process's live lease was read here (the team's bot, issue 65)", async () => {
    await send(9600, 0, 'How much does delivery cost?', store);
    const id = 'msg:telegram:9600:0';
    const x = leasesOf('server-x');
    const bot = await x.acquire(`bot:${team}`);
    // A's bot check finds X running the team's bot: A has seen no reply nor lost any conversation.
    const leasesA = leasesOf('server-a');
    expect(await leasesA.acquire(`bot:${team}`)).toBeNull();
    const a = createProcessRunner('server-a', store, { takenHere: () => false, deferMs: 5_000 }, leasesA);
    const handled = a.handle([await changeOf(id)]);
    await sleep(500);
    expect(acquired.get(`server-a ${team}:conv:telegram:bot1:9600`)).toBeUndefined();
    // X answers it: its reply through the feed takes it out here, never run.
    await a.handle([await answerAsX(id)]);
    await handled;
    await a.stop();
    await x.release(bot!);
    expect(attempts.get(id)).toBeUndefined();
  }, 30_000);

  it('leaves a message another process took in to it while that process keeps answering, however long, and takes it over once it falls silent (issue 65)', async () => {
    const msgId = (chat: number): string => `msg:telegram:${chat}:0`;
    for (let chat = 9500; chat <= 9506; chat++) await send(chat, 0, 'How much does delivery cost?', store);
    const options = { takenHere: () => false, deferMs: 1_500 };
    const a = createProcessRunner('server-a', store, options);
    // X answers a message A never ran: another process is at work.
    await a.handle([await answerAsX(msgId(9501))]);
    const t0 = Date.now();
    const handled = a.handle([await changeOf(msgId(9500))]);
    // X keeps answering its customers, past deferMs: 9500 (X's too) is not tried here meanwhile.
    let lastSign = Date.now();
    for (let chat = 9502; chat <= 9506; chat++) {
      await sleep(400);
      await a.handle([await answerAsX(msgId(chat))]);
      lastSign = Date.now();
    }
    expect(lastSign - t0).toBeGreaterThan(1_500);
    expect(acquired.get(`server-a ${team}:conv:telegram:bot1:9500`)).toBeUndefined();
    // X falls silent (gone): deferMs after its last reply, A takes 9500 over and answers it.
    await handled;
    expect(Date.now() - lastSign).toBeGreaterThanOrEqual(1_400);
    await a.stop();
    expect(attempts.get(msgId(9500))).toBe(1);
    expect((await replies()).filter((r) => r.replyToId === msgId(9500))).toHaveLength(1);
  }, 30_000);
});
