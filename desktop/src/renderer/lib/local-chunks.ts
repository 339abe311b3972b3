// Cuts a text-like knowledge file into chunks right on the device, so an upload is searchable at once
// (and offline). Chunk ids follow the server's ingestion (`<sourceId>:<ordinal>`), so when the server
// ingests the same source its chunks replace these instead of duplicating them. PDF and DOCX are left
// to the server's ingestion.
import type { KnowledgeChunkDoc } from '@app/shared/schemas';

export const locallyChunkedKinds = ['text', 'markdown', 'csv-qa'] as const;

export function kindOf(fileName: string): 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'csv-qa' {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'csv') return 'csv-qa';
  return 'text';
}

export function textHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return `fnv-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

export function chunkText(sourceId: string, text: string, now: string, maxChars = 900): KnowledgeChunkDoc[] {
  const chunks: KnowledgeChunkDoc[] = [];
  const paragraphs: { text: string; start: number; end: number }[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0].trim();
    if (t) paragraphs.push({ text: t, start: m.index, end: m.index + m[0].length });
  }
  let headings: string[] = [];
  type Open = { text: string; start: number; end: number; headings: string[] };
  let current = null as Open | null;
  const flush = () => {
    if (!current) return;
    const body = current.text.slice(0, 12_000);
    chunks.push({
      id: `${sourceId}:${chunks.length}`,
      sourceId,
      ordinal: chunks.length,
      text: body,
      ...(current.headings.length
        ? { headings: current.headings.slice(-10).map((h) => h.slice(0, 300)) }
        : {}),
      position: { start: current.start, end: current.end },
      contentHash: textHash(body),
      createdAt: now,
    });
    current = null;
  };
  for (const p of paragraphs) {
    const heading = /^#{1,6}\s+(.*)$/.exec(p.text);
    if (heading) {
      flush();
      const level = p.text.indexOf(' ');
      headings = [...headings.slice(0, Math.max(0, level - 1)), heading[1]!.trim()];
      continue;
    }
    if (current && current.text.length + p.text.length + 2 > maxChars) flush();
    const open: Open | null = current;
    current = open
      ? { ...open, text: `${open.text}\n\n${p.text}`, end: p.end }
      : { text: p.text, start: p.start, end: p.end, headings };
  }
  flush();
  return chunks;
}
