// The local task never depends on the external copy: a service that does not answer is tried three
// times and the task is kept with `externalSync: pending` (the server retries it); a refusal (4xx) is
// not tried again (`failed`); both failures are in the activity log.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors';
import { sampleDocs } from '../../schemas/fixtures';
import { createRunLog } from '../activity-log';
import { createCustomerScope } from '../customer-scope';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../ports';
import { createTaskTool } from './action-tools';
import type { TaskAdapter } from './task-adapters';
import type { ToolContext } from './types';

async function setup() {
  const store = createMemoryStore('t');
  await store.put('contacts', sampleDocs.contacts);
  await store.put('conversations', sampleDocs.conversations);
  await store.put('leads', sampleDocs.leads);
  const log = createRunLog({ store, clock: fixedClock('2026-03-02T10:00:00.000Z'), runId: 'run-1' });
  let n = 0;
  const ctx: ToolContext = {
    scope: createCustomerScope(store, {
      contactId: 'contact-1',
      conversationId: 'conversation-1',
      leadId: 'lead-1',
    }),
    now: new Date('2026-03-02T10:00:00.000Z'),
    runId: 'run-1',
    messageId: 'message-1',
    role: 'answer',
    log,
    newId: (p) => `${p}-${++n}`,
    requestHandoff() {},
  };
  return { store, ctx, log };
}

function failing(error: () => Error): TaskAdapter & { calls: number } {
  const adapter = {
    provider: 'notion' as const,
    calls: 0,
    async create() {
      adapter.calls++;
      throw error();
    },
    check: async () => ({ ok: true as const, detail: '' }),
    state: async () => ({ status: 'open' as const }),
    update: async () => undefined,
  };
  return adapter;
}

describe('external copies of tasks', () => {
  it('a service that does not answer: three tries, the task kept as pending, the failure logged', async () => {
    const { store, ctx, log } = await setup();
    const adapter = failing(() => new TypeError('fetch failed'));
    const result = (await createTaskTool(adapter).execute({ title: 'Call back' }, ctx)) as { taskId: string };
    expect(adapter.calls).toBe(3);
    const task = await store.get('tasks', result.taskId);
    expect(task).toMatchObject({
      title: 'Call back',
      externalSync: { provider: 'notion', status: 'pending', attempts: 3, error: 'fetch failed' },
    });
    expect(task?.external).toBeUndefined();
    expect(log.docs.find((d) => d.name === 'external-notion')).toMatchObject({ status: 'error' });
  });

  it('a refusal (4xx) is not tried again: the task is kept, its copy failed', async () => {
    const { store, ctx } = await setup();
    const adapter = failing(
      () => new DomainError('bad-request', 'api.notion.com answered 400', { details: { status: 400 } }),
    );
    const result = (await createTaskTool(adapter).execute({ title: 'Send proposal' }, ctx)) as {
      taskId: string;
    };
    expect(adapter.calls).toBe(1);
    expect((await store.get('tasks', result.taskId))?.externalSync).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
  });
});
