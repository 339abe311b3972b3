// Retrying a failed outgoing message, through the API route and through the sync gateway (the
// desktop's way), both held to the access policy: a rep puts a failed outbound message back to
// "waiting to send"; a viewer may not, nobody may "retry" a customer's message, a message that did not
// fail or was cancelled is refused with a 400, and another team's message is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../test/helpers';
import {
  conversationDoc,
  messageDoc,
  startApiTestServer,
  type ApiTestServer,
  type TestTeam,
} from '../../test/api-kit';

let t: ApiTestServer;
let team: TestTeam;
let other: TestTeam;

const conv = 'conv:retry:1';
const refused = '403: Forbidden: bot was blocked by the user';
const outbound = (id: string, extra: Record<string, unknown> = {}) =>
  messageDoc(id, conv, {
    direction: 'outbound',
    author: { kind: 'rep', name: 'Anna' },
    text: 'We will call you today.',
    delivery: { status: 'failed', attempts: 1, lastError: refused },
    ...extra,
  });

const push = (token: string, docs: Record<string, unknown>[]) =>
  call(t.base, 'POST', '/sync/messages/_bulk_docs', { token, body: { docs } });
const stored = async (id: string) =>
  (
    (await call(t.base, 'POST', '/sync/messages/_all_docs', {
      token: team.admin,
      body: { keys: [id], include_docs: true },
    })) as { body: { rows: { doc: Record<string, unknown> & { _rev: string } }[] } }
  ).body.rows[0]!.doc;
const retry = (token: string, messageId: string, conversationId = conv) =>
  t.as(token)('POST', `/conversations/${conversationId}/messages/${messageId}/retry`);

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Retry');
  other = await t.team('Other');
  await call(t.base, 'POST', '/sync/conversations/_bulk_docs', {
    token: team.admin,
    body: { docs: [conversationDoc(conv, 'contact-1')] },
  });
  // As the channels' senders left them (failed, sent): the server's writes, not a member's push.
  const created = await t.server.store.teamDb(team.teamId, 'messages').bulk({
    docs: [
      outbound('m-failed'),
      outbound('m-gateway'),
      outbound('m-sent', { delivery: { status: 'sent', attempts: 1, sentAt: '2026-03-02T10:16:00.000Z' } }),
      outbound('m-cancelled', { cancelledAt: '2026-03-02T10:16:00.000Z' }),
      messageDoc('m-inbound', conv, { delivery: { status: 'received' } }),
    ] as never[],
  });
  expect(created.every((r) => !r.error)).toBe(true);
}, 60_000);
afterAll(() => t?.close());

describe('POST /conversations/:id/messages/:messageId/retry', () => {
  it('puts a failed message back to waiting to send, its error cleared, its attempts kept', async () => {
    const res = await retry(team.rep, 'm-failed');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'm-failed', delivery: { status: 'pending', attempts: 1 } });
    expect(res.body.delivery.lastError).toBeUndefined();
    expect((await stored('m-failed')).delivery).toEqual({ status: 'pending', attempts: 1 });
    // Now it waits to be sent: a second retry has nothing to retry.
    const again = await retry(team.rep, 'm-failed');
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('bad-request');
  });

  it('refuses what is not a failed outgoing message, and whoever may not update messages', async () => {
    expect((await retry(team.rep, 'm-sent')).status).toBe(400);
    expect((await retry(team.rep, 'm-cancelled')).status).toBe(400);
    const inbound = await retry(team.admin, 'm-inbound');
    expect(inbound.status).toBe(403);
    expect(inbound.body.error.code).toBe('role-forbidden');
    const viewer = await retry(team.viewer, 'm-gateway');
    expect(viewer.status).toBe(403);
    expect((await stored('m-gateway')).delivery).toMatchObject({ status: 'failed', lastError: refused });
    expect(
      (await t.as('not-a-token')('POST', `/conversations/${conv}/messages/m-gateway/retry`)).status,
    ).toBe(401);
  });

  it('finds only the team’s messages of that conversation; a bad id is a 400', async () => {
    expect((await retry(other.rep, 'm-gateway')).status).toBe(404);
    expect((await retry(team.rep, 'm-gateway', 'conv:someone-else')).status).toBe(404);
    expect((await retry(team.rep, 'nobody')).status).toBe(404);
    expect((await retry(team.rep, 'x'.repeat(200))).status).toBe(400);
  });
});

describe('a retry through the sync gateway (the desktop, offline first)', () => {
  it('is the same write, allowed to a rep and refused to a viewer', async () => {
    const doc = await stored('m-gateway');
    const retried = { ...doc, delivery: { status: 'pending', attempts: 1 } };
    const byViewer = await push(team.viewer, [retried]);
    expect(byViewer.body).toEqual([expect.objectContaining({ id: 'm-gateway', error: 'forbidden' })]);
    expect((await stored('m-gateway')).delivery).toMatchObject({ status: 'failed' });
    const byRep = await push(team.rep, [retried]);
    expect(byRep.body[0]).toMatchObject({ id: 'm-gateway', ok: true });
    expect((await stored('m-gateway')).delivery).toEqual({ status: 'pending', attempts: 1 });
    // Nor may a retry move the message elsewhere or change who wrote it.
    const moved = await push(team.rep, [{ ...(await stored('m-gateway')), author: { kind: 'agent' } }]);
    expect(moved.body[0]).toMatchObject({ error: 'forbidden' });
  });
});
