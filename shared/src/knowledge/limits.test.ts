// Hostile knowledge files: linear chunking of text without spaces, and the unpacked-size, page and
// character limits (a DOCX whose declared sizes lie is caught while inflating).
import { describe, expect, it } from 'vitest';
import { docxFile, pdfFile, zipFile } from '../testing/hostile-files';
import { chunkSections } from './chunker';
import { parseKnowledgeFile } from './ingest';
import { checkZipDeclared } from './zip-limits';
import { defaultKnowledgeLimits } from './limits';

const small = { maxUnpackedBytes: 1_000_000, maxPages: 10, maxChars: 5_000 };

describe('chunking hostile text', () => {
  it('cuts 8 MB without a space in linear time (the old scan back took over 20 s)', () => {
    const text = 'x'.repeat(8_000_000);
    const started = performance.now();
    const pieces = chunkSections([{ text, headings: [], start: 0, end: text.length }]);
    const elapsed = performance.now() - started;
    expect(pieces.length).toBe(Math.ceil(text.length / 1200));
    expect(pieces.every((p) => p.text.length <= 1200)).toBe(true);
    expect(pieces.at(-1)!.end).toBe(text.length);
    // The fixed chunker needs ~150 ms here; the quadratic one needed 20+ s.
    expect(elapsed).toBeLessThan(5_000);
  }, 60_000);

  it('still cuts long sentences at spaces', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pieces = chunkSections([{ text, headings: [], start: 0, end: text.length }], { maxChars: 100 });
    expect(pieces.every((p) => !/^\S*\d\s/.test(p.text) || p.text.startsWith('word'))).toBe(true);
    expect(pieces.every((p) => p.text.length <= 100 && /^word\d+/.test(p.text))).toBe(true);
  });
});

describe('DOCX limits', () => {
  it('refuses a DOCX whose declared unpacked size is over the limit, without inflating', () => {
    const docx = docxFile({ runChars: 10, declaredSize: 2_000_000_000 });
    expect(() => checkZipDeclared('big.docx', docx, defaultKnowledgeLimits)).toThrow(
      /declared unpacked size is 2,000,\d{3},\d{3} bytes, over the limit of 52,428,800 bytes/,
    );
  });

  it('stops a DOCX bomb whose declared sizes lie while inflating it', async () => {
    const bomb = docxFile({ runChars: 3_000_000, declaredSize: 1_000 });
    expect(bomb.length).toBeLessThan(50_000);
    await expect(
      parseKnowledgeFile({ name: 'bomb.docx', data: bomb }, { limits: small }),
    ).rejects.toMatchObject({
      code: 'file-over-limit',
      message: expect.stringMatching(
        /bomb\.docx: the unpacked size is at least .* over the limit of 1,000,000 bytes/,
      ),
    });
  });

  it('refuses a DOCX with too much text (one run of 8,000 characters over 5,000)', async () => {
    const docx = docxFile({ runChars: 8_000 });
    await expect(
      parseKnowledgeFile({ name: 'run.docx', data: docx }, { limits: small }),
    ).rejects.toMatchObject({
      code: 'file-over-limit',
      message: expect.stringContaining('the extracted text is 8,000 characters, over the limit of 5,000'),
    });
  });

  it('refuses a ZIP with too many entries, and still reads a small honest DOCX', async () => {
    const many = zipFile(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, data: 'x' })));
    expect(() =>
      checkZipDeclared('many.docx', many, { ...defaultKnowledgeLimits, maxZipEntries: 20 }),
    ).toThrow(/number of ZIP entries is 30, over the limit of 20/);
    const ok = await parseKnowledgeFile({
      name: 'ok.docx',
      data: docxFile({ text: 'Delivery takes two days.' }),
    });
    expect(ok.chunks.map((c) => c.text)).toEqual(['Delivery takes two days.']);
  });
});

describe('PDF and text limits', () => {
  it('reads a small generated PDF page by page', async () => {
    const { chunks } = await parseKnowledgeFile({ name: 'three.pdf', data: pdfFile(3) });
    expect(chunks.map((c) => c.position.page)).toEqual([1, 2, 3]);
    expect(chunks[1]!.text).toContain('Page 2 of the long file.');
  });

  it('refuses a PDF with more pages than the limit', async () => {
    await expect(
      parseKnowledgeFile({ name: 'long.pdf', data: pdfFile(50) }, { limits: small }),
    ).rejects.toMatchObject({
      code: 'file-over-limit',
      message: 'long.pdf: the number of pages is 50, over the limit of 10',
    });
  });

  it('refuses a text file with more characters than the limit', async () => {
    await expect(
      parseKnowledgeFile({ name: 'long.txt', data: 'a'.repeat(6_000) }, { limits: small }),
    ).rejects.toMatchObject({
      code: 'file-over-limit',
      message: expect.stringContaining('6,000 characters'),
    });
  });
});
