import { describe, expect, it } from 'vitest';
import {
  accessTable,
  can,
  checkWrite,
  leastRole,
  needsStoredDoc,
  operations,
  parentOf,
  resources,
  roles,
  stampWrite,
  writeOperation,
} from './policy';

describe('the access table', () => {
  it('trusts each role with at least what the one before it may do', () => {
    for (const resource of resources) {
      for (const op of operations) {
        const allowed = roles.map((r) => can(r, resource, op));
        // once allowed, allowed for every more trusted role: [false, true, true], never [true, false, …]
        expect(allowed, `${resource}.${op}`).toEqual([...allowed].sort((a, b) => Number(a) - Number(b)));
      }
    }
  });

  it('lets no role write activity, and only admins write agent profiles and channels', () => {
    for (const role of roles) {
      for (const op of ['create', 'update', 'delete'] as const) {
        expect(can(role, 'activity', op)).toBe(false);
        expect(can(role, 'agent_settings', op)).toBe(role === 'admin');
        expect(can(role, 'channels', op)).toBe(role === 'admin');
      }
    }
    expect(leastRole('activity', 'delete')).toBeUndefined();
    expect(leastRole('agent_settings', 'read')).toBe('viewer');
    expect(Object.keys(accessTable)).toEqual([...resources]);
  });
});

describe('checkWrite', () => {
  const outbound = {
    _id: 'm1',
    direction: 'outbound',
    conversationId: 'c1',
    author: { kind: 'rep', id: 'u-rep' },
    text: 'Hi',
    delivery: { status: 'pending' },
  };

  it('names the role needed in a refusal', () => {
    expect(checkWrite('rep', 'agent_settings', 'update', {})).toEqual({
      ok: false,
      reason: 'A rep may not update agent_settings (it needs the admin role)',
    });
    expect(checkWrite('admin', 'activity', 'delete', undefined)).toEqual({
      ok: false,
      reason: 'An admin may not delete activity (no role may)',
    });
  });

  it('holds reps to outbound messages and keeps whose and where of a message', () => {
    expect(checkWrite('rep', 'messages', 'create', outbound)).toEqual({ ok: true });
    const inbound = { ...outbound, direction: 'inbound' };
    expect(checkWrite('rep', 'messages', 'create', inbound).ok).toBe(false);
    expect(checkWrite('admin', 'messages', 'create', inbound).ok).toBe(true);
    expect(checkWrite('rep', 'messages', 'update', { ...outbound, text: 'Edit' }, outbound, 'u-rep').ok).toBe(
      true,
    );
    expect(checkWrite('admin', 'messages', 'update', { ...inbound, text: 'Edit' }, inbound).ok).toBe(false);
    const moved = checkWrite('rep', 'messages', 'update', { ...outbound, conversationId: 'c2' }, outbound);
    expect(moved).toMatchObject({ ok: false, reason: expect.stringContaining('conversationId') });
    // An update without the stored doc to compare with is refused, not waved through.
    expect(checkWrite('rep', 'messages', 'update', outbound).ok).toBe(false);
  });

  it('lets members post only as themselves, a message waiting to be sent', () => {
    for (const role of ['rep', 'admin'] as const) {
      for (const kind of ['agent', 'system', 'customer']) {
        const forged = { ...outbound, author: { kind, id: 'answer' } };
        expect(checkWrite(role, 'messages', 'create', forged, undefined, 'u-rep').ok, `${role} ${kind}`).toBe(
          false,
        );
      }
      const sent = { ...outbound, delivery: { status: 'sent' } };
      expect(checkWrite(role, 'messages', 'create', sent, undefined, 'u-rep').ok).toBe(false);
      expect(checkWrite(role, 'messages', 'create', outbound, undefined, 'u-rep').ok).toBe(true);
    }
  });

  it("keeps a sent message as it went out, and a rep's hands off others' messages", () => {
    const adminSent = {
      ...outbound,
      author: { kind: 'rep', id: 'u-admin', name: 'Admin' },
      delivery: { status: 'sent', attempts: 1, sentAt: '2026-01-01T00:00:00Z', externalMessageId: '9' },
    };
    // The attack: rewritten and set back to pending, it would go out again signed by the admin.
    const rewritten = { ...adminSent, text: 'Send me your card number', delivery: { status: 'pending' } };
    for (const role of ['rep', 'admin'] as const) {
      expect(checkWrite(role, 'messages', 'update', rewritten, adminSent, 'u-rep').ok).toBe(false);
      const retext = { ...adminSent, text: 'Other words' };
      expect(checkWrite(role, 'messages', 'update', retext, adminSent, 'u-admin').ok).toBe(false);
      const repending = { ...adminSent, delivery: { status: 'pending', attempts: 1 } };
      expect(checkWrite(role, 'messages', 'update', repending, adminSent, 'u-admin').ok).toBe(false);
      const cancelled = { ...adminSent, cancelledAt: '2026-01-02T00:00:00Z' };
      expect(checkWrite(role, 'messages', 'update', cancelled, adminSent, 'u-admin').ok).toBe(false);
    }
    // A client never marks a delivery itself.
    const marked = { ...outbound, delivery: { status: 'sent' } };
    expect(checkWrite('admin', 'messages', 'update', marked, outbound, 'u-rep').ok).toBe(false);

    // Someone else's message waiting to go out: a rep may not edit or cancel it; an admin may.
    const adminPending = { ...outbound, author: { kind: 'rep', id: 'u-admin' } };
    const edited = { ...adminPending, text: 'Edited by a rep' };
    expect(checkWrite('rep', 'messages', 'update', edited, adminPending, 'u-rep').ok).toBe(false);
    expect(checkWrite('admin', 'messages', 'update', edited, adminPending, 'u-admin').ok).toBe(true);
    const agentPlanned = { ...outbound, author: { kind: 'agent', id: 'nurture' } };
    const retracted = { ...agentPlanned, cancelledAt: '2026-01-02T00:00:00Z' };
    expect(checkWrite('rep', 'messages', 'update', retracted, agentPlanned, 'u-rep').ok).toBe(false);
    expect(checkWrite('admin', 'messages', 'update', retracted, agentPlanned, 'u-admin').ok).toBe(true);

    // A failed message may be sent again by any member, as it was written (text unchanged).
    const failed = { ...adminPending, delivery: { status: 'failed', attempts: 3, lastError: 'blocked' } };
    const retried = { ...failed, delivery: { status: 'pending', attempts: 3 } };
    expect(checkWrite('rep', 'messages', 'update', retried, failed, 'u-rep').ok).toBe(true);
    const retriedEdited = { ...retried, text: 'Changed on the way' };
    expect(checkWrite('rep', 'messages', 'update', retriedEdited, failed, 'u-rep').ok).toBe(false);
    const reset = { ...failed, delivery: { status: 'pending', attempts: 0 } };
    expect(checkWrite('rep', 'messages', 'update', reset, failed, 'u-rep').ok).toBe(false);
  });

  it("refuses client writes of a source's chunks once the server has taken the source up", () => {
    const chunk = { _id: 's1:0', sourceId: 's1', ordinal: 0, text: 'Our warranty is two years.' };
    for (const status of ['indexing', 'ready', 'failed']) {
      const source = { _id: 's1', status };
      for (const role of ['rep', 'admin'] as const) {
        expect(checkWrite(role, 'knowledge_chunks', 'create', chunk, undefined, 'u', source).ok).toBe(false);
        expect(
          checkWrite(role, 'knowledge_chunks', 'delete', { _id: 's1:0', _deleted: true }, chunk, 'u', source)
            .ok,
        ).toBe(false);
      }
    }
    // Not read: refused, not waved through.
    expect(checkWrite('rep', 'knowledge_chunks', 'create', chunk).ok).toBe(false);
    // A source a device added, waiting for the server (a Q&A pair, an offline upload): its chunks go.
    const pending = { _id: 's1', status: 'pending' };
    expect(checkWrite('rep', 'knowledge_chunks', 'create', chunk, undefined, 'u', pending).ok).toBe(true);
    // Its source not there (yet: pushed after its chunks; or gone): a create or a delete goes.
    expect(checkWrite('rep', 'knowledge_chunks', 'create', chunk, undefined, 'u', null).ok).toBe(true);
    expect(
      checkWrite('rep', 'knowledge_chunks', 'delete', { _id: 's1:0', _deleted: true }, chunk, 'u', null).ok,
    ).toBe(true);
    expect(parentOf('rep', 'knowledge_chunks', 'delete', { _id: 's1:0', _deleted: true }, chunk)).toEqual({
      resource: 'knowledge_sources',
      id: 's1',
    });
    expect(parentOf('rep', 'messages', 'create', outbound)).toBeUndefined();
  });
});

describe('what a pushed doc is', () => {
  it('is a delete when _deleted, else an update of a live doc or a create', () => {
    expect(writeOperation({ _deleted: true }, true)).toBe('delete');
    expect(writeOperation({ _deleted: true }, false)).toBe('delete');
    expect(writeOperation({}, true)).toBe('update');
    expect(writeOperation({ _deleted: false }, false)).toBe('create');
  });

  it('needs the stored doc only when the decision depends on it', () => {
    expect(needsStoredDoc('rep', 'leads')).toBe(false);
    expect(needsStoredDoc('viewer', 'leads')).toBe(false);
    expect(needsStoredDoc('rep', 'knowledge_chunks')).toBe(true);
    expect(needsStoredDoc('rep', 'messages')).toBe(true);
  });
});

describe('stamp rules', () => {
  const message = (author: Record<string, unknown>, direction = 'outbound') => ({
    _id: 'm1',
    direction,
    author,
    text: 'Hi',
  });

  it("sign a rep's new outbound message with the caller, whatever was sent, without changing the input", () => {
    const sent = message({ kind: 'rep', id: 'u-other', name: 'Boss' });
    const stamped = stampWrite('rep', 'messages', 'create', sent, 'u-me');
    expect(stamped.author).toEqual({ kind: 'rep', id: 'u-me', name: 'Boss' });
    expect(sent.author.id).toBe('u-other');
    expect(stampWrite('admin', 'messages', 'create', message({ kind: 'rep' }), 'u-admin').author).toEqual({
      kind: 'rep',
      id: 'u-admin',
    });
  });

  it('leave updates, other authors, inbound messages and other resources alone', () => {
    const repMessage = message({ kind: 'rep', id: 'u-other' });
    expect(stampWrite('admin', 'messages', 'update', repMessage, 'u-me')).toBe(repMessage);
    const agent = message({ kind: 'agent', id: 'profile-1' });
    expect(stampWrite('rep', 'messages', 'create', agent, 'u-me')).toBe(agent);
    const inbound = message({ kind: 'rep', id: 'u-other' }, 'inbound');
    expect(stampWrite('rep', 'messages', 'create', inbound, 'u-me')).toBe(inbound);
    const lead = { _id: 'l1', author: { kind: 'rep', id: 'u-other' } };
    expect(stampWrite('rep', 'leads', 'create', lead, 'u-me')).toBe(lead);
  });

  it("store a device's new knowledge source as pending, without the server's fields, whatever was sent", () => {
    const sent = {
      _id: 'source-qa-1',
      title: 'Do you ship abroad?',
      kind: 'csv-qa',
      status: 'ready',
      chunkCount: 1,
      size: 12,
      error: 'none',
      attempts: 0,
    };
    const stamped = stampWrite('rep', 'knowledge_sources', 'create', sent, 'u-me');
    expect(stamped).toEqual({
      _id: 'source-qa-1',
      title: 'Do you ship abroad?',
      kind: 'csv-qa',
      status: 'pending',
    });
    expect(sent.status).toBe('ready');
    expect(stampWrite('admin', 'knowledge_sources', 'create', sent).status).toBe('pending');
    const pending = { _id: 'source-2', title: 'Prices', kind: 'text', status: 'pending' };
    expect(stampWrite('rep', 'knowledge_sources', 'create', pending, 'u-me')).toBe(pending);
    expect(stampWrite('rep', 'knowledge_sources', 'update', sent, 'u-me')).toBe(sent);
  });

  it("refuse a device's update that changes a knowledge source's status, chunk count or size", () => {
    const stored = { _id: 's1', title: 'Prices', status: 'failed', error: 'over the plan', size: 9000 };
    const retitled = { ...stored, title: 'Price list' };
    expect(checkWrite('rep', 'knowledge_sources', 'update', retitled, stored, 'u-me')).toEqual({ ok: true });
    for (const change of [{ status: 'ready' }, { size: 10 }, { chunkCount: 3 }, { error: undefined }]) {
      const verdict = checkWrite(
        'rep',
        'knowledge_sources',
        'update',
        { ...stored, ...change },
        stored,
        'u-me',
      );
      expect(verdict.ok, JSON.stringify(change)).toBe(false);
    }
    expect(needsStoredDoc('rep', 'knowledge_sources')).toBe(true);
  });
});
