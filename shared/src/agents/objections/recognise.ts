// Offline recognition of an objection in a customer message, by rules over the library's trigger
// examples: a trigger matches when (nearly) all of its content words are in the message as words, not
// as parts of other words ("Дорого" is not in "Дорогой Иван"), and they make up a good part of what
// the message says (a long question that mentions a price word in passing is not an objection).
// Deterministic and explainable: the match names the trigger it found.
import type { ObjectionDoc } from '../../schemas/index';

export type ObjectionMatch = {
  objection: ObjectionDoc;
  /** The library's example that matched. */
  trigger: string;
  /** 0..1: how much of the trigger and of the message the match covers. */
  confidence: number;
  source: 'rules' | 'llm';
};

/** Words that carry no objection by themselves (negations and "now" are content: "not now"). */
const stopwords = new Set(
  (
    'a an the it is are am be was were this that these those to for of in on at with about me us we i you ' +
    'your our my so and or just some too very really quite do does will would can could please why how ' +
    'there here have has ' +
    'это эта этот для нас нам мне меня мы я вы вас вам ваш ваше ваша у в во на с со и а но же ли то так ' +
    'очень слишком как что бы все всё пока просто пожалуйста ну почему зачем там тут был была'
  ).split(/\s+/),
);

const contractions: [RegExp, string][] = [
  [/n['’]t\b/g, ' not'],
  [/['’](s|re|m|ll|ve|d)\b/g, ''],
];

/** Lower-cased words of a text, ё as е, English contractions opened. */
export function objectionWords(text: string): string[] {
  let t = text.toLowerCase().replace(/ё/g, 'е');
  for (const [pattern, by] of contractions) t = t.replace(pattern, by);
  return t.match(/[\p{L}\p{N}]+/gu) ?? [];
}

const contentOf = (words: string[]) => words.filter((w) => !stopwords.has(w));

/**
 * Two word forms of one word: the same, an English plural, or long words (7+ letters) that differ in
 * their last letter or two only ("подумать" / "подумаю"). Short forms must be equal: "дорого" and
 * "дорогой" are different words.
 */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (/^[a-z]+$/.test(a) && (a === `${b}s` || b === `${a}s`)) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 7 || Math.abs(a.length - b.length) > 2) return false;
  return a.slice(0, shorter - 1) === b.slice(0, shorter - 1);
}

/** Of the trigger's content words, how many are in the message; of the message's, how many matched. */
function coverage(trigger: string[], message: string[]): { trigger: number; message: number } {
  if (trigger.length === 0 || message.length === 0) return { trigger: 0, message: 0 };
  const found = trigger.filter((t) => message.some((m) => sameWord(t, m))).length;
  const used = message.filter((m) => trigger.some((t) => sameWord(t, m))).length;
  return { trigger: found / trigger.length, message: used / message.length };
}

/** A trigger counts when this share of its content words is in the message. */
export const TRIGGER_COVERAGE = 0.75;
/** ... and its words make up this share of the message's (a question must be mostly the objection). */
const MESSAGE_COVERAGE = 0.25;
const QUESTION_COVERAGE = 0.5;

/** The best matching objection of the library's active ones, or undefined. */
export function recogniseObjection(
  text: string,
  library: readonly ObjectionDoc[],
): ObjectionMatch | undefined {
  const message = contentOf(objectionWords(text));
  const needed = /[?？]/.test(text) ? QUESTION_COVERAGE : MESSAGE_COVERAGE;
  let best: ObjectionMatch | undefined;
  for (const objection of library) {
    if (objection.active === false) continue;
    for (const trigger of [...(objection.triggers.ru ?? []), ...(objection.triggers.en ?? [])]) {
      const c = coverage(contentOf(objectionWords(trigger)), message);
      if (c.trigger < TRIGGER_COVERAGE || c.message < needed) continue;
      const confidence = Math.round(c.trigger * Math.sqrt(c.message) * 1000) / 1000;
      if (!best || confidence > best.confidence) best = { objection, trigger, confidence, source: 'rules' };
    }
  }
  return best;
}
