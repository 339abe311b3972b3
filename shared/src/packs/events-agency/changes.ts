// A change of mind inside one message (issue 61, events7: chat messages): «бюджет 800 тыс... хотя нет,
// максимум 600», «ой, сорри, 18-е занято, давайте на 19-е», "in Paris... actually my fiancé wants it in
// Nice", "on March 10th. Actually scratch that, make it March 17th". What is said after the marker
// replaces what was said before it; the readers of the date (event-date.ts), the budget and the place
// (extract.ts) take the later value when there is one on each side.

/**
 * The words that take back what was just said ("wait," and "— wait —" since events8: "20 people — wait, 24";
 * since events12 «но нет,», «нет, лучше», "sorry," and "make that": «ставили на 20-е, но нет, лучше 27-го»,
 * "May 22nd — sorry, May 29th").
 */
export const correctionMarker =
  /(?<!\p{L})(?:хотя\s+нет|а\s+нет|но\s+нет(?=\s*[,.!…—–-])|нет(?=\s*,?\s*лучше(?!\p{L}))|ой|упс|сорри|пардон|точнее|вернее|поправка|поправлюсь|передумал\p{L}*|actually|scratch\s+that|on\s+second\s+thought|change\s+of\s+plans?|correction|oops|i\s+mean|my\s+bad|make\s+that|sorry(?=\s*[,—–-])|(?:no\s+)?wait(?=\s*[,—–-]))(?!\p{L})/giu;

/**
 * A choice between two, then decided (since events12): «в субботу или в воскресенье… ладно, давайте
 * воскресенье», "Friday or Saturday? OK, let's go with Saturday". A word of deciding counts as a marker
 * only after an «или»/"or" in the text before it (within two sentences).
 * Since events13 a value revised: what was said first, then decided or approved («сначала говорили про 2
 * млн, но утвердили 2,7 млн», "initially $25k, but finance has just approved $32k", "torn between £20k
 * and £25k, but we've settled on £22k", «сомневались между Калининградом и Светлогорском, решили
 * Светлогорск», "back and forth between Lisbon and Istanbul, and after a team vote it's Istanbul"): a
 * word of deciding after «между», «сначала», «изначально», "between", "initially", "originally", "at first".
 */
const decisionMarker =
  /(?<!\p{L})(?:ладно|окей|решили|решено|в\s+итоге|всё-таки|все-таки|утвердил\p{L}*|утверждено|согласовал\p{L}*|одобрил\p{L}*|остановились\s+на|выбрали|сошлись\s+на|после\s+(?:голосования|совещания|обсуждения)|okay|ok|let['’]s\s+go\s+with|we['’]ll\s+go\s+with|we\s+went\s+with|(?:we['’]ve|we\s+have|we)\s+(?:decided|settled|agreed|chosen|chose|picked|opted)|settled\s+on|decided\s+on|agreed\s+on|opted\s+for|(?:has\s+|have\s+)?(?:just\s+|now\s+|finally\s+)?(?:approved|signed\s+off(?:\s+on)?|green-?lit)|after\s+(?:a|the)\s+(?:\p{L}+\s+)?(?:vote|poll|meeting|discussion)|in\s+the\s+end)(?!\p{L})/giu;
const choiceBefore =
  /(?<!\p{L})(?:или|либо|or|между|сначала|изначально|первоначально|поначалу|between|initially|originally|at\s+first|first)(?!\p{L})/iu;
const decisionsIn = (text: string): number[] =>
  [...text.matchAll(decisionMarker)]
    .filter((m) => choiceBefore.test(text.slice(Math.max(0, m.index - 120), m.index)))
    .map((m) => m.index);

/** The offsets of the correction markers (and of decisions after a choice) in the text, in order. */
export const correctionsIn = (text: string): number[] =>
  [...[...text.matchAll(correctionMarker)].map((m) => m.index), ...decisionsIn(text)].sort((a, b) => a - b);

/** The text after the correction marker that starts it, with the punctuation after the marker ("хотя нет, 25" → "25"). */
export const afterMarker = (text: string): string =>
  text.replace(
    new RegExp(String.raw`^(?:${correctionMarker.source}|${decisionMarker.source})[\s,.:;!…—–-]*`, 'iu'),
    '',
  );
