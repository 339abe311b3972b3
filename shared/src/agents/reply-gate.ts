// The reply gate: what a model wrote is checked before it can reach a customer. A weak or broken model
// (a tiny one, a random-weight one, a wrong chat template) writes tool-call markup, JSON fragments,
// another language, endless text, token soup or citations of sources it was never given. Any of these
// fails the gate, and the reply falls back to the offline answer or a hand-off (roles/respond.ts), with
// the reason in the activity log. The checks hold for any model and any knowledge base: no word lists.
import { statesAmount } from '../catalog/quote-check';
import { inventedFigures, type QuoteFigures } from '../catalog/quote-figures';
import { citationNumbers } from './citations';

export type GateFailure =
  'empty' | 'markup' | 'too-long' | 'cut-off' | 'citation' | 'language' | 'gibberish' | 'quote';

/** `text`: the reply to send instead when its cut last sentence was dropped (see `wholeSentences`). */
export type GateVerdict = { ok: true; text?: string } | { ok: false; failure: GateFailure; reason: string };

export type GateInput = {
  text: string;
  /** The conversation's language. */
  language: 'ru' | 'en';
  /** How many knowledge passages the model was given (citations are `[1]`..`[n]`). */
  sources: number;
  /** The model's finish reason: `length` means it was cut off at max_tokens. */
  finishReason?: string;
  maxChars?: number;
  /** A text still being written (a draft): its end is not judged. */
  partial?: boolean;
  /** The total the catalog's `quote` computed for the question: the reply must state it. */
  quoteTotal?: number;
  /**
   * The figures of the quotes computed for the answer (quote-figures.ts): the reply states no money
   * amount or percentage besides these, and no card or account number.
   */
  quoteFigures?: QuoteFigures;
};

/** A customer-facing answer is a chat message: a few paragraphs at most. */
export const REPLY_MAX_CHARS = 2_000;

/**
 * Tool-call and chat-template markup (Qwen/Hermes `<tool_call>`, ChatML `<|im_start|>`, Llama
 * `<|eot_id|>`, Mistral `[TOOL_CALLS]`, function tags), and JSON: a reply that is or holds an object
 * with quoted keys, or a fenced JSON block.
 */
const markup = [
  /<\/?\s*(tool_call|tool_response|tools|function_call|function|functions|arguments|think)\b[^>]*>/i,
  /<\|[a-z_]{2,30}\|>/i,
  /\[\/?(TOOL_CALLS|TOOL_RESULTS|INST|AVAILABLE_TOOLS)\]/,
  /^\s*(\{|\[\s*[{"\]])/,
  /\{\s*"[^"\n]{1,60}"\s*:/,
  /```\s*json/i,
  /"(name|arguments|parameters|function|tool_calls?)"\s*:/,
];

const cyrillic = /\p{Script=Cyrillic}/u;
const latin = /\p{Script=Latin}/u;
const letter = /\p{L}/u;

function letterCounts(text: string): { cyr: number; lat: number; other: number; all: number } {
  let cyr = 0;
  let lat = 0;
  let other = 0;
  for (const ch of text) {
    if (!letter.test(ch)) continue;
    if (cyrillic.test(ch)) cyr++;
    else if (latin.test(ch)) lat++;
    else other++;
  }
  return { cyr, lat, other, all: cyr + lat + other };
}

/** Links and e-mail addresses are not prose, but fine in a reply. */
const withoutLinks = (text: string) => text.replace(/\bhttps?:\/\/\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');

const vowels = /[aeiouyаеёиоуыэюя]/i;

/**
 * Token soup: letters of scripts other than Latin and Cyrillic, identifiers (`camelCase`,
 * `snake_case`, `a.b`), words without vowels, one word repeated over and over, or nothing but symbols.
 */
function gibberish(text: string, counts: ReturnType<typeof letterCounts>): string | undefined {
  if (counts.all === 0) return 'no words';
  if (counts.other / counts.all > 0.05) {
    return `${Math.round((counts.other / counts.all) * 100)}% of the letters are in scripts other than Latin and Cyrillic`;
  }
  const symbols = [...text].filter((c) => !/[\p{L}\p{N}\s.,!?;:'"«»()\-–—…%₽$€/+№[\]]/u.test(c)).length;
  if (symbols / [...text].length > 0.08) return 'too many symbols for prose';
  const tokens = withoutLinks(text).split(/\s+/).filter(Boolean);
  const words = tokens
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return 'no words';
  const identifier = (w: string) =>
    /\p{Ll}\p{Lu}/u.test(w) || /[_<>{}=\\|#@^~`]/.test(w) || /\p{L}\.\p{L}/u.test(w);
  const odd = words.filter(
    (w) =>
      identifier(w) ||
      (w.length >= 5 && /^\p{L}+$/u.test(w) && !vowels.test(w)) ||
      w.length > 24 ||
      (/\p{L}/u.test(w) && /\d/.test(w) && !/^\d+\p{L}{1,3}$/u.test(w)),
  );
  if (words.length >= 4 && odd.length / words.length > 0.2) {
    return `${odd.length} of ${words.length} words look like identifiers or noise (${odd.slice(0, 3).join(', ')})`;
  }
  if (words.length >= 12) {
    const freq = new Map<string, number>();
    for (const w of words) if (w.length >= 3) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
    const [top, n] = [...freq.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (n / words.length > 0.25) return `'${top}' is ${n} of ${words.length} words`;
  }
  if (/(.{2,30}?)\1{3,}/su.test(text.replace(/\s+/g, ' '))) return 'the same text repeated';
  return undefined;
}

/** The reply's language: its letters are mostly of the conversation's script. */
function wrongLanguage(language: 'ru' | 'en', counts: ReturnType<typeof letterCounts>): string | undefined {
  if (counts.all < 8) return undefined;
  // Russian replies name products, brands and e-mails in Latin letters; English ones rarely need Cyrillic.
  if (language === 'ru' && counts.cyr / counts.all < 0.3) {
    return `the conversation is in Russian, the reply is ${Math.round((counts.cyr / counts.all) * 100)}% Cyrillic`;
  }
  if (language === 'en' && counts.lat / counts.all < 0.7) {
    return `the conversation is in English, the reply is ${Math.round((counts.lat / counts.all) * 100)}% Latin`;
  }
  return undefined;
}

/**
 * A sentence's end: its mark, closing quotes or brackets, citation markers, then the text's end or a
 * space and no lower-case letter ("500 руб. в месяц" goes on).
 */
const sentenceEnd = /[.!?…]+["'»”)\]]*(?:\s*(?:\[[^\]\n]{1,16}\]|【[^】\n]{1,40}】))*(?=\s*$|\s+[^\p{Ll}])/gu;

/**
 * A reply that stops mid-sentence although the model said it was done: its last line ends with a comma,
 * a colon, a dash, an opening bracket or a joining word ("and", "или") instead of a sentence's end.
 */
function looksCut(text: string): boolean {
  const last = text.split('\n').at(-1)!.trim();
  if (/^([-*•]|\d{1,2}[.)])\s/u.test(last)) return false; // a list's item
  return (
    /[,:(«“–—-]$/u.test(last) ||
    /(^|\s)(and|or|but|the|a|an|to|of|for|with|in|on|и|или|но|а|в|на|с|по|для|к|от|что|также)$/iu.test(last)
  );
}

/**
 * The reply up to its last whole sentence ('' when no sentence is whole): what is sent when the model
 * was cut off at max_tokens or stopped mid-sentence, instead of a sentence cut in the middle.
 */
export function wholeSentences(text: string): string {
  let end = 0;
  for (const m of text.matchAll(sentenceEnd)) end = m.index + m[0].length;
  const kept = text.slice(0, end).trim();
  return /\p{L}{2}/u.test(kept) ? kept : '';
}

export function checkReply(input: GateInput): GateVerdict {
  let text = input.text.trim();
  const fail = (failure: GateFailure, reason: string): GateVerdict => ({ ok: false, failure, reason });
  if (!text) return fail('empty', 'the model wrote nothing');
  const tag = markup.find((p) => p.test(text));
  if (tag) return fail('markup', `tool-call or JSON markup in the reply (${tag.source.slice(0, 40)})`);
  const max = input.maxChars ?? REPLY_MAX_CHARS;
  if (text.length > max) return fail('too-long', `${text.length} characters (at most ${max})`);
  let trimmed: string | undefined;
  if (input.finishReason === 'length' || (!input.partial && looksCut(text))) {
    trimmed = wholeSentences(text);
    if (!trimmed) {
      return fail(
        'cut-off',
        input.finishReason === 'length'
          ? 'the model was cut off at max_tokens'
          : 'the reply ends in the middle of a sentence',
      );
    }
    text = trimmed;
  }
  const cited = citationNumbers(text);
  const missing = cited.filter((n) => n < 1 || n > input.sources);
  if (missing.length) {
    return fail(
      'citation',
      `cites [${missing[0]}] but was given ${input.sources} source${input.sources === 1 ? '' : 's'}`,
    );
  }
  const counts = letterCounts(withoutLinks(text));
  const noise = gibberish(text, counts);
  if (noise) return fail('gibberish', noise);
  const foreign = wrongLanguage(input.language, counts);
  if (foreign) return fail('language', foreign);
  if (input.quoteTotal !== undefined && !input.partial && !statesAmount(text, input.quoteTotal)) {
    return fail('quote', `the reply does not state the computed total ${input.quoteTotal}`);
  }
  if (input.quoteFigures) {
    const invented = inventedFigures(text, input.quoteFigures);
    if (invented.length) {
      const what = invented.map((f) => (f.kind === 'account' ? 'a card or account number' : `"${f.text}"`));
      return fail(
        'quote',
        `the reply states figures the quote did not compute: ${what.slice(0, 3).join(', ')}`,
      );
    }
  }
  return trimmed ? { ok: true, text: trimmed } : { ok: true };
}
