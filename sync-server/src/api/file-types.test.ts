// A knowledge upload's type: by extension, content type and its first bytes. A long text file is
// checked by its head (64 KiB), cut back to whole characters, so a multi-byte character across the
// cut is not mistaken for binary data.
import { describe, expect, it } from 'vitest';
import { knowledgeFileType } from './file-types';

const kind = (name: string, bytes: Buffer, mime = 'application/octet-stream') =>
  knowledgeFileType(name, mime, bytes).kind;

describe('knowledgeFileType', () => {
  it('accepts long UTF-8 and UTF-16 texts whose 64 KiB cut falls inside a character', () => {
    for (const pad of [0, 1, 2, 3]) {
      // 'a' × pad, then 3-byte (€) and 4-byte (😀) characters across byte 65,536.
      const text = 'a'.repeat(pad) + 'Цена €😀 '.repeat(12_000);
      expect(kind('prices.txt', Buffer.from(text, 'utf8'))).toBe('text');
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      expect(kind('prices.md', le)).toBe('markdown');
      const be = Buffer.from(le);
      be[0] = 0xfe;
      be[1] = 0xff;
      be.subarray(2).swap16();
      expect(kind('prices.txt', be)).toBe('text');
    }
  });

  it('refuses a long file that is binary from its start, and a short one anywhere', () => {
    const binary = Buffer.alloc(200_000, 0);
    expect(() => kind('notes.txt', binary)).toThrow(/not text/);
    const short = Buffer.concat([Buffer.from('hello '), Buffer.alloc(10, 1)]);
    expect(() => kind('notes.txt', short)).toThrow(/not text/);
  });

  it('leaves a long file whose text starts after blanks to ingestion', () => {
    const late = Buffer.from(`${' '.repeat(70_000)}Delivery takes two days.`);
    expect(kind('faq.txt', late)).toBe('text');
    expect(() => kind('empty.txt', Buffer.from('   \n  '))).toThrow(/no content/);
  });
});
