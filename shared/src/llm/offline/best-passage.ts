// The passage of a knowledge chunk that answers a question, as whole sentences: the offline answer
// quotes it. Never a sentence cut in the middle, never a fragment that starts mid-thought ("but animals
// can spread disease…"): a sentence that continues the one before it ("But", "Also", "Но", "Также", a
// lower-case start) brings that one along. A short chunk is quoted whole.
import { stem, words } from './text-features';

type Lang = 'ru' | 'en';

/** Passages up to this many characters are quoted whole; longer ones give their best sentences. */
export const PASSAGE_BUDGET = 450;

export type Sentence = {
  text: string;
  /** It starts a line of the chunk (a paragraph or a list item): joined with a line break. */
  lineStart: boolean;
  language: Lang;
};

/** Abbreviations a full stop does not end a sentence after ("e.g. Apple", "г. Москва"). */
const abbreviations = new Set(
  'e.g i.e mr mrs ms dr vs prof st no approx incl им ул г д т.е т.к см стр напр рис табл проф'.split(' '),
);

/** The letters' language: Russian when at least 30% of them are Cyrillic (names and brands are Latin). */
export function textLanguage(text: string): Lang {
  const cyr = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lat = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  return cyr > 0 && cyr >= 0.3 * (cyr + lat) ? 'ru' : 'en';
}

/** Citation-like markers a knowledge text may carry itself ("[1]"): the engine's own are added after. */
const ownMarkers = /\s*(\[\^?\d{1,3}\]|【\d{1,3}】)/gu;

/** The sentences of a chunk, in order: headings left out, lines and list items kept apart. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const raw of text.replace(ownMarkers, '').split(/\n+/)) {
    const line = raw.trim();
    if (!line || /^#{1,6}\s/.test(line)) continue;
    let start = 0;
    let first = true;
    const push = (end: number) => {
      const s = line.slice(start, end).trim();
      if (s) out.push({ text: s, lineStart: first, language: textLanguage(s) });
      first = false;
    };
    for (const m of line.matchAll(/[.!?…]+["'»”)]*\s+(?=[^\p{Ll}\s])/gu)) {
      const word = (/[\p{L}.]+$/u.exec(line.slice(0, m.index))?.[0] ?? '').toLowerCase();
      if (m[0].startsWith('.') && (abbreviations.has(word) || /^\p{L}$/u.test(word))) continue;
      push(m.index + m[0].length);
      start = m.index + m[0].length;
    }
    push(line.length);
  }
  return out;
}

const strong = {
  en: /^(but|and|also|or|so|however|although|though|yet|then|besides|moreover|furthermore|additionally|still|plus|nor|whereas|therefore|thus|hence|in addition|as well|on the other hand|otherwise)\b[,:]?\s*/iu,
  ru: /^(но|а также|а|и|также|тоже|однако|зато|причём|причем|притом|поэтому|тогда|кроме того|при этом|или|либо|ведь|хотя|впрочем|тем не менее|к тому же|иначе|следовательно)(?![\p{L}\p{N}])[,:]?\s*/iu,
};
const weak = {
  en: /^(it|this|that|these|those|they|its|their|such|he|she|them)\b/iu,
  ru: /^(это|этот|эта|эти|этом|этого|он|она|оно|они|его|её|ее|их|там|такой|такая|такие|так)(?![\p{L}\p{N}])/iu,
};

/** A connective that joins the sentence to the one before ("But", "Также"), if it opens with one. */
function connective(s: Sentence): RegExpExecArray | null {
  return strong[s.language].exec(s.text) ?? strong[s.language === 'ru' ? 'en' : 'ru'].exec(s.text);
}

/** The sentence goes on from the one before it: a lower-case start, a connective or a pronoun. */
export function continues(s: Sentence): boolean {
  return /^\p{Ll}/u.test(s.text) || connective(s) !== null || weak[s.language].test(s.text);
}

/** The sentence made to stand alone: its opening connective dropped ("But animals…" -> "Animals…"). */
function standAlone(s: Sentence): string {
  const c = connective(s);
  const rest = c ? s.text.slice(c[0].length) : s.text;
  if (!rest || !/^\p{L}/u.test(rest)) return s.text;
  return rest[0]!.toUpperCase() + rest.slice(1);
}

function join(sentences: Sentence[]): string {
  return sentences.map((s, i) => (i === 0 ? '' : s.lineStart ? '\n' : ' ') + s.text).join('');
}

const length = (sentences: Sentence[]) => join(sentences).length;

/** How many of the question's words (by stem) the sentence has. */
function overlap(sentence: string, question: Set<string>): number {
  const ws = new Set(words(sentence).map(stem));
  return [...question].filter((q) => [...ws].some((w) => w.startsWith(q.slice(0, 5)))).length;
}

/** A sentence too long for any budget, cut at its last clause before the budget. */
function clause(text: string, budget: number): string {
  if (text.length <= budget * 2) return text;
  const cut = Math.max(...[', ', '; ', ' — ', ' – ', ': '].map((p) => text.lastIndexOf(p, budget)));
  return `${text.slice(0, cut > budget / 2 ? cut : text.lastIndexOf(' ', budget)).trimEnd()}…`;
}

/**
 * The passage of `text` that answers `question`, in whole sentences: all of it when short, else the best
 * matching sentence with the sentences it continues from and those that go on with it, within `budget`.
 * Sentences in the customer's `language` are preferred when the chunk has both languages.
 */
export function bestPassage(
  text: string,
  question: string,
  language?: Lang,
  budget = PASSAGE_BUDGET,
): { text: string; language: Lang } {
  const all = splitSentences(text);
  const own = language ? all.filter((s) => s.language === language) : [];
  const sentences = own.length ? own : all;
  if (sentences.length === 0) return { text: text.trim(), language: textLanguage(text) };
  const lang = textLanguage(join(sentences));
  const q = new Set(
    words(question)
      .filter((w) => w.length > 2)
      .map(stem),
  );
  const scores = sentences.map((s) => overlap(s.text, q));
  let from = 0;
  let to = sentences.length - 1;
  if (length(sentences) > budget) {
    const best = scores.reduce((b, s, i) => (s > scores[b]! ? i : b), 0);
    [from, to] = [best, best];
    // Back to the sentence that begins the thought (a little over budget if need be).
    while (
      from > 0 &&
      continues(sentences[from]!) &&
      length(sentences.slice(from - 1, to + 1)) <= budget * 1.5
    )
      from--;
    // A question (a FAQ's) is answered by the sentences after it.
    const asks = (i: number) => sentences[i]!.text.endsWith('?');
    for (let i = to + 1; i < sentences.length; i++) {
      const next = sentences[i]!;
      if (length(sentences.slice(from, i + 1)) > budget) break;
      const wanted = continues(next) || scores[i]! > 0 || asks(i - 1) || i - from < 2;
      if (!wanted) break;
      to = i;
    }
  }
  // A question (a FAQ's) leads to its answer: the answer is quoted without it.
  while (from < to && sentences[from]!.text.endsWith('?') && !continues(sentences[from + 1]!)) from++;
  const picked = sentences.slice(from, to + 1);
  // A chunk that begins mid-sentence: its opening fragment goes, unless it is the answer (then it
  // stands alone, as does a sentence that opens with a connective).
  const fragment = /^\p{Ll}/u.test(picked[0]!.text);
  if (from === 0 && picked.length > 1 && fragment && scores[0]! < Math.max(...scores)) picked.shift();
  picked[0] = { ...picked[0]!, text: standAlone(picked[0]!) };
  const out = join(picked);
  return { text: picked.length === 1 ? clause(out, budget) : out, language: lang };
}
