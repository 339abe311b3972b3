// Which reader a file needs: by its declared kind, its bytes (PDF, ZIP, OLE signatures), its name and
// its MIME type, in that order.
import { DomainError } from '../errors';
import type { KnowledgeFile, SourceKind } from './types';

const byExtension: Record<string, SourceKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
  csv: 'csv-qa',
};

const byMime: Record<string, SourceKind> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/html': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/csv': 'csv-qa',
};

export const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);
export const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
export const zipSignature = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
export const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // encrypted Office, .doc

export function detectKind(file: KnowledgeFile, bytes: Uint8Array): SourceKind {
  if (file.kind) return file.kind;
  if (startsWith(bytes, pdfSignature)) return 'pdf';
  const ext = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const kind = byExtension[ext] ?? byMime[(file.mimeType ?? '').split(';')[0]!.trim().toLowerCase()];
  if (kind) return kind;
  throw new DomainError(
    'unsupported-file',
    `${file.name}: unsupported file type (use txt, md, html, pdf, docx or csv)`,
  );
}
