import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '@app/shared/schemas';
import { nextOpenTask } from './next-tasks';

const task = (id: string, extra: Partial<TaskDoc>): TaskDoc =>
  ({
    id,
    title: id,
    status: 'open',
    createdBy: { kind: 'rep', id: 'u1' },
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...extra,
  }) as TaskDoc;

describe('next open task', () => {
  it('is the earliest due open task, then one without a due time, oldest first', () => {
    const tasks = [
      task('done', { status: 'done', dueAt: '2026-11-02T00:00:00Z' }),
      task('later', { dueAt: '2026-11-10T00:00:00Z' }),
      task('no-due-new', { createdAt: '2026-11-05T00:00:00Z' }),
      task('sooner', { dueAt: '2026-11-03T00:00:00Z' }),
      task('no-due-old', { createdAt: '2026-11-04T00:00:00Z' }),
    ];
    expect(nextOpenTask(tasks)).toEqual({ id: 'sooner', title: 'sooner', dueAt: '2026-11-03T00:00:00Z' });
    expect(nextOpenTask(tasks.filter((t) => t.dueAt === undefined))?.id).toBe('no-due-old');
    expect(nextOpenTask([task('x', { status: 'cancelled' })])).toBeNull();
  });
});
