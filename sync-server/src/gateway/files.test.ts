import { describe, expect, it } from 'vitest';
import { validateFileDoc } from './files';

const b64 = (n: number) => Buffer.alloc(n, 1).toString('base64');

describe('files validation', () => {
  it('accepts small metadata with attachments and stubs', () => {
    expect(
      validateFileDoc({
        _id: 'f1',
        fileName: 'a.pdf',
        _attachments: { original: { content_type: 'application/pdf', data: b64(10) } },
      }).ok,
    ).toBe(true);
    expect(
      validateFileDoc({
        _id: 'f1',
        _rev: '2-a',
        fileName: 'a.pdf',
        _attachments: { original: { stub: true, revpos: 1 } },
      }).ok,
    ).toBe(true);
    expect(validateFileDoc({ _id: 'f1', _rev: '2-a', _deleted: true }).ok).toBe(true);
  });

  it('refuses unknown fields, bad names, too many or too large attachments', () => {
    const bad = [
      { _id: 'f1', fileName: 'a', owner: 'x' },
      { _id: '_design/x', fileName: 'a' },
      { _id: 'f1', fileName: 'a', _attachments: { _x: { content_type: 'a', data: '' } } },
      { _id: 'f1', fileName: 'a', _attachments: { a: { content_type: 'a', data: '***' } } },
      { _id: 'f1', fileName: 'a', _attachments: { a: { content_type: 'x', data: 'YQ' } } },
      {
        _id: 'f1',
        fileName: 'a',
        _attachments: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`a${i}`, { stub: true }])),
      },
      { _id: 'f1', fileName: 'a', _attachments: { a: { content_type: 'a', data: b64(26 * 1024 * 1024) } } },
      { _id: 'f1', fileName: 'x'.repeat(300) },
      { _id: 'f1', fileName: 'a', _conflicts: [] },
    ];
    for (const doc of bad) expect(validateFileDoc(doc).ok, JSON.stringify(doc).slice(0, 80)).toBe(false);
  });
});
