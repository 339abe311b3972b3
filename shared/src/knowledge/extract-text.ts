// Plain text and Markdown: paragraphs separated by blank lines; Markdown `#` headings (and setext
// underlines) become the headings of the paragraphs below them. Offsets point into the original text.
import type { Extracted, Section } from './types';

/** Paragraphs of a text (split on blank lines), with their offsets. */
export function paragraphs(text: string, offset = 0): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const re = /\S[\s\S]*?(?=\n[ \t]*\n|$)/g;
  for (const m of text.matchAll(re)) {
    const body = m[0].trimEnd();
    if (body) out.push({ text: body, start: offset + m.index, end: offset + m.index + body.length });
  }
  return out;
}

export function extractPlainText(text: string): Extracted {
  return { sections: paragraphs(text).map((p) => ({ ...p, headings: [] })) };
}

const cleanMarkdown = (s: string) =>
  s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1')
    .replace(/(\*\*|__|\*|_|~~)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/gm, '')
    .replace(/\|/g, ' ')
    .trim();

export function extractMarkdown(source: string): Extracted {
  const sections: Section[] = [];
  const headings: string[] = [];
  let title: string | undefined;
  const lines = source.split('\n');
  let at = 0;
  let block: { start: number; lines: string[] } | undefined;
  let fence = false;
  const flush = (end: number) => {
    if (!block) return;
    const raw = block.lines.join('\n');
    const text = cleanMarkdown(raw);
    if (text) sections.push({ text, headings: [...headings], start: block.start, end });
    block = undefined;
  };
  lines.forEach((line, i) => {
    const start = at;
    at += line.length + 1;
    const next = lines[i + 1] ?? '';
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const atx = fence ? null : line.match(/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/);
    const setext =
      !fence && line.trim() && /^\s{0,3}(=+|-+)\s*$/.test(next) && !block ? next.trim()[0] : undefined;
    if (atx || setext) {
      flush(start);
      const level = atx ? atx[1]!.length : setext === '=' ? 1 : 2;
      const text = cleanMarkdown(atx ? atx[2]! : line);
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      headings.push(text.slice(0, 300));
      if (!title && level === 1) title = text;
      return;
    }
    if (!fence && !block && /^\s{0,3}(=+|-+)\s*$/.test(line)) return;
    if (!line.trim() && !fence) {
      flush(start);
      return;
    }
    if (!block) block = { start, lines: [] };
    block.lines.push(line);
  });
  flush(source.length);
  for (const s of sections) s.headings = s.headings.filter(Boolean);
  return title ? { title, sections } : { sections };
}
