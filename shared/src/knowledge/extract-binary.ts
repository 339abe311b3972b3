// PDF (unpdf / pdf.js) and DOCX (mammoth, to HTML, then the HTML reader so headings survive). Each
// failure becomes a DomainError that says what is wrong with the file.
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { DomainError } from '../errors';
import { oleSignature, startsWith, zipSignature } from './detect';
import { extractHtml } from './extract-html';
import { paragraphs } from './extract-text';
import type { Extracted, Section } from './types';

const copy = (bytes: Uint8Array) => bytes.slice();

export async function extractPdf(name: string, bytes: Uint8Array): Promise<Extracted> {
  let pages: string[];
  try {
    const doc = await getDocumentProxy(copy(bytes), { verbosity: 0 } as never);
    try {
      pages = (await extractText(doc, { mergePages: false })).text;
    } finally {
      void doc.destroy();
    }
  } catch (error) {
    const kind = (error as { name?: string }).name;
    if (kind === 'PasswordException') {
      throw new DomainError('file-encrypted', `${name}: the PDF is password-protected`, { cause: error });
    }
    throw new DomainError('file-unreadable', `${name}: not a readable PDF (${(error as Error).message})`, {
      cause: error,
    });
  }
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

export async function extractDocx(name: string, bytes: Uint8Array): Promise<Extracted> {
  if (startsWith(bytes, oleSignature)) {
    throw new DomainError('file-encrypted', `${name}: the document is encrypted (or an old binary .doc)`);
  }
  if (!startsWith(bytes, zipSignature)) {
    throw new DomainError('file-unreadable', `${name}: not a DOCX file (not a ZIP archive)`);
  }
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
