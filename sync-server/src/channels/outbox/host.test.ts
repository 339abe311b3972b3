// The core's outboxes (host.ts): a wing declares how it sends and the host runs the outbox over it. A
// message written pending is sent through the declared transport; its delivery goes back through the
// host's mirrors (the team's cached threads hear of the sent doc, as the after-delivery hook tells
// them); an outbox the wing stopped is not stopped again when the host closes, one still running is.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDoc } from '@app/shared/schemas';
import { recordingTransport, startTestStore, until, type TestStore } from '../../../test/helpers';
import { createThreadCache } from '../../agents/thread-cache';
import type { CouchStore } from '../../store/couch-store';
import { createOutboxes } from './host';
import type { OutboxTransport } from './transport';

const log = pino({ level: 'silent' });
const team = 'outbox-host';
let kit: TestStore;
let store: CouchStore;

beforeAll(async () => {
  kit = await startTestStore('outbox-host-');
  store = kit.store;
  await store.ensureTeam(team);
  await store.teamDb(team, 'conversations').insert({
    _id: 'conv-1',
    contactId: 'c1',
    channel: 'telegram',
    externalChatId: '1',
  } as never);
});
afterAll(() => kit.close());

const pending = (id: string) => ({
  _id: id,
  conversationId: 'conv-1',
  channel: 'telegram',
  direction: 'outbound',
  author: { kind: 'rep', id: 'rep-1' },
  text: id,
  attachments: [],
  delivery: { status: 'pending' },
  idempotencyKey: id,
  createdAt: new Date().toISOString(),
});

/** A recording transport that counts its closes. */
function closing(sent: string[], channel: OutboxTransport['channel'] = 'telegram') {
  const closes = { n: 0 };
  const transport: OutboxTransport = {
    ...recordingTransport(sent, channel),
    close: () => void closes.n++,
  };
  return { transport, closes };
}

describe("the core's outboxes", () => {
  it('sends over the declared transport and hands the delivery back with the mirrors', async () => {
    const threads = createThreadCache();
    const heard: string[] = [];
    const wrote = threads.wrote.bind(threads);
    threads.wrote = (docs) => {
      heard.push(...docs.map((d) => String(d._id)));
      wrote(docs);
    };
    const outboxes = createOutboxes({ store, mirrors: { threads } });
    const sent: string[] = [];
    const { transport } = closing(sent);
    const running = outboxes.start({ teamId: team, transport, checkpointId: 'cp:host-test:1', log });
    await store.teamDb(team, 'messages').insert(pending('m1') as never);
    await until(() => sent.includes('m1'));
    await until(() => heard.includes('m1'));
    // Its delivery steps are written on the doc as before.
    const status = async () =>
      ((await store.teamDb(team, 'messages').get('m1')) as unknown as MessageDoc).delivery.status;
    await until(async () => (await status()) === 'sent');
    await running.stop();
    await outboxes.close();
  });

  it('stops on close what is still running, and what a wing stopped only once', async () => {
    const outboxes = createOutboxes({ store });
    const a = closing([]);
    const b = closing([], 'email');
    const first = outboxes.start({
      teamId: team,
      transport: a.transport,
      checkpointId: 'cp:host-test:a',
      log,
    });
    outboxes.start({ teamId: team, transport: b.transport, checkpointId: 'cp:host-test:b', log });
    await first.stop();
    expect([a.closes.n, b.closes.n]).toEqual([1, 0]);
    await outboxes.close();
    expect([a.closes.n, b.closes.n]).toEqual([1, 1]);
  });
});
