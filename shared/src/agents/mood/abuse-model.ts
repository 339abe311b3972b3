// The small linear abuse model of Russian customer messages (issue 62): logistic regression over hashed
// features of the normalised text (normalise.ts undoes disguised spellings first): character 2–4-grams,
// word unigrams, what the word lexicon (abuse.ts) found, and the word classes of abuse-cues.ts. It is
// trained by train/train.ts on the tuning part of ../shared/data/toxicity/ru-vk-comments.jsonl only
// (`npm run train:mood`); its weights ship as abuse-model-ru.weights.ts (int8, base64) and are decoded once,
// on first use.
import { findAbuse, type AbuseHit } from './abuse';
import { cueNames } from './abuse-cues';
import { tokenise } from './normalise';
import { abuseModelRu } from './abuse-model-ru.weights';

export type AbuseModelWeights = {
  /** log2 of the hashed feature space. */
  bits: number;
  /** int8 weights, base64; weight = byte * scale. */
  weights: string;
  scale: number;
  bias: number;
  /** Probability at or above which a message is abusive (chosen by cross-validation on the tuning part). */
  threshold: number;
  meta: Record<string, string | number>;
};

/** The longest character n-gram read (2–4: 5-grams added nothing out of fold on the tuning part). */
const MAX_GRAM = 4;
/**
 * The value of each lexicon and word-class feature beside the L2-normalised text block. 2 with MAX_GRAM 4:
 * out-of-fold on the tuning part (8 × 5-fold), the model alone's recall at P 0.90 0.42 -> 0.47, AP
 * 0.778 -> 0.782.
 */
const LEXICON_WEIGHT = 2;

/** FNV-1a (32 bit) of a feature name. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A rude word written in disguise: digits, symbols or Latin look-alikes inside a Cyrillic word. */
const disguised = (raw: string) =>
  /[а-яё]/i.test(raw) && /[a-z0-9*@$]/i.test(raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));

/** A reply's address ("[id123|Имя], ...") says who is spoken to, not what is said. */
const address = /\[id\d+\|[^\]]*\],?/g;

/** A title in quotes («Идиот», "Бешеные псы") names a book, a film or a product, not the reader. */
const title = /[«"“]\p{Lu}[^»"”\n]{0,60}[»"”]/gu;
/** The text the model reads: without a reply's address and titles in quotes. */
const body = (text: string) => text.replace(address, ' ').replace(title, ' ');
/** The message's words (with a letter), without a reply's address and titles. */
const words = (text: string) => tokenise(body(text)).filter((t) => /\p{L}/u.test(t.norm));

/** The text's n-gram and word feature names, and the lexicon's (weighted apart, see `featurise`). */
export function featureNames(text: string, found: AbuseHit[]): { text: string[]; lexicon: string[] } {
  const reply = address.test(text);
  address.lastIndex = 0;
  const tokens = words(text);
  // The lexicon's words inside a title say nothing of the writer.
  const titled = new Set(tokenise((text.match(title) ?? []).join(' ')).map((t) => t.raw.trim()));
  const hits = titled.size ? found.filter((h) => !titled.has(h.term)) : found;
  const out: string[] = [];
  for (const t of tokens) {
    out.push(`w:${t.collapsed}`);
    const w = ` ${t.collapsed} `;
    for (let n = 2; n <= MAX_GRAM; n++)
      for (let i = 0; i + n <= w.length; i++) out.push(`c:${w.slice(i, i + n)}`);
  }
  const lexicon = hits.flatMap((h) => [`lex:${h.severity}`, `lexw:${h.form}`]);
  // Words with a harmless sense too, found without the person beside them that the lexicon asks for.
  const seen = new Set(hits.map((h) => h.form));
  for (const h of findAbuse(body(text), undefined, true))
    if (!seen.has(h.form)) lexicon.push('lex:ambiguous', `lexa:${h.form}`);
  if (hits.length === 0) lexicon.push('lex:none');
  if (tokens.some((t) => disguised(t.raw))) lexicon.push('disguised');
  if (reply) lexicon.push('reply');
  lexicon.push(...cueNames(tokens.map((t) => t.collapsed)));
  if (
    tokens.some((t) => /^(?:ты|тебя|тебе|тобой|твой|твоя|твое|твои|вы|вас|вам|ваш|ваша|ваши)$/.test(t.norm))
  )
    lexicon.push('you');
  return { text: out, lexicon };
}

/**
 * Sparse feature vector: hashed indices and values (the text block L2-normalised, the lexicon's at
 * LEXICON_WEIGHT), and whether the message is a few words that call names (abuse-cues.ts `bareInsult`: abuse
 * whatever the model says).
 */
export function featurise(
  text: string,
  hits: AbuseHit[],
  bits: number,
): { idx: number[]; val: number[]; bare: boolean } {
  const mask = (1 << bits) - 1;
  const f = featureNames(text, hits);
  const idx = [...new Set(f.text.map((n) => hash(n) & mask))];
  const val = idx.map(() => 1 / Math.sqrt(idx.length));
  for (const n of new Set(f.lexicon)) {
    idx.push(hash(n) & mask);
    val.push(LEXICON_WEIGHT);
  }
  return { idx, val, bare: f.lexicon.includes('cue:bare-insult') };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export type AbuseModel = { bits: number; w: Float32Array; bias: number; threshold: number };

export function decodeModel(m: AbuseModelWeights): AbuseModel {
  const bytes = Uint8Array.from(atob(m.weights), (c) => c.charCodeAt(0));
  const w = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) w[i] = ((bytes[i]! << 24) >> 24) * m.scale;
  return { bits: m.bits, w, bias: m.bias, threshold: m.threshold };
}

function score(model: AbuseModel, text: string, hits: AbuseHit[]): { p: number; bare: boolean } {
  const { idx, val, bare } = featurise(text, hits, model.bits);
  let z = model.bias;
  idx.forEach((i, k) => (z += model.w[i]! * val[k]!));
  return { p: sigmoid(z), bare };
}

export const probability = (model: AbuseModel, text: string, hits: AbuseHit[]) => score(model, text, hits).p;

let shipped: AbuseModel | undefined;
/**
 * The shipped Russian model's probability that a message is abusive, and its verdict (at the threshold, or a
 * few words that call names), or undefined for a text without Cyrillic.
 */
export function abuseProbabilityRu(
  text: string,
  hits: AbuseHit[],
): { p: number; abusive: boolean } | undefined {
  if (!/[а-яё]/i.test(text)) return undefined;
  shipped ??= decodeModel(abuseModelRu satisfies AbuseModelWeights);
  const { p, bare } = score(shipped, text, hits);
  return { p, abusive: p >= shipped.threshold || bare };
}
