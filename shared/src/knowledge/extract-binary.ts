// PDF (unpdf / pdf.js) and DOCX (mammoth, to HTML, then the HTML reader so headings survive). Each
// failure becomes a DomainError that says what is wrong with the file; limits (pages, unpacked size,
// characters) are checked before the expensive step they guard.
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { DomainError, isDomainError } from '../errors';
import { oleSignature, startsWith, zipSignature } from './detect';
import { extractHtml } from './extract-html';
import { paragraphs } from './extract-text';
import { checkChars, defaultKnowledgeLimits, overLimit, type KnowledgeLimits } from './limits';
import type { Extracted, Section } from './types';
import { checkZipInflated } from './zip-limits';

// A plain Uint8Array copy (pdf.js detaches its input, and refuses a Node Buffer).
const copy = (bytes: Uint8Array) => new Uint8Array(bytes);

export async function extractPdf(
  name: string,
  bytes: Uint8Array,
  limits: KnowledgeLimits = defaultKnowledgeLimits,
): Promise<Extracted> {
  let pages: string[];
  try {
    const doc = await getDocumentProxy(copy(bytes), { verbosity: 0 } as never);
    try {
      if (doc.numPages > limits.maxPages)
        throw overLimit(name, 'the number of pages', doc.numPages, limits.maxPages);
      pages = (await extractText(doc, { mergePages: false })).text;
    } finally {
      void doc.destroy();
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    const kind = (error as { name?: string }).name;
    if (kind === 'PasswordException') {
      throw new DomainError('file-encrypted', `${name}: the PDF is password-protected`, { cause: error });
    }
    throw new DomainError('file-unreadable', `${name}: not a readable PDF (${(error as Error).message})`, {
      cause: error,
    });
  }
  checkChars(
    name,
    pages.reduce((sum, p) => sum + p.length, 0),
    limits,
  );
  const sections: Section[] = [];
  let offset = 0;
  pages.forEach((page, i) => {
    const text = page.replace(/\r\n?/g, '\n');
    // pdf.js gives one line per text line; a blank line or a short line ending a sentence ends a paragraph.
    const joined = text.replace(/([.!?:])\n(?=\S)/g, '$1\n\n');
    for (const p of paragraphs(joined, offset))
      sections.push({ ...p, text: p.text.replace(/\n/g, ' '), headings: [], page: i + 1 });
    offset += joined.length + 2;
  });
  return { sections };
}

export async function extractDocx(
  name: string,
  bytes: Uint8Array,
  limits: KnowledgeLimits = defaultKnowledgeLimits,
): Promise<Extracted> {
  if (startsWith(bytes, oleSignature)) {
    throw new DomainError('file-encrypted', `${name}: the document is encrypted (or an old binary .doc)`);
  }
  if (!startsWith(bytes, zipSignature)) {
    throw new DomainError('file-unreadable', `${name}: not a DOCX file (not a ZIP archive)`);
  }
  await checkZipInflated(name, bytes, limits);
  let html: string;
  try {
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    // Node's mammoth reads `buffer`, its browser build `arrayBuffer`.
    html = (await mammoth.convertToHtml({ arrayBuffer, buffer: bytes } as never)).value;
  } catch (error) {
    throw new DomainError('file-unreadable', `${name}: not a readable DOCX (${(error as Error).message})`, {
      cause: error,
    });
  }
  return extractHtml(html);
}
