// Each deal's next open task for the board's cards, read only for the cards on screen (by deal id),
// batched and cached like contact names (contact-names.ts): a board of 50,000 deals never loads every
// task. A task added, done or moved (here or by replication) refreshes the deals it belongs to.
import { useEffect, useState } from 'react';
import type { TaskDoc } from '@app/shared/schemas';
import type { Workspace } from './workspace';

export type NextTask = Pick<TaskDoc, 'id' | 'title' | 'dueAt'>;

type Cache = {
  /** Deal id → its next open task (null: none). */
  tasks: Map<string, NextTask | null>;
  queued: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
  listeners: Set<() => void>;
};
const caches = new WeakMap<Workspace, Cache>();
const batchDelayMs = 60;

/** The task to do first: the earliest due, then one without a due time, oldest first. */
export function nextOpenTask(tasks: readonly TaskDoc[]): NextTask | null {
  const open = tasks.filter((t) => t.status === 'open');
  open.sort(
    (a, b) =>
      (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) ||
      a.createdAt.localeCompare(b.createdAt),
  );
  const t = open[0];
  return t ? { id: t.id, title: t.title, ...(t.dueAt ? { dueAt: t.dueAt } : {}) } : null;
}

function cacheOf(ws: Workspace): Cache {
  let c = caches.get(ws);
  if (!c) {
    c = { tasks: new Map(), queued: new Set(), listeners: new Set() };
    caches.set(ws, c);
    const cache = c;
    ws.db.tasks.$.subscribe((e) => {
      // The deal it belongs to now and the one it belonged to before (a task moved to another deal).
      const ids = [e.documentData?.leadId, e.previousDocumentData?.leadId].filter(
        (id): id is string => !!id && cache.tasks.has(id),
      );
      if (!ids.length) return;
      for (const id of ids) cache.tasks.delete(id);
      request(ws, cache, ids);
    });
  }
  return c;
}

function request(ws: Workspace, cache: Cache, ids: readonly string[]) {
  for (const id of ids) if (id && !cache.tasks.has(id)) cache.queued.add(id);
  if (cache.queued.size === 0 || cache.timer) return;
  cache.timer = setTimeout(() => {
    const batch = [...cache.queued];
    cache.queued.clear();
    cache.timer = undefined;
    void ws.db.tasks
      .find({ selector: { leadId: { $in: batch }, status: 'open' } })
      .exec()
      .then((found) => {
        const byLead = new Map<string, TaskDoc[]>();
        for (const d of found) {
          const t = d.toJSON() as TaskDoc;
          if (t.leadId) byLead.set(t.leadId, [...(byLead.get(t.leadId) ?? []), t]);
        }
        for (const id of batch) cache.tasks.set(id, nextOpenTask(byLead.get(id) ?? []));
        cache.listeners.forEach((l) => l());
      });
  }, batchDelayMs);
}

/** The next open task of each of `leadIds` (missing: not read yet; null: none). */
export function useNextTasks(ws: Workspace, leadIds: readonly string[]): Map<string, NextTask | null> {
  const cache = cacheOf(ws);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    cache.listeners.add(listener);
    return () => void cache.listeners.delete(listener);
  }, [cache]);
  const key = leadIds.join('|');
  useEffect(() => request(ws, cache, key ? key.split('|') : []), [ws, cache, key]);
  return cache.tasks;
}
