import { describe, expect, it } from 'vitest';
import { collections, type CollectionName } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import { demoDocs } from './demo-seed';

describe('demo seed', () => {
  it('holds valid docs of CRM data, agent settings and knowledge, in Russian and English', () => {
    const docs = demoDocs(new Date('2026-03-02T10:00:00Z'));
    for (const [name, list] of Object.entries(docs) as [CollectionName, Record<string, unknown>[]][]) {
      for (const doc of list) expect(validateCouchDoc(name, doc).ok, `${name} ${String(doc._id)}`).toBe(true);
      expect(collections[name]).toBeDefined();
    }
    expect(docs.contacts!.length).toBeGreaterThanOrEqual(4);
    expect(docs.knowledge_sources!.length).toBeGreaterThanOrEqual(3);
    const text = docs.knowledge_chunks!.map((c) => String(c.text)).join(' ');
    expect(text).toMatch(/рублей/);
    expect(text).toMatch(/business day/);
    expect(docs.agent_settings).toHaveLength(1);
  });
});
