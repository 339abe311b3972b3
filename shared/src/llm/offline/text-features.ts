// Tokens and features for the offline classifier, for Russian and English: lower-cased words with a
// light suffix stemmer, word bigrams, and character n-grams inside words (robust to inflection and typos).

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const ruEndings = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ость',
  'ости',
  'ение',
  'ения',
  'ться',
  'тся',
  'ешь',
  'ете',
  'ите',
  'ать',
  'ять',
  'ить',
  'еть',
  'ой',
  'ей',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ие',
  'ые',
  'ую',
  'юю',
  'ом',
  'ем',
  'ам',
  'ям',
  'ах',
  'ях',
  'ов',
  'ев',
  'ию',
  'ия',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
];
const enEndings = ['ing', 'ed', 'es', 's', 'ly'];

export function stem(word: string): string {
  if (/[а-я]/.test(word)) {
    if (word.length <= 4) return word;
    for (const e of ruEndings)
      if (word.endsWith(e) && word.length - e.length >= 3) return word.slice(0, -e.length);
    return word;
  }
  if (word.length <= 4) return word;
  for (const e of enEndings)
    if (word.endsWith(e) && word.length - e.length >= 3) return word.slice(0, -e.length);
  return word;
}

export function words(text: string): string[] {
  return (text.toLowerCase().replaceAll('ё', 'е').match(wordPattern) ?? []).map((w) =>
    w.replace(/['’]/g, ''),
  );
}

export type FeatureOptions = {
  charNgrams?: [number, number];
  bigrams?: boolean;
  /** A word's stem (default: the light suffix stemmer above). */
  stemmer?: (word: string) => string;
  /** Features of the whole text beside the words' (e.g. what an extractor found), each counted once. */
  extra?: (text: string) => readonly string[];
};

/** Sparse features with counts: `w:<stem>`, `b:<stem>_<stem>`, `c:<ngram>`. */
export function features(text: string, options: FeatureOptions = {}): Map<string, number> {
  const [minN, maxN] = options.charNgrams ?? [3, 5];
  const out = new Map<string, number>();
  const add = (f: string, w = 1) => out.set(f, (out.get(f) ?? 0) + w);
  const ws = words(text);
  const stemmer = options.stemmer ?? stem;
  const stems = ws.map((w) => stemmer(w));
  stems.forEach((s, i) => {
    add(`w:${s}`);
    if (options.bigrams !== false && i > 0) add(`b:${stems[i - 1]}_${s}`);
  });
  for (const w of ws) {
    const padded = `<${w}>`;
    for (let n = minN; n <= maxN; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`, 0.5);
    }
  }
  for (const f of options.extra?.(text) ?? []) add(`x:${f}`);
  if (ws.length === 0) add('empty');
  return out;
}

export function detectLanguage(text: string): 'ru' | 'en' {
  const cyr = (text.match(/[а-яё]/gi) ?? []).length;
  const lat = (text.match(/[a-z]/gi) ?? []).length;
  return cyr >= lat && cyr > 0 ? 'ru' : 'en';
}

/**
 * Whether a message speaks of a meeting, a call or a demo: a date in a message that does not ("my
 * flight tomorrow was cancelled, can I get on another one?") books nothing.
 */
export function speaksOfMeeting(text: string): boolean {
  return /(meet|call|demo|appointment|zoom|video|consult|schedule|встреч|созвон|звон|демо|показ|презентац|консультац|видео|зум)/iu.test(
    text,
  );
}
