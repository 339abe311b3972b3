// The knowledge base accepts text, Markdown, HTML, PDF, DOCX and CSV (question/answer pairs): known
// by the file's extension, a matching (or generic) content type, and the file's first bytes.
import { DomainError } from '@app/shared/errors';
import { decodeText } from '../csv/decode-text';

export type KnowledgeKind = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'csv-qa';

type FileType = { kind: KnowledgeKind; mimeType: string; mimes: string[]; check: (bytes: Buffer) => boolean };

/** What of a text file is checked at upload; ingestion decodes the whole file off the event loop. */
const TEXT_HEAD = 64 * 1024;

/**
 * Whether a file's head is text: its first 64 KiB, cut back to whole UTF-8 (or UTF-16) characters.
 * Decoding all of an 8 MB file here held the event loop ~60 ms for every other request.
 */
const isText = (bytes: Buffer) => {
  if (bytes.length <= TEXT_HEAD) {
    decodeText(bytes, 'file');
    return true;
  }
  let cut = TEXT_HEAD;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const unit = le ? bytes.readUInt16LE(cut - 2) : bytes.readUInt16BE(cut - 2);
    if (unit >= 0xd800 && unit <= 0xdbff) cut -= 2; // half of a surrogate pair
  } else {
    for (let back = 0; back < 3 && (bytes[cut]! & 0xc0) === 0x80; back++) cut--; // inside a UTF-8 character
  }
  try {
    decodeText(bytes.subarray(0, cut), 'file');
  } catch (e) {
    // A head of only blanks: the rest may hold the text (ingestion says if it does not).
    if (!(e instanceof DomainError && e.code === 'file-empty')) throw e;
  }
  return true;
};
const startsWith = (magic: string) => (bytes: Buffer) =>
  bytes.subarray(0, magic.length).toString('latin1') === magic;
const textMimes = ['text/plain'];

const types: Record<string, FileType> = {
  txt: { kind: 'text', mimeType: 'text/plain', mimes: textMimes, check: isText },
  md: {
    kind: 'markdown',
    mimeType: 'text/markdown',
    mimes: ['text/markdown', 'text/x-markdown', ...textMimes],
    check: isText,
  },
  markdown: {
    kind: 'markdown',
    mimeType: 'text/markdown',
    mimes: ['text/markdown', 'text/x-markdown', ...textMimes],
    check: isText,
  },
  html: {
    kind: 'html',
    mimeType: 'text/html',
    mimes: ['text/html', 'application/xhtml+xml', ...textMimes],
    check: isText,
  },
  htm: {
    kind: 'html',
    mimeType: 'text/html',
    mimes: ['text/html', 'application/xhtml+xml', ...textMimes],
    check: isText,
  },
  csv: {
    kind: 'csv-qa',
    mimeType: 'text/csv',
    mimes: ['text/csv', 'application/csv', 'application/vnd.ms-excel', ...textMimes],
    check: isText,
  },
  pdf: {
    kind: 'pdf',
    mimeType: 'application/pdf',
    mimes: ['application/pdf', 'application/x-pdf'],
    check: startsWith('%PDF-'),
  },
  docx: {
    kind: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    mimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip'],
    check: startsWith('PK\u0003\u0004'),
  },
};

const generic = new Set(['application/octet-stream', 'binary/octet-stream', '']);
export const allowedExtensions = Object.keys(types);

/** A safe display name: the last path segment, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what we remove
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '');
  return clean.trim().slice(0, 255);
}

/** The kind and stored content type of an upload, or a 415 naming what is accepted. */
export function knowledgeFileType(
  fileName: string,
  mimeType: string,
  bytes: Buffer,
): { kind: KnowledgeKind; mimeType: string } {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const type = types[ext];
  if (!type)
    throw new DomainError(
      'unsupported-file',
      `Only ${allowedExtensions.join(', ')} files are accepted (got '${fileName.slice(0, 80) || 'no file name'}')`,
    );
  const mime = mimeType.toLowerCase().split(';')[0]!.trim();
  if (!generic.has(mime) && !type.mimes.includes(mime)) {
    throw new DomainError(
      'unsupported-file',
      `A .${ext} file cannot have the content type ${mime.slice(0, 80)}`,
    );
  }
  if (bytes.length === 0) throw new DomainError('file-empty', 'The file is empty');
  if (!type.check(bytes)) throw new DomainError('unsupported-file', `The content is not a .${ext} file`);
  return { kind: type.kind, mimeType: type.mimeType };
}
