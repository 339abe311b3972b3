// Citations as a customer reads them. Inside the engine an answer cites knowledge passages with `[n]`
// markers (n: the passage's place in the hits the answer was given); that is how the offline provider
// and the models say what they used, and `citations` on the stored reply comes from them. A customer
// never sees a marker: the markers leave the text (in any form a model writes them: `[1]`, `[1][2]`,
// `[1, 2]`, `[^1]`, `【1】`, `[source 1]`, numbers it was never given), and one closing line names the
// cited sources by title, in the reply's language ("Источник: Тарифы 2026", "Sources: Prices; Support").
import type { KnowledgeHit } from '../llm/types';

/** Numbers of one marker: `1`, `1, 2`, `1-3`, `1; 2`. */
const numbers = String.raw`\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*`;
/** One citation marker, anywhere in a text (not a markdown link `[1](…)`). */
const marker = new RegExp(
  String.raw`\[\^?\s*(?:(?:sources?|docs?|documents?|refs?|источники?|документы?)\s*:?\s*)?(${numbers})\s*\](?!\()|【\s*(${numbers})(?:[†:][^】]{0,80})?\s*】`,
  'giu',
);

function expand(list: string): number[] {
  return list.split(/\s*[,;]\s*/).flatMap((part) => {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (!range) return [Number(part)];
    const [from, to] = [Number(range[1]), Number(range[2])];
    return to >= from && to - from < 20 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
  });
}

/** Every number the text cites, in the order written (repeats and unknown numbers included). */
export function citationNumbers(text: string): number[] {
  return [...text.matchAll(marker)].flatMap((m) => expand(m[1] ?? m[2] ?? ''));
}

/** The hits a text cites, each once, in the order of their numbers (unknown numbers cite nothing). */
export function citedHits(text: string, hits: KnowledgeHit[]): KnowledgeHit[] {
  const ns = [...new Set(citationNumbers(text))].sort((a, b) => a - b);
  return ns.flatMap((n) => (n >= 1 && hits[n - 1] ? [hits[n - 1]!] : []));
}

/** A line that only names sources ("Sources:", "Источник: [1]"), left without its markers. */
const sourcesLabel = /^\s*[*_]*(sources?|references?|citations?|источники?|ссылки)[*_]*\s*:/iu;

/** The text without citation markers, its spacing and punctuation as if they had never been there. */
export function withoutMarkers(text: string): string {
  const marked = text.replace(marker, '\uE000');
  if (marked === text) return text;
  return (
    marked
      .split('\n')
      // A line that only listed sources ("Sources: [1], [2]" -> "Sources: ,") goes.
      .filter(
        (line) =>
          !(line.includes('\uE000') && /^[^:]*:[\s,;.\uE000]*$/u.test(line) && sourcesLabel.test(line)),
      )
      .map((line) =>
        line
          // A marker opening a line: gone with the space after it (indentation kept).
          .replace(/^([ \t]*)\uE000+[ \t]*/u, '$1')
          // Between words with no space left ("500 ₽.[1]Возврат"): one space.
          .replace(/(\S)\uE000+(?=[\p{L}\p{N}«"(])/gu, '$1 ')
          // Anywhere else: gone with the spaces before it ("500 ₽ [1]." -> "500 ₽.").
          .replace(/[ \t]*\uE000+/gu, '')
          .replace(/[ \t]+$/u, ''),
      )
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** The title a citation shows: the source's ("Prices 2026"), not the chunk's path of headings. */
export function sourceTitle(hit: Pick<KnowledgeHit, 'title'>): string {
  const title = hit.title.split(' › ')[0]!.replace(/\s+/g, ' ').trim();
  return title.length > 100 ? `${title.slice(0, 99).trimEnd()}…` : title;
}

/** The closing line that names the cited sources ('' when nothing is cited). */
export function sourcesLine(cited: KnowledgeHit[], language: 'ru' | 'en'): string {
  const titles = [...new Set(cited.map(sourceTitle).filter(Boolean))];
  if (titles.length === 0) return '';
  const label =
    language === 'ru'
      ? titles.length === 1
        ? 'Источник'
        : 'Источники'
      : titles.length === 1
        ? 'Source'
        : 'Sources';
  return `${label}: ${titles.join('; ')}`;
}

export type ReadableAnswer = {
  /** What the customer reads: no markers, the cited sources' titles on a closing line. */
  text: string;
  /** The hits the answer cited (its `[n]` markers), for the reply's `citations`. */
  cited: KnowledgeHit[];
};

/**
 * An answer with `[n]` markers as a customer reads it, for any answer (the offline provider's or a
 * model's): the markers resolved to the hits they cite, removed from the text, and the cited sources
 * named once on a closing line in the reply's language. A line of the answer that already names its
 * sources ("Source: …") gives way to that line.
 */
export function readableAnswer(text: string, hits: KnowledgeHit[], language: 'ru' | 'en'): ReadableAnswer {
  const cited = citedHits(text, hits);
  let body = withoutMarkers(text);
  const line = sourcesLine(cited, language);
  if (!line) return { text: body, cited };
  // The answer's own list of sources at its end ("Sources:" and a few short lines) gives way to ours.
  const lines = body.split('\n');
  const own = lines.findLastIndex((l) => sourcesLabel.test(l));
  const after = lines.slice(own + 1).filter((l) => l.trim());
  if (own > 0 && after.length <= cited.length + 1 && after.every((l) => l.length <= 120)) {
    body = lines.slice(0, own).join('\n').trim();
  }
  return { text: body ? `${body}\n\n${line}` : line, cited };
}
