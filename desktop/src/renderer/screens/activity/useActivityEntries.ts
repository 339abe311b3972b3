// The agents' activity as entries (Activity.tsx): the recorded steps and the failed deliveries of the
// last 30 days, each made one sentence in people's words with the contact's name and the channel; and
// the customer messages the runs answered, by id, for the timeline's quotes.
import { useEffect, useMemo, useState } from 'react';
import type { DocTypes } from '../../data/database';
import { useFirstPull } from '../../data/first-pull';
import { useLiveQuery, useWorkspace } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { activityEntry, deliveryEntry } from '../../lib/activity-labels';

/** Docs of a collection by id, live (a primary-key lookup, not a scan of the collection). */
function useDocsByIds<N extends 'contacts' | 'conversations' | 'messages'>(name: N, ids: readonly string[]) {
  const ws = useWorkspace();
  const [docs, setDocs] = useState<ReadonlyMap<string, DocTypes[N]>>(new Map());
  const key = ids.join('\n');
  useEffect(() => {
    if (!ids.length) {
      setDocs(new Map());
      return;
    }
    const sub = ws.db.collections[name].findByIds([...ids]).$.subscribe((found) => {
      const out = new Map<string, DocTypes[N]>();
      for (const [id, d] of found) out.set(id, d.toJSON() as DocTypes[N]);
      setDocs(out);
    });
    return () => sub.unsubscribe();
  }, [ws, name, key]);
  return docs;
}

const FAILED_SINCE_DAYS = 30;

/**
 * The entries, whether they are still loading (steps arriving on the first sync are loading), and the
 * customers' words each run answered (message id → text).
 */
export function useActivityEntries() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { docs, loading: reading } = useLiveQuery('activity', {});
  const firstPull = useFirstPull('activity');
  const loading = reading || (firstPull && docs.length === 0);
  const since = useMemo(() => new Date(Date.now() - FAILED_SINCE_DAYS * 86_400_000).toISOString(), []);
  const { docs: failed } = useLiveQuery(
    'messages',
    { selector: { createdAt: { $gt: since }, direction: 'outbound', 'delivery.status': 'failed' } },
    [since],
  );
  const contactIds = useMemo(
    () => [...new Set([...docs, ...failed].map((d) => d.contactId).filter((x): x is string => !!x))].sort(),
    [docs, failed],
  );
  const conversationIds = useMemo(
    () => [...new Set(docs.map((d) => d.conversationId).filter((x): x is string => !!x))].sort(),
    [docs],
  );
  const messageIds = useMemo(
    () => [...new Set(docs.map((d) => d.messageId).filter((x): x is string => !!x))].sort(),
    [docs],
  );
  const contacts = useDocsByIds('contacts', contactIds);
  const conversations = useDocsByIds('conversations', conversationIds);
  const messages = useDocsByIds('messages', messageIds);
  const quotes = useMemo(() => {
    const out = new Map<string, string>();
    for (const [id, m] of messages)
      if (m.direction === 'inbound' && m.text.trim()) out.set(id, m.text.trim());
    return out as ReadonlyMap<string, string>;
  }, [messages]);
  const entries = useMemo(() => {
    const runs = new Map<string, typeof docs>();
    for (const d of docs) runs.set(d.runId, [...(runs.get(d.runId) ?? []), d]);
    const ctx = {
      t,
      fmt,
      contactName: (id: string | undefined) => (id ? contacts.get(id)?.name || undefined : undefined),
      conversationChannel: (id: string | undefined) => (id ? conversations.get(id)?.channel : undefined),
      run: (id: string) => runs.get(id) ?? [],
    };
    return [...docs.map((d) => activityEntry(d, ctx)), ...failed.map((m) => deliveryEntry(m, ctx))];
  }, [docs, failed, contacts, conversations, t, fmt]);
  return { entries, loading, quotes };
}
