// Sample knowledge of the demo team: the help centre of a fictional CRM product («Ромашка CRM» / "Daisy
// CRM") with plans and prices, billing, integrations, onboarding, security, support and common
// concerns, the same topics in Russian (demo-knowledge-ru.ts) and English (demo-knowledge-en.ts), one
// source per topic and language. Each section is one chunk that cites its source.
import { createHash } from 'node:crypto';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import { demoSourcesEn } from './demo-knowledge-en';
import { demoSourcesRu } from './demo-knowledge-ru';
import type { DemoSource } from './demo-source';

const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('hex')}`;

export const demoSources: DemoSource[] = [...demoSourcesRu, ...demoSourcesEn];

/** A source as the markdown file it stands for: `## heading` and the section's text, section by section. */
const markdownOf = (src: DemoSource) => src.sections.map((s) => `## ${s.heading}\n\n${s.text}`).join('\n\n');

/** One chunk per section, under its heading (as the markdown chunker cuts a file of `##` sections). */
function chunksOf(src: DemoSource, full: string, at: string): KnowledgeChunkDoc[] {
  let offset = 0;
  return src.sections.map((s, ordinal) => {
    const start = full.indexOf(s.text, offset);
    offset = start + s.text.length;
    return {
      id: `${src.id}:${ordinal}`,
      sourceId: src.id,
      ordinal,
      text: s.text,
      headings: [s.heading],
      position: { start, end: offset },
      contentHash: sha(s.text),
      language: src.language,
      createdAt: at,
    };
  });
}

export function demoKnowledgeDocs(at: string): {
  sources: KnowledgeSourceDoc[];
  chunks: KnowledgeChunkDoc[];
} {
  const sources: KnowledgeSourceDoc[] = [];
  const chunks: KnowledgeChunkDoc[] = [];
  for (const src of demoSources) {
    const full = markdownOf(src);
    chunks.push(...chunksOf(src, full, at));
    sources.push({
      id: src.id,
      title: src.title,
      kind: 'markdown',
      fileName: src.fileName,
      mimeType: 'text/markdown',
      size: Buffer.byteLength(full),
      contentHash: sha(full),
      status: 'ready',
      chunkCount: src.sections.length,
      language: src.language,
      tags: ['demo'],
      createdAt: at,
      updatedAt: at,
    });
  }
  return { sources, chunks };
}
