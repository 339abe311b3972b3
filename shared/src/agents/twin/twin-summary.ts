// The twin's summary (deterministic, from the active facts) and its vector: the injected embedder's,
// or a local hashed-features vector that needs no model.
import { features } from '../../llm/offline/text-features';
import type { ContactDoc } from '../../schemas/index';
import type { Embedder } from '../ports';
import { activeFacts } from './twin-facts';

const labels: Record<string, string> = {
  name: 'Name',
  company: 'Company',
  position: 'Role',
  team_size: 'Team size',
  budget: 'Budget',
  timeline: 'Timeline',
  meeting_at: 'Meeting',
  email: 'Email',
  phone: 'Phone',
  telegram: 'Telegram',
};

export function twinSummary(contact: ContactDoc, lastIntents: string[] = []): string {
  const facts = activeFacts(contact);
  const parts = facts.map((f) => `${labels[f.key] ?? f.key}: ${f.value}`);
  if (lastIntents.length) parts.push(`Recent intents: ${[...new Set(lastIntents)].join(', ')}`);
  if (contact.optOut) parts.push('Opted out of messages');
  return parts.join('; ').slice(0, 4000);
}

export const localTwinEmbedder: Embedder = {
  provider: 'local',
  model: 'hash-features-128',
  async embed(text) {
    const dims = 128;
    const v = new Array<number>(dims).fill(0);
    for (const [f, w] of features(text, { charNgrams: [3, 3] })) {
      let h = 2166136261;
      for (let i = 0; i < f.length; i++) h = Math.imul(h ^ f.charCodeAt(i), 16777619);
      const idx = (h >>> 0) % dims;
      v[idx]! += (h & 0x80000000 ? -1 : 1) * w;
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return v.map((x) => Math.round((x / norm) * 1e4) / 1e4);
  },
};

export async function refreshTwin(
  contact: ContactDoc,
  now: string,
  embedder: Embedder,
  lastIntents: string[] = [],
): Promise<ContactDoc> {
  const summary = twinSummary(contact, lastIntents);
  if (summary === contact.twin.summary) return contact;
  const values = summary ? await embedder.embed(summary) : [];
  return {
    ...contact,
    twin: {
      ...contact.twin,
      summary,
      summaryUpdatedAt: now,
      ...(values.length ? { vector: { provider: embedder.provider, model: embedder.model, values } } : {}),
    },
  };
}
