// "No figure from an empty set" (issue 64, Done when): on a team with nothing in it yet, a screen that
// summarises its conversations, replies or deals has nothing to summarise, so a share ("0%", "72% resolved
// by AI"), a median or average ("медиана 0 мс"), a zero duration, "0 of 0" or NaN/Infinity is a figure
// computed from nothing; such a screen should read "—" or "no data yet". The screens walk of a freshly
// signed-in team (screens-first-day.e2e.test.ts) fails on any text this finds.

/** One rule per kind of figure that only an empty set would give there, each with its name. */
const rules: Array<{ kind: string; re: RegExp }> = [
  // A share of anything: on an empty team there is no whole to take a part of.
  { kind: 'share', re: /(?<![\p{L}\d.,])\d+(?:[.,]\d+)?\s?%/gu },
  // A zero duration (a median or average reply time over no replies).
  {
    kind: 'zero-duration',
    re: /(?<![\p{L}\d.,])0(?:[.,]0+)?\s?(?:ms|мс|s|sec|с|сек|min|мин|h|ч|d|дн)\.?(?![\p{L}])/gu,
  },
  // A median or average and a number after it, whatever its unit.
  { kind: 'average', re: /(?:median|average|mean|медиан[аы]?|средн(?:ее|ий|яя)|в среднем)\s*[:=]?\s*\d/giu },
  // A part of nothing: "0 of 0", «0 из 0».
  { kind: 'of-nothing', re: /(?<![\p{L}\d])\d+\s(?:of|из)\s0(?![\d.,])/gu },
  { kind: 'not-a-number', re: /\bNaN\b|\bInfinity\b|∞/g },
];

/** What in `text` is a figure from an empty set, as `kind: match` lines (none for a rep's normal text). */
export function emptySetFigures(text: string): string[] {
  const plain = text.replace(/[\u00a0\u202f]/g, ' ');
  return rules.flatMap(({ kind, re }) => [...plain.matchAll(re)].map((m) => `${kind}: ${m[0].trim()}`));
}
