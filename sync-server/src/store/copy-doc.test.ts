// copyDoc: a deep, independent copy of a JSON doc, equal to what structuredClone gives.
import { describe, expect, it } from 'vitest';
import { copyDoc } from './copy-doc';

describe('copyDoc', () => {
  it('copies a doc deeply: changing the copy leaves the original as it was', () => {
    const doc = {
      id: 'm1',
      text: 'Привет',
      n: 3,
      ok: true,
      none: null,
      gone: undefined,
      meta: { telegram: { chatId: 5, ids: [1, 2, { x: 'y' }] } },
      tags: ['a', 'b'],
    };
    const copy = copyDoc(doc);
    expect(copy).toStrictEqual(structuredClone(doc));
    copy.meta.telegram.ids.push(3);
    (copy.meta.telegram.ids[2] as { x: string }).x = 'z';
    copy.tags[0] = 'changed';
    expect(doc.meta.telegram.ids).toEqual([1, 2, { x: 'y' }]);
    expect(doc.tags).toEqual(['a', 'b']);
    expect(copy.meta).not.toBe(doc.meta);
  });

  it('copies what is not plain JSON as structuredClone does', () => {
    const when = new Date('2026-11-25T00:00:00.000Z');
    const copy = copyDoc({ when, list: [when] });
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.list[0]!.getTime()).toBe(when.getTime());
    expect(copyDoc('text')).toBe('text');
    expect(copyDoc(null)).toBeNull();
  });

  it("keeps a pushed doc's own __proto__ key a key, not the copy's prototype", () => {
    const doc = JSON.parse('{"id":"c1","__proto__":{"role":"admin"}}') as Record<string, unknown>;
    const copy = copyDoc(doc);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { role?: string }).role).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['id', '__proto__']);
    expect(copy).toStrictEqual(structuredClone(doc));
  });
});
