// The validator on hostile docs (issue 60): a huge wrong-typed array is refused at its first error in
// milliseconds (with ajv's `allErrors` it made an error per item: seconds and GBs), each collection's
// docs have a size bound read from its schema, and small docs still name all their problems.
import { describe, expect, it } from 'vitest';
import { sampleDocs } from './schemas/fixtures';
import { collections, type CollectionName } from './schemas/index';
import { docBounds, MAX_DOC_BYTES, validateCouchDoc, validateDoc, validateSchema } from './validation';

/** The result and the fastest of three runs (the first may include the JIT's warm-up, a busy machine's pause). */
const timed = <T>(run: () => T): { result: T; ms: number } => {
  let ms = Infinity;
  let result: T | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = run();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { result: result!, ms };
};

describe('hostile docs', () => {
  // Compiles the validators first: the figures below are of the checks alone.
  validateDoc('contacts', sampleDocs.contacts);

  it('refuses a 500,000-item wrong-typed array at once, naming it', () => {
    const doc = { ...sampleDocs.contacts, _id: 'c-1', tags: new Array(500_000).fill(1) };
    const { result, ms } = timed(() => validateCouchDoc('contacts', doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe('tags: has too many items (more than 4096)');
    expect(result.tooLarge).toBe(true);
    expect(ms).toBeLessThan(50);
  });

  it('stops at the first error of a wrong-typed array within the bounds', () => {
    const doc = { ...sampleDocs.contacts, tags: new Array(4_000).fill(1) };
    const result = validateDoc('contacts', doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // With every error: this one and the first nine of the 4,000 items' (30 ms).
    expect(result.issues).toHaveLength(1);
    expect(result.message).toBe('tags: has too many items (more than 50)');
  });

  it('refuses a doc over its collection’s size bound before the schema is asked', () => {
    const notes = 'x'.repeat(MAX_DOC_BYTES);
    const { result, ms } = timed(() => validateDoc('contacts', { ...sampleDocs.contacts, notes }));
    expect(result).toMatchObject({ ok: false, tooLarge: true });
    if (!result.ok) expect(result.message).toBe('(document): is too large (more than 1024 KB of JSON)');
    expect(ms).toBeLessThan(50);
    // A message is bounded far lower: its schema allows about 74 KB of JSON.
    const text = 'x'.repeat(300_000);
    expect(validateDoc('messages', { ...sampleDocs.messages, text })).toMatchObject({ tooLarge: true });
  });

  it('bounds each collection from its schema, every sample doc within', () => {
    for (const name of Object.keys(collections) as CollectionName[]) {
      const b = docBounds(name);
      expect(b.maxBytes, name).toBeGreaterThanOrEqual(64 * 1024);
      expect(b.maxBytes, name).toBeLessThanOrEqual(MAX_DOC_BYTES);
      expect(JSON.stringify(sampleDocs[name]).length, name).toBeLessThan(b.maxBytes);
    }
    expect(docBounds('messages').maxBytes).toBeLessThan(256 * 1024);
    expect(docBounds('stage_changes').maxBytes).toBe(64 * 1024);
  });

  it('names every problem of a small doc, at most 10', () => {
    const result = validateDoc('contacts', { ...sampleDocs.contacts, name: 5, tags: [1, 2] });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe('name: must be string; tags.0: must be string; tags.1: must be string');
  });

  it('holds shared schemas that are no collection’s to their bounds too', () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', maxItems: 5, items: { type: 'string' } } },
    };
    expect(validateSchema(schema, { tags: ['a'] }).ok).toBe(true);
    const { result, ms } = timed(() => validateSchema(schema, { tags: new Array(300_000).fill(1) }));
    expect(result).toMatchObject({ ok: false, tooLarge: true });
    expect(ms).toBeLessThan(50);
  });
});
