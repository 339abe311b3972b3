// The answer while the model writes it, as a customer may see it (a channel that can show a draft:
// web chat). What streams in is checked before it is shown, more strictly than the reply gate checks
// the final text: only whole words, without citation markers; nothing with anything that may be the start
// of tool-call, template or JSON markup (`<`, `{`, a backquote, a bracket), or eight digits in a row (a
// card or account number being written); the reply gate's checks on the
// rest (length, gibberish, the conversation's language) and the toxicity check. When in doubt the
// draft is empty: the customer sees only that the assistant is typing. A reset (a provider failed
// mid-answer, the text was a preamble to tool calls, the reply gate refused the answer) empties it.
// The final reply still goes through the reply gate and is stored and delivered as before.
import { withoutMarkers } from './citations';
import { checkReply } from './reply-gate';
import { checkReplyAbuse } from './mood/index';

/** The draft's text as it changes: '' means typing, nothing fit to show yet (or any more). */
export type DraftListener = (text: string) => void;

/** Anything that may begin markup: a tag, a brace, a code fence, a bracket. */
const maybeMarkup = /[<>{}`|[\]【】]/;

/**
 * A closing line that names no source yet ("Источник:", its marker cut off as a word still being
 * written): the reply names its sources by title, the draft shows no label without them (issue 37).
 */
const labelWithoutSources =
  /(^|\n)[ \t]*[*_]*(sources?|references?|citations?|источники?|ссылки)[*_]*[ \t]*:[ \t]*$/iu;

/**
 * A long run of digits, whole or still being written: maybe a card or account number, which the reply
 * gate refuses in a quoted reply (catalog/quote-figures.ts); a draft never shows one (issue 60).
 */
const longDigits = /\d(?:[ \u00a0\u202f-]?\d){7,}/u;

/** A citation marker still being written at the end (`[1`, `[1, `, `[^`, `【2`). */
const markerStart = /\s*(\[\^?[\d,;\s–-]*|【[^】]*)$/u;

/** The part of a streamed text a customer may see now ('' when nothing is). */
export function visibleDraft(text: string, language: 'ru' | 'en', vocabulary?: Iterable<string>): string {
  // Whole words only: a word cut in the middle is neither shown nor judged.
  const cut = text.search(/\s\S*$/);
  // Citation markers are the engine's: the customer sees the text without them (citations.ts).
  const words = withoutMarkers((cut < 0 ? '' : text.slice(0, cut)).replace(markerStart, ''))
    .trim()
    .replace(labelWithoutSources, '')
    .trim();
  if (!words || maybeMarkup.test(words) || longDigits.test(words)) return '';
  const verdict = checkReply({ text: words, language, sources: 999, partial: true });
  if (!verdict.ok) return '';
  return checkReplyAbuse(words, { vocabulary }).blocked ? '' : words;
}

export type ReplyDraft = {
  delta(text: string): void;
  reset(): void;
};

/** Follows an answer's stream and tells `listener` each time what a customer may see changes. */
export function createReplyDraft(
  language: 'ru' | 'en',
  listener: DraftListener,
  vocabulary?: readonly string[],
): ReplyDraft {
  let text = '';
  let shown = '';
  const show = (next: string) => {
    if (next === shown) return;
    shown = next;
    listener(next);
  };
  return {
    delta(d) {
      text += d;
      show(visibleDraft(text, language, vocabulary));
    },
    reset() {
      text = '';
      show('');
    },
  };
}
