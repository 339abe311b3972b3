import { describe, expect, it } from 'vitest';
import { pushedFileBytes, validateFileDoc } from './files';

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

describe("a push's new file bytes (held to the plan's storage)", () => {
  const doc = (id: string, n: number) => ({
    _id: id,
    fileName: 'a.bin',
    _attachments: { original: { content_type: 'application/octet-stream', data: b64(n) } },
  });
  it('counts inline data, parsed or raw, and nothing for stubs and deletes', () => {
    const body = { docs: [doc('f1', 1000), doc('f2', 7), { _id: 'f3', _rev: '2-a', _deleted: true }] };
    expect(pushedFileBytes(body)).toBe(1007);
    expect(pushedFileBytes(Buffer.from(JSON.stringify(body)))).toBe(1007);
    // Spaces around the colon and escaped line breaks in the base64 count the same.
    const spaced = `{"docs":[{"_id":"f1","_attachments":{"o":{"content_type":"a","data" : "${b64(30).replace(/(.{8})/g, '$1\\n')}"}}}]}`;
    expect(pushedFileBytes(Buffer.from(spaced))).toBe(30);
    expect(pushedFileBytes(doc('f4', 12))).toBe(12);
    const stubs = {
      docs: [{ _id: 'f1', _rev: '2-a', fileName: 'data', _attachments: { original: { stub: true } } }],
    };
    expect(pushedFileBytes(stubs)).toBe(0);
    expect(pushedFileBytes(Buffer.from(JSON.stringify(stubs)))).toBe(0);
    expect(pushedFileBytes(Buffer.from('{"docs":[{"_id":"x","_deleted":true}]}'))).toBe(0);
  });
});
