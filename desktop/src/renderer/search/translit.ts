// The other script's spellings of a query, so that "Petrova" finds «Анна Петрова» and «Петрова» finds
// "Anna Petrova": a Cyrillic query is also searched transliterated to Latin and a Latin one in
// Cyrillic (cyrillic-to-translit-js, Russian preset, both directions). Names are the point: a rep
// types a customer's name in whatever layout the keyboard is in, and CRMs hold both.
import cyrillicToTranslit from 'cyrillic-to-translit-js';

const ru = cyrillicToTranslit({ preset: 'ru' });
const cyrillic = /\p{Script=Cyrillic}/u;
const latin = /\p{Script=Latin}/u;

/** The query as typed, then its spelling in the other script when it is written in one script only. */
export function spellings(query: string): string[] {
  const q = query.trim();
  if (!q) return [];
  const hasCyrillic = cyrillic.test(q);
  const hasLatin = latin.test(q);
  if (hasCyrillic === hasLatin) return [q];
  const other = hasCyrillic ? ru.transform(q) : ru.reverse(q.toLowerCase());
  // The reverse table leaves letters it has no rule for (w, x, q) as they are: a mixed word finds nothing.
  return other && other !== q && !(hasLatin && latin.test(other)) ? [q, other] : [q];
}

/** Hits of several spellings as one list: each doc once, at its best score, best first. */
export function mergeHits<H extends { id: string; type: string; score: number }>(
  lists: H[][],
  limit: number,
): H[] {
  const best = new Map<string, H>();
  for (const list of lists)
    for (const h of list) {
      const key = `${h.type}:${h.id}`;
      const seen = best.get(key);
      if (!seen || h.score > seen.score) best.set(key, h);
    }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
