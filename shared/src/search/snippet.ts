// Highlighted snippets: the window of a text with the most query words, and the ranges of those words
// (matched by stem, so "доставкой" highlights "доставка"; a one-letter typo still highlights).
import { analyze, contentTerms, type Token } from './tokenizer';

export type Snippet = {
  text: string;
  /** [start, end) offsets into `text` of the matched words. */
  highlights: Array<[number, number]>;
  /** `text` with each match wrapped in <mark>…</mark> (HTML-escaped). */
  html: string;
};

export type SnippetOptions = { length?: number };

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function queryTerms(query: string): Set<string> {
  return new Set(contentTerms(query));
}

const matches = (token: Token, terms: Set<string>): boolean => {
  if (terms.has(token.term)) return true;
  if (token.term.length < 4) return false;
  for (const t of terms) if (t.length >= 4 && withinOneEdit(t, token.term)) return true;
  return false;
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function makeSnippet(text: string, terms: Set<string>, options: SnippetOptions = {}): Snippet {
  const length = options.length ?? 240;
  const hits = analyze(text).filter((t) => matches(t, terms));
  let start = 0;
  if (text.length > length && hits.length > 0) {
    // The window with the most distinct matched stems, starting at a match.
    let best = -1;
    for (let i = 0; i < hits.length; i++) {
      const seen = new Set<string>();
      for (let j = i; j < hits.length && hits[j]!.end - hits[i]!.start <= length; j++)
        seen.add(hits[j]!.term);
      if (seen.size > best) {
        best = seen.size;
        start = hits[i]!.start;
      }
    }
    // Back off to a word boundary a little before the first match, for context.
    start = Math.max(0, start - Math.floor(length / 6));
    const space = text.lastIndexOf(' ', start);
    if (space > 0 && start - space < 30) start = space + 1;
    if (start + length > text.length) start = Math.max(0, text.length - length);
  }
  const end = Math.min(text.length, start + length);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end);
  const highlights: Array<[number, number]> = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => [h.start - start + prefix.length, h.end - start + prefix.length]);
  const snippetText = prefix + body + suffix;
  let html = '';
  let at = 0;
  for (const [s, e] of highlights) {
    html += escapeHtml(snippetText.slice(at, s)) + '<mark>' + escapeHtml(snippetText.slice(s, e)) + '</mark>';
    at = e;
  }
  html += escapeHtml(snippetText.slice(at));
  return { text: snippetText, highlights, html };
}
