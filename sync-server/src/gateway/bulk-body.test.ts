// The piecewise reading of a `_bulk_docs` body gives what JSON.parse of the whole gives (strings full
// of brackets, commas, quotes and escapes included), refuses what it would refuse, and refuses a doc
// over its bounds without parsing it, keeping its `_id`.
import { describe, expect, it } from 'vitest';
import type { DocBounds } from '@app/shared/validation';
import { readBulkBody } from './bulk-body';

const bounds: DocBounds = { maxBytes: 4096, maxItems: 10, maxKeys: 20 };
const read = (text: string) => readBulkBody(Buffer.from(text), bounds, 100);

describe('readBulkBody', () => {
  it('gives each doc as JSON.parse of the whole body does', async () => {
    const docs = [
      { _id: 'a', text: 'a "quoted", [bracketed] {braced} \\ backslashed\\", \u00e9 \u{1f600}' },
      {
        _id: 'b',
        nested: { list: [1, 2, [3, { x: ']' }]], empty: {}, none: [] },
        n: -1.5e3,
        ok: true,
        z: null,
      },
      'not an object',
      7,
      [],
    ];
    for (const text of [
      JSON.stringify({ docs, new_edits: false }),
      JSON.stringify({ new_edits: true, docs }, null, 2),
      ` { "docs" : [ ${docs.map((d) => JSON.stringify(d)).join(' ,\n ')} ] } `,
    ]) {
      const body = await read(text);
      expect(body.docs.map((p) => ('doc' in p ? p.doc : p))).toEqual(JSON.parse(text).docs);
      expect(body.newEdits).toBe(JSON.parse(text).new_edits);
    }
    expect((await read('{"docs":[]}')).docs).toEqual([]);
    expect((await read('{"docs":[ ]}')).docs).toEqual([]);
  });

  it('refuses a doc over its bounds unparsed, with its _id wherever it stands', async () => {
    const long = `{"tags":[${'1,'.repeat(10)}1],"_id":"long"}`;
    const large = `{"_id":"large","text":"${'x'.repeat(5000)}"}`;
    const wide = `{${Array.from({ length: 21 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const body = await read(`{"docs":[${long},${large},${wide},{"_id":"fine"}]}`);
    expect(body.docs).toEqual([
      { id: 'long', tooLarge: true, refused: 'an array of the document has too many items (more than 10)' },
      { id: 'large', tooLarge: true, refused: '(document): is too large (more than 4 KB of JSON)' },
      { id: '', tooLarge: true, refused: 'an object of the document has too many fields (more than 20)' },
      { doc: { _id: 'fine' } },
    ]);
  });

  it('refuses what JSON.parse or the bulk shape would', async () => {
    const code = (text: string) =>
      read(text).then(
        () => 'accepted',
        (e: { code?: string; type?: string }) => e.code ?? e.type,
      );
    expect(await code('{"docs": [')).toBe('invalid-json');
    expect(await code('{"docs": [1,]}')).toBe('invalid-json');
    expect(await code('{"docs": [{"a":1}}')).toBe('invalid-json');
    expect(await code('"docs"')).toBe('invalid-json');
    expect(await code('{"docs": "x"}')).toBe('bad-request');
    expect(await code('[{"docs": []}]')).toBe('bad-request');
    expect(await code('{"docs": [], "all_or_nothing": true}')).toBe('bad-request');
    expect(await code('{"docs": [], "new_edits": "no"}')).toBe('bad-request');
    expect(await code('{"docs": [], "docs": []}')).toBe('bad-request');
    expect(await code(`{"docs": [${'['.repeat(70)}${']'.repeat(70)}]}`)).toBe('entity.too.deep');
    expect(await code(`{"docs": [${'{},'.repeat(100)}{}]}`)).toBe('bad-request');
  });
});

describe('readBulkBody on bytes that are not UTF-8 JSON', () => {
  const code = (buf: Buffer) =>
    readBulkBody(buf, bounds, 100).then(
      () => 'accepted',
      (e: { code?: string; type?: string }) => e.code ?? e.type ?? String(e),
    );
  const body = '{"docs":[{"_id":"a","name":"Анна"}]}';

  it('refuses UTF-16 with or without its byte-order mark as invalid JSON, never a crash', async () => {
    // Found by bench/fuzz.ts: `{"name":…` in UTF-16LE without a BOM reached JSON.parse of a key as a
    // string of control characters, a SyntaxError and a 500.
    const le = Buffer.from(body, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const buf of [
      le,
      be,
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      Buffer.from('{"name":"x"}', 'utf16le'),
    ])
      expect(await code(buf)).toBe('invalid-json');
  });

  it('refuses control characters and Latin-1 bytes inside keys, ids and docs', async () => {
    expect(await code(Buffer.from('{"do\u0001cs":[]}'))).toBe('invalid-json');
    expect(await code(Buffer.from('{"docs":[{"_id":"a\u0000b"}]}'))).toBe('invalid-json');
    expect(await code(Buffer.from('{"docs":[{"text":"tab\there"}]}'))).toBe('invalid-json');
    // Latin-1 "é" is not UTF-8; it decodes to U+FFFD, which JSON allows, so the doc is read, not lost.
    expect(await code(Buffer.from('{"docs":[{"_id":"caf\u00e9"}]}', 'latin1'))).toBe('accepted');
  });

  it('reads a UTF-8 body with a byte-order mark, as express.json does', async () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
    const read = await readBulkBody(buf, bounds, 100);
    expect(read.docs).toEqual([{ doc: { _id: 'a', name: 'Анна' } }]);
  });
});
