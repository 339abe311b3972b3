// A change of mind inside one message (issue 61, events7: chat messages): «бюджет 800 тыс... хотя нет,
// максимум 600», «ой, сорри, 18-е занято, давайте на 19-е», "in Paris... actually my fiancé wants it in
// Nice", "on March 10th. Actually scratch that, make it March 17th". What is said after the marker
// replaces what was said before it; the readers of the date (event-date.ts), the budget and the place
// (extract.ts) take the later value when there is one on each side.

/** The words that take back what was just said ("wait," and "— wait —" since events8: "20 people — wait, 24"). */
export const correctionMarker =
  /(?<!\p{L})(?:хотя\s+нет|а\s+нет|ой|упс|сорри|пардон|точнее|вернее|поправка|поправлюсь|передумал\p{L}*|actually|scratch\s+that|on\s+second\s+thought|change\s+of\s+plans?|correction|oops|i\s+mean|my\s+bad|(?:no\s+)?wait(?=\s*[,—–-]))(?!\p{L})/giu;

/** The offsets of the correction markers in the text, in order. */
export const correctionsIn = (text: string): number[] =>
  [...text.matchAll(correctionMarker)].map((m) => m.index);

/** The text after the correction marker that starts it, with the punctuation after the marker ("хотя нет, 25" → "25"). */
export const afterMarker = (text: string): string =>
  text.replace(new RegExp(String.raw`^(?:${correctionMarker.source})[\s,.:;!…—–-]*`, 'iu'), '');
