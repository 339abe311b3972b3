// Finding the team's products in what a customer writes, in Russian or English: by the main name, the
// localized names and the SKU, case and inflection tolerant ("Widget Pro", "виджет про", "WP-1",
// "виджета про"). An index built once per catalog (a word key -> the names it starts or appears in)
// keeps a lookup over 10,000 products to the few names that share a word with the text.
import type { ProductDoc } from '../schemas/products';
import { distance } from '../reading/numbers';
import { numeral } from '../reading/numerals';
import { compactSku, englishSingular, latinOf, tokenize, wordKey, type Token } from './text-keys';
import { measureOf, unitWordAt } from './units';

/**
 * One way a product is named: its words as keys, as written (lower case), and whether each is an
 * acronym written in capitals in the name ("DJ", "LED", "TV").
 */
type Variant = {
  product: number;
  keys: string[];
  raws: string[];
  caps: boolean[];
  /** Whether the name itself has a comma, bracket or such before each word ("Кресло Ergo (чёрное)"). */
  breaks?: boolean[];
  /** A name said as one word (univerbation: «визитка» for «Визитная карточка»): its stem, to check. */
  colloquial?: string;
};

/** A word written in capitals in a name, 2 to 5 letters: "DJ", "PA", "TV", "LED", "VR", «ТВ». */
const acronym = (written: string) => /^\p{Lu}{2,5}$/u.test(written);

export type CatalogIndex = {
  readonly products: readonly ProductDoc[];
  /** word key -> variants containing it */
  readonly byKey: ReadonlyMap<string, Variant[]>;
  /** compact SKU -> product places */
  readonly bySku: ReadonlyMap<string, number[]>;
  /** A service's name word's derivational stem -> product places ("lamin" of "Lamination"). */
  readonly byStem: ReadonlyMap<string, number[]>;
};

export type ProductMention = {
  product: ProductDoc;
  /** Where in the text the product is named (offsets in the text as given). */
  start: number;
  end: number;
  /** 'partial': a word of the name that no other product's name has ("chairs" for "Ergo Chair"). */
  via: 'sku' | 'name' | 'partial';
  /**
   * A service named by a derived word of its name (partial only): 'process', its verb or participle
   * ("laminated", «заламинировать»); 'agent', who does it ("designer", «дизайнера»).
   */
  derived?: 'process' | 'agent';
};

export type ProductMatch = { product: ProductDoc; score: number; via: 'sku' | 'name' };

/** Whether the product is on offer (retired products stay for old quotes, not for new ones). */
export const offered = (p: ProductDoc): boolean => p.active !== false && p.availability !== 'unavailable';

function namesOf(p: ProductDoc): string[] {
  return [...new Set([p.name, p.names?.ru, p.names?.en].filter((n): n is string => !!n?.trim()))];
}

const cache = new WeakMap<readonly ProductDoc[], CatalogIndex>();

/** The index of a catalog (cached per array: build it once and pass the same array). */
export function catalogIndex(products: readonly ProductDoc[]): CatalogIndex {
  const known = cache.get(products);
  if (known) return known;
  const byKey = new Map<string, Variant[]>();
  const bySku = new Map<string, number[]>();
  const byStem = new Map<string, number[]>();
  const add = (variant: Variant) => {
    for (const key of new Set(variant.keys)) {
      const list = byKey.get(key);
      if (list) list.push(variant);
      else byKey.set(key, [variant]);
    }
  };
  products.forEach((p, i) => {
    const sku = compactSku(p.sku);
    if (sku) bySku.set(sku, [...(bySku.get(sku) ?? []), i]);
    for (const name of namesOf(p)) {
      const tokens = tokenize(name);
      if (tokens.length === 0) continue;
      const variant = {
        product: i,
        keys: tokens.map((t) => t.key),
        raws: tokens.map((t) => t.raw),
        caps: tokens.map((t) => acronym(name.slice(t.start, t.end))),
        breaks: tokens.map((t, j) => j > 0 && nameBreak.test(name.slice(tokens[j - 1]!.end, t.start))),
      };
      add(variant);
      const one = univerbation(tokens.map((t) => t.raw));
      if (one)
        add({ product: i, keys: [wordKey(`${one}а`)], raws: [`${one}а`], caps: [false], colloquial: one });
      if (p.kind === 'service' || ['hour', 'day'].includes(measureOf(p)))
        tokens.forEach((t, at) => {
          if (
            !headWord(
              tokens.map((x) => x.raw),
              at,
            ) ||
            stopWords.has(t.raw) ||
            generic.has(t.raw)
          )
            return;
          const stem = derivedStem(t.raw);
          if (stem.length < 5) return;
          const list = byStem.get(stem) ?? [];
          if (!list.includes(i)) byStem.set(stem, [...list, i]);
        });
    }
  });
  // Agent nouns ("designer", «дизайнера») stand for a service hired by time only.
  timed.set(byStem, new Set(products.flatMap((p, i) => (['hour', 'day'].includes(measureOf(p)) ? [i] : []))));
  const index = { products, byKey, bySku, byStem };
  cache.set(products, index);
  return index;
}

const indexOf = (catalog: readonly ProductDoc[] | CatalogIndex): CatalogIndex =>
  'byKey' in catalog ? catalog : catalogIndex(catalog);

type Placed = ProductMention & { place: number };

/** SKUs written as one to three words ("WP-1", "WP 1", "wp1"). */
function skuMentions(index: CatalogIndex, tokens: Token[], text: string): Placed[] {
  const out: Placed[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
      if (j > i && !/^[\s\-_./]{0,2}$/u.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      joined += tokens[j]!.raw;
      for (const place of index.bySku.get(joined) ?? []) {
        out.push({
          place,
          product: index.products[place]!,
          start: tokens[i]!.start,
          end: tokens[j]!.end,
          via: 'sku',
        });
      }
    }
  }
  return out;
}

/** A name's cardinal written in digits ("Кронштейн для двух мониторов", "кронштейн для 2 мониторов"). */
function sameNumber(nameWord: string, written: string): boolean {
  if (!/^\d{1,4}$/u.test(written)) return false;
  const n = numeral(nameWord);
  return !!n && ['unit', 'teen', 'ten', 'hundreds'].includes(n.kind) && String(n.value) === written;
}

/** Between two words of one name: no comma, colon, semicolon, bracket or sentence's end ("tyres, fitting"). */
const nameBreak = /[,;:()!?\n]|\.[\s\u00a0]/u;
const nameAnd = new Set(['and', 'и']);

/**
 * Where the name `v` ends when it starts at token `i` (the last token's place), if it does: its words one
 * after another, no break between; its "and", «и» may be written "&" or "+" ("Fitting & Balancing").
 */
function nameAt(v: Variant, tokens: readonly Token[], i: number, text: string): number | undefined {
  let t = i;
  for (let j = 0; j < v.keys.length; j++) {
    const gap = t > i && t < tokens.length ? text.slice(tokens[t - 1]!.end, tokens[t]!.start) : '';
    if (j > 0 && nameAnd.has(v.raws[j]!) && /[&+]/u.test(gap) && tokens[t]!.key !== v.keys[j]) continue;
    const token = tokens[t];
    if (!token || !(token.key === v.keys[j] || sameNumber(v.raws[j]!, token.raw))) return undefined;
    if (t > i && nameBreak.test(gap) && !v.breaks?.[j]) return undefined;
    t++;
  }
  return t - 1;
}

/** Names whose words all appear in the text one after another (in any of the name's languages). */
function nameMentions(index: CatalogIndex, tokens: Token[], text: string): ProductMention[] {
  const out: ProductMention[] = [];
  const seen = new Set<Variant>();
  for (const t of tokens) {
    for (const v of index.byKey.get(t.key) ?? []) {
      if (seen.has(v)) continue;
      seen.add(v);
      for (let i = 0; i < tokens.length; i++) {
        if (v.colloquial && !colloquialForm(v.colloquial, tokens[i]!.raw)) continue;
        const at = nameAt(v, tokens, i, text);
        if (at !== undefined) {
          const last = tokens[at]!;
          out.push({
            product: index.products[v.product]!,
            start: tokens[i]!.start,
            end: last.end,
            via: 'name',
          });
        }
      }
    }
  }
  return out;
}

/**
 * The products a text names, in the order written, each once; a longer name wins over one inside it
 * ("Widget Pro" over "Widget"). Only products on offer.
 */
export function productMentions(
  text: string,
  catalog: readonly ProductDoc[] | CatalogIndex,
  options: { partial?: boolean } = {},
): ProductMention[] {
  const index = indexOf(catalog);
  const tokens = tokenize(text).map((t) => spelledRight(index, t));
  const full = [...skuMentions(index, tokens, text), ...nameMentions(index, tokens, text)];
  const partial = options.partial
    ? attributesLeftOut(index, partialMentions(index, tokens, text), full, tokens, text)
    : [];
  const all = [...full, ...partial.filter((p) => !full.some((f) => f.product.id === p.product.id))]
    .filter((m) => offered(m.product))
    .map(({ product, start, end, via, derived }) => ({
      product,
      start,
      end,
      via,
      ...(derived ? { derived } : {}),
    }))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: ProductMention[] = [];
  for (const m of all) {
    const overlaps = kept.some((k) => m.start < k.end && k.start < m.end);
    if (!overlaps && !kept.some((k) => k.product.id === m.product.id)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** A catalog's name words by their first letter, for the typo check (cached per index). */
const wordsByLetter = new WeakMap<CatalogIndex, Map<string, Array<{ raw: string; key: string }>>>();

function nameWords(index: CatalogIndex): Map<string, Array<{ raw: string; key: string }>> {
  let known = wordsByLetter.get(index);
  if (known) return known;
  known = new Map();
  const seen = new Set<string>();
  for (const variants of index.byKey.values())
    for (const v of variants)
      v.raws.forEach((raw, i) => {
        if (raw.length < 4 || seen.has(raw)) return;
        seen.add(raw);
        const list = known!.get(raw[0]!) ?? [];
        list.push({ raw, key: v.keys[i]! });
        known!.set(raw[0]!, list);
      });
  wordsByLetter.set(index, known);
  return known;
}

const sorted = (w: string) => [...w].sort().join('');

/**
 * A word no name has, one edit (a letter missed, added, changed or two swapped; two in words of 9
 * letters or more) from a name's word of 5 letters or more with the same first letter (of 4: two
 * letters swapped), counts as that
 * word: "Dekss", "Standng", "moniter", "крессел". Its plural or case ending is cut first.
 */
function spelledRight(index: CatalogIndex, t: Token): Token {
  if (t.raw.length < 5 || index.byKey.has(t.key) || /\d/.test(t.raw) || numeral(t.raw)) return t;
  const stems = [t.raw, t.raw.replace(/(?:es|s|ов|ей|ам|ами|ах|а|ы|и|у|ом|е)$/u, '')];
  for (const w of nameWords(index).get(t.raw[0]!) ?? []) {
    const max = w.raw.length >= 9 ? 2 : 1;
    // A word of four letters: only two of its letters swapped ("deks").
    const fits = (stem: string) => (w.raw.length === 4 ? sorted(stem) === sorted(w.raw) : stem.length >= 4);
    if (stems.some((stem) => fits(stem) && distance(stem, w.raw, max) <= max)) return { ...t, key: w.key };
  }
  return t;
}

/**
 * Name words too general to name a product alone, and not needed beside the name's other words: a
 * generic head ("Service" of "DJ Service", «Услуги» of «Услуги диджея», "Rental", «Аренда», «Прокат»)
 * leaves the word before it as the name's head.
 */
const generic = new Set(
  [
    'service services product products item items model version plan tariff rental rentals hire',
    'услуга услуги услуг услугу услугой услугами товар товары модель версия план тариф',
    'аренда аренды аренду арендой прокат проката прокату прокатом',
  ]
    .join(' ')
    .split(' '),
);

/** Generic heads of services a name's word before them stands for ("DJ Service", "Tent Rental", "Van Hire"). */
const serviceHeads = new Set('service services rental rentals hire'.split(' '));

/**
 * Words never taken as a product's word alone, however a name writes them: function words and units
 * ("it" of "IT Support", «по» of «ПО»), which a customer writes in every sentence.
 */
const stopWords = new Set(
  [
    'a an the of for to in on at by it is be as or and we us me my do go no so up if am are was our you',
    'your he she they them this that with from per all any can may will not how much many what who why',
    'its out off via vs ok hi one pc pcs kg m sq h hr hrs min day days',
    'и в во на с со по за от до из к ко у о об не ни да но а мы вы он она оно они я ты это как так же ли',
    'бы то все всё уже еще ещё для при без под над про шт кг м ч час дн мин',
  ]
    .join(' ')
    .split(' '),
);

const cyrillicWord = /[\u0400-\u04ff]/u;
const namePreposition = /^(?:для|с|со|на|из|под|без|от|к|по|в|во|of|for|with)$/u;

/**
 * Whether the name's word `i` names the product alone: the head noun, not a word that qualifies it
 * ("10 monitors" is no "Dual Monitor Arm", "столы для переговоров" no "Стол с подъёмом"). A Latin
 * name's last word (before sizes: "Storage" of "Extra Storage 100 GB"); a Cyrillic name's words not
 * after a preposition of the name, and a Latin brand in it ("Ergo" of "Кресло Ergo").
 */
function headWord(raws: readonly string[], i: number): boolean {
  if (!raws.some((r) => cyrillicWord.test(r))) {
    // The last word that is a word: "storage" of "Extra Storage 100 GB" (not a size or its unit), and
    // not a service's generic head: "dj" of "DJ Service". A plan's or a model's head stays: "team" of
    // "Team plan" is everyone's word ("for my team"), not the plan's.
    let last = raws.length - 1;
    while (
      last > 0 &&
      (/\d/.test(raws[last]!) ||
        serviceHeads.has(raws[last]!) ||
        (raws[last]!.length <= 2 && /\d/.test(raws[last - 1]!)))
    )
      last--;
    // Two heads joined by "and" ("Fitting" of "Tyre Fitting and Balancing"): each names the service.
    return i === last || (i + 2 === last && raws[i + 1] === 'and' && !/\d/u.test(raws[i]!));
  }
  if (!cyrillicWord.test(raws[i]!)) return true;
  return !raws.slice(0, i).some((r) => namePreposition.test(r));
}

/**
 * Two spellings of one word begin alike ("chairs", "chair"; "кресел", "кресло"; "эрго", "ergo"): a key
 * of sounds alone also meets other words ("tell" and "dual" both sound "tl").
 */
const sameStart = (a: string, b: string) => latinOf(a).slice(0, 2) === latinOf(b).slice(0, 2);

/**
 * Whether the text's word `t` is the name's word `i`: the same key, beginning alike; a word of 2 or 3
 * letters ("DJ", "TV", «ТВ») only as the name writes it, or its plural ("DJs", "boxes").
 */
function sameWord(v: Variant, i: number, t: Token): boolean {
  const raw = v.raws[i]!;
  if (v.keys[i] !== t.key) return t.raw === `${raw}s` && raw.length < 4;
  // "boxes" of "Box": a short Latin word's "-es" plural too.
  if (t.raw.length < 4 || raw.length < 4)
    return (
      t.raw === raw || t.raw === `${raw}s` || (latinWordPattern.test(raw) && englishSingular(t.raw) === raw)
    );
  // Two English words are compared as spelt, not by their sounds: "month" is not "mount", though both
  // sound "mnt"; one letter apart still meets ("colour", "color"; typos are mapped before this).
  if (latinWordPattern.test(raw) && latinWordPattern.test(t.raw)) {
    const [a, b] = [englishSingular(raw), englishSingular(t.raw)];
    return a === b || distance(a, b, 1) <= 1;
  }
  return sameStart(raw, t.raw);
}

const latinWordPattern = /^[a-z]+$/u;

/**
 * Words of one product's names that no other product's name has ("chairs" for "Ergo Chair", "кресел"
 * for "Кресло Ergo", "DJ" for "DJ Service"), 2 letters or more, not a numeral ("двух" of "Кронштейн
 * для двух мониторов"), not a function word or a generic head ("service"), runs of them as one
 * mention; a name's words written apart. A name's head word counts (headWord); so does an acronym
 * the name writes in capitals anywhere in it ("LED" of "LED Screen"), unless the text's next word
 * is another noun it qualifies ("LED lamps").
 */
function partialMentions(index: CatalogIndex, tokens: Token[], text: string): ProductMention[] {
  const out: ProductMention[] = [];
  let run: ProductMention | undefined;
  const byDistinct = new Set<ProductMention>();
  tokens.forEach((t, at) => {
    const usable =
      t.raw.length >= 2 &&
      !/\d/.test(t.raw) &&
      !generic.has(t.raw) &&
      !stopWords.has(t.raw) &&
      !numeral(t.raw);
    // An acronym's plural has its own key ("djs"): the singular's is looked up.
    const plural = /^\p{L}{2,3}s$/u.test(t.raw) ? index.byKey.get(wordKey(t.raw.slice(0, -1))) : undefined;
    const candidates = usable ? (index.byKey.get(t.key) ?? plural) : undefined;
    // An acronym ("VR", "CRM") counts anywhere in a name unless it qualifies the next word ("VR
    // goggles"); as a Latin name's head ("DJ" of "DJ Service") as any head word does.
    const counts = (v: Variant, i: number) =>
      v.caps[i] && v.raws.some((r) => cyrillicWord.test(r))
        ? !qualifies(index, v, tokens, at, text)
        : headWord(v.raws, i) || (v.caps[i] && !qualifies(index, v, tokens, at, text));
    const named = candidates?.filter((v) => v.keys.some((_, i) => sameWord(v, i, t) && counts(v, i)));
    // A distinctive word of a name ("pet hotel"), only when no word of the message names a product.
    const distinct = named?.length
      ? undefined
      : candidates?.filter((v) =>
          v.keys.some((_, i) => sameWord(v, i, t) && distinctiveWord(index, v, i, tokens, at)),
        );
    const variants = named?.length ? named : distinct;
    const places = new Set(variants?.map((v) => v.product));
    const derived = places.size === 0 && usable ? derivedPlaces(index, t.raw) : [];
    derived.forEach((p) => places.add(p));
    const place = places.size === 1 ? [...places][0]! : undefined;
    if (place === undefined) {
      run = undefined;
      return;
    }
    const product = index.products[place]!;
    // «ул. Садовая 17», «на Лесной улице»: a street's name, not a product's word.
    if (
      /^\p{Lu}/u.test(t.raw.length ? text.slice(t.start, t.end) : '') &&
      (/(?:^|[^\p{L}])(?:ул\.?|улиц\p{L}*|просп\p{L}*|пр-т|пер\.|переул\p{L}*|шоссе|бул\p{L}*|б-р|наб\.)[\s\u00a0]*$/iu.test(
        text.slice(Math.max(0, t.start - 12), t.start),
      ) ||
        /^[\s\u00a0]+(?:улиц\p{L}*|ул\.)/iu.test(text.slice(t.end, t.end + 8)))
    ) {
      run = undefined;
      return;
    }
    if (
      !derived.length &&
      !(run && run.product === product) &&
      otherObject(index, product, tokens, at, text)
    ) {
      run = undefined;
      return;
    }
    if (run && run.product === product && /^[\s-]*$/u.test(text.slice(run.end, t.start))) {
      run.end = t.end;
      return;
    }
    run = {
      product,
      start: t.start,
      end: t.end,
      via: 'partial',
      ...(derived.length
        ? { derived: agentSuffix.test(t.raw) ? ('agent' as const) : ('process' as const) }
        : {}),
    };
    if (distinct?.length) byDistinct.add(run);
    out.push(run);
  });
  for (const m of out) joinedProcess(m, text);
  // "a dozen tyres, the studded winter ones": the product named by its own word elsewhere is that mention.
  return out.filter(
    (m) => !byDistinct.has(m) || !out.some((o) => o.product === m.product && !byDistinct.has(o)),
  );
}

/** A Russian verbal noun a service's name starts with: «Проживание», «Хранение», «Катание». */
const verbalNoun = /^\p{L}{3,}(?:ние|тие)$/u;

/**
 * A name's word that is not its head but no other product's name has, naming the product when the
 * message says it as the name does (issue 61, quotes10): a Latin name's word right after the name's word
 * before it ("pet hotel" for "Pet Hotel Stay", "pet taxi" for "Pet Taxi Ride"; not "hotel" alone); a
 * Russian name's noun after its preposition when the words before are verbal nouns only («зоогостиница»,
 * «в зоогостинице» for «Проживание в зоогостинице»). Never a word of 3 letters or fewer.
 */
function distinctiveWord(
  index: CatalogIndex,
  v: Variant,
  i: number,
  tokens: readonly Token[],
  at: number,
): boolean {
  const raw = v.raws[i]!;
  if (raw.length < 4 || generic.has(raw) || stopWords.has(raw)) return false;
  const owners = new Set((index.byKey.get(v.keys[i]!) ?? []).map((x) => x.product));
  if (owners.size !== 1) return false;
  if (!v.raws.some((r) => cyrillicWord.test(r))) {
    const prev = tokens[at - 1];
    return i > 0 && prev !== undefined && prev.key === v.keys[i - 1] && !stopWords.has(v.raws[i - 1]!);
  }
  const p = v.raws.findIndex((r) => namePreposition.test(r));
  return (
    p > 0 &&
    i === p + 1 &&
    i === v.raws.length - 1 &&
    v.raws.slice(0, p).every((r) => verbalNoun.test(r)) &&
    !adjectiveEnd.test(raw)
  );
}

const adjectiveEnd = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю)$/u;

/**
 * A service named by two participles of its name joined by "and", "&" («и»): "fitted & balanced" for
 * "Tyre Fitting and Balancing". The second is found as a derived word; the first, whose stem may be
 * short ("fitt"), is taken with it when it has the stem of another word of the same name.
 */
function joinedProcess(m: ProductMention, text: string): void {
  if (m.derived !== 'process') return;
  const before = /(?<!\p{L})(\p{L}{4,})[\s\u00a0]*(?:&|\+|\band\b|(?<!\p{L})и(?!\p{L}))[\s\u00a0]*$/iu.exec(
    text.slice(Math.max(0, m.start - 40), m.start),
  );
  const word = before?.[1]?.toLowerCase();
  if (!word || !verbForm.test(word)) return;
  const stem = derivedStem(word);
  const names = [m.product.name, m.product.names?.ru, m.product.names?.en].filter((n): n is string => !!n);
  const own = names.flatMap((n) => tokenize(n)).some((t) => t.raw !== word && derivedStem(t.raw) === stem);
  if (stem.length >= 4 && own) m.start -= before![0].length;
}

/**
 * A Russian head noun a product's name shares, followed right away by a noun of its own that names
 * another object, none of the product's name nor description words («Уборка снега с крыши» for
 * «Генеральная уборка квартиры»: snow, not a flat): another service, not this product. Adjectives,
 * function words, numbers and units after it ("уборка 70 квадратов", «уборка квартиры») name nothing
 * else.
 */
function otherObject(
  index: CatalogIndex,
  product: ProductDoc,
  tokens: readonly Token[],
  at: number,
  text: string,
): boolean {
  const t = tokens[at]!;
  const next = tokens[at + 1];
  if (!next || !cyrillicWord.test(t.raw) || !cyrillicWord.test(next.raw) || next.raw.length < 3) return false;
  if (!/^[\s\u00a0]+$/u.test(text.slice(t.end, next.start))) return false;
  if (stopWords.has(next.raw) || namePreposition.test(next.raw) || numeral(next.raw)) return false;
  if (adjectiveEnding.test(next.raw) || /\d/u.test(next.raw) || unitWordAt(text.slice(t.end))) return false;
  // Only a genitive noun's ending («снега», «крыши», «ковров»): not «нужен», «площадью», «сколько».
  if (!/(?:[^аеиоуыэюя][аяыи]|ов|ев|ей)$/u.test(next.raw)) return false;
  const own = [product.name, product.names?.ru, product.names?.en];
  // The head is followed in the product's own name by its object («уборка квартиры», «стрижка
  // газона»); a name's last word («Виниловый баннер», «Аренда стенда») has none to conflict with.
  const withObject = own.some((n) => {
    const words = n ? tokenize(n).filter((w) => cyrillicWord.test(w.raw)) : [];
    const i = words.findIndex((w) => w.key === t.key);
    return i >= 0 && i < words.length - 1 && !namePreposition.test(words[i + 1]!.raw);
  });
  if (!withObject) return false;
  const words = [...own, product.descriptions?.ru, product.descriptions?.en, product.description];
  const keys = new Set(words.flatMap((w) => (w ? tokenize(w).map((x) => x.key) : [])));
  if (keys.has(next.key)) return false;
  // Another product's word after it: that product's part of the message, not another object.
  return !index.byKey.has(next.key);
}

/**
 * Whether the text's word after tokens[at] (only spaces between) is a word that the acronym qualifies:
 * a word with letters, not a function word, not of the same product's names ("LED lamps", not "LED
 * for the stage", "LED, 14 sq m", "LED screen").
 */
function qualifies(
  index: CatalogIndex,
  v: Variant,
  tokens: readonly Token[],
  at: number,
  text: string,
): boolean {
  const next = tokens[at + 1];
  if (!next || !/^[\s\u00a0]+$/u.test(text.slice(tokens[at]!.end, next.start))) return false;
  if (/\d/.test(next.raw) || stopWords.has(next.raw) || numeral(next.raw)) return false;
  return !index.byKey.get(next.key)?.some((o) => o.product === v.product);
}

/**
 * A two-word Russian name of a feminine adjective in «-ная» and a feminine noun, said as one noun in
 * «-ка» (univerbation): «визитная карточка» → «визитка», «зачётная книжка» → «зачётка», «кредитная
 * карта» → «кредитка». The adjective's stem before «н» (4 letters or more) + «к», or none.
 */
function univerbation(raws: readonly string[]): string | undefined {
  if (raws.length !== 2) return undefined;
  const [adjective, noun] = raws as [string, string];
  const m = /^([\u0400-\u04ff]{4,})ная$/u.exec(adjective);
  if (!m || !/^[\u0400-\u04ff]{3,}[ая]$/u.test(noun)) return undefined;
  // «настольная лампа» → «настолка»: the soft sign goes before «к».
  return `${m[1]!.replace(/ь$/u, '')}к`;
}

/** A noun in «-ка» in any case and number: «визитка», «визитки», «визиток», «визиткам». */
function colloquialForm(stem: string, raw: string): boolean {
  if (raw === `${stem.slice(0, -1)}ок`) return true;
  return raw.startsWith(stem) && /^(?:а|и|у|ой|ою|е|ам|ами|ах)$/u.test(raw.slice(stem.length));
}

/** Which byStem's products are sold by time (set when the index is built). */
const timed = new WeakMap<ReadonlyMap<string, number[]>, ReadonlySet<number>>();

/** Derivational suffixes cut to a word's stem: the agent (who does it), then the process, its verb and participles. */
const agentSuffix = /(?:(?:ер|ист)(?:а|у|ом|е|ы|ов|ам|ами|ах)?|(?:er|ist|ator)s?)$/u;
const processSuffix =
  /(?:ирова\p{L}*|иру[юе]\p{L}*|ировк\p{L}*|аци(?:я|и|ю|ей|ям|ях|ями)|ations?|ated|ates|ating|ate|ings?|ed|ions?|ов|ом|ам|ах|ами|а|у|е|ы|и|es|s)$/u;

/**
 * A word's stem with its derivational suffix cut ("lamination", "laminated", "laminate",
 * «ламинирование», «ламинацию» → "lamin"/«ламин»; "designer", «дизайнера» → "design"/«дизайн»).
 */
function derivedStem(raw: string): string {
  const bare = raw.replace(agentSuffix, '');
  return bare !== raw ? bare : raw.replace(processSuffix, '');
}

/**
 * The services a word names by a derived form of a name's head word (same stem of 5 letters or more,
 * a Russian verb's prefix «за-», «от-», «пере-», «до-» aside; one letter off in a stem of 6 or more,
 * same first letter): "laminated", "to laminate", «заламинировать», «ламинацию» for «Ламинирование
 * листа»; an agent noun ("designer", «дизайнера») only for a service sold by the hour or day, a
 * verb or participle ("assembled") only for one that is not.
 */
function derivedPlaces(index: CatalogIndex, raw: string): number[] {
  if (raw.length < 5) return [];
  const agent = agentSuffix.test(raw);
  const stems = [derivedStem(raw)];
  const prefix = /^(?:за|от|пере|до)(?=[\u0400-\u04ff]{5})/u.exec(raw);
  if (prefix) stems.push(derivedStem(raw.slice(prefix[0].length)));
  const found = new Set<number>();
  for (const [stem, places] of index.byStem)
    if (stems.some((s) => s === stem || (s.length >= 6 && s[0] === stem[0] && distance(s, stem, 1) <= 1)))
      places.forEach((p) => found.add(p));
  const byTime = timed.get(index.byStem);
  // A verb or participle ("assembled", «заламинировать») counts the things it is done to: the
  // quantity of a service by the piece; beside a service by time it is no name of it.
  const verb = verbForm.test(raw);
  return [...found].filter((p) => (agent ? byTime?.has(p) : !(verb && byTime?.has(p))));
}

/** A verb's or a participle's ending: "laminated", "laminate", "engraving" aside (a noun too). */
const verbForm =
  /(?:ed|ates?|ating|ировать|ировал\p{L}*|ирован(?:н\p{L}*|а|о|ы)?|иру(?:ю|ем|ет|ют|й)\p{L}*)$/u;

/** A Russian adjective's endings (full forms, every case, gender and number). */
const adjectiveEnding = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ую|юю|ым|им|ыми|ими|ых|их|ей)$/u;

/**
 * Partial mentions that are an adjective qualifying another product's noun, left out: in «5 офисных
 * столов» «офисных» (a word of «Офисное кресло») agrees with «столов» (a word of «Стол с регулировкой
 * высоты»), so the desks are counted, not the chairs. An adjective is a one-word Cyrillic mention with
 * an adjective's ending; the noun is the next word that is none (other adjectives may stand between,
 * nothing else): another product named there, or any name's word its own product's names do not have
 * («офисных кресел» when two products are «кресла»: neither is the adjective's product).
 */
function attributesLeftOut(
  index: CatalogIndex,
  partial: ProductMention[],
  full: readonly ProductMention[],
  tokens: readonly Token[],
  text: string,
): ProductMention[] {
  const mentions = [...full, ...partial];
  const adjective = (t: Token) =>
    cyrillicWord.test(t.raw) && t.raw.length >= 5 && adjectiveEnding.test(t.raw);
  const spaced = (i: number) => /^[\s\u00a0]+$/u.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
  return partial.filter((m) => {
    let i = tokens.findIndex((t) => t.start === m.start && t.end === m.end);
    if (i < 0 || !adjective(tokens[i]!)) return true;
    const own = (key: string) =>
      index.byKey.get(key)?.some((v) => v.product === index.products.indexOf(m.product));
    for (i++; i < tokens.length && spaced(i); i++) {
      const next = tokens[i]!;
      if (mentions.some((o) => o.start === next.start && o.product.id !== m.product.id)) return false;
      // A preposition ends what the word could qualify: «Диджей с 18:00» («-ей» is a noun's too).
      if (namePreposition.test(next.raw) || stopWords.has(next.raw)) return true;
      if (!adjective(next)) return !(index.byKey.has(next.key) && !own(next.key));
    }
    return true;
  });
}

/**
 * Products for a search (the `find_products` tool): best first. An exact SKU scores 1; a name scores
 * by the share of its words the query has and the share of the query's words it has.
 */
export function findProducts(
  query: string,
  catalog: readonly ProductDoc[] | CatalogIndex,
  options: { limit?: number; includeRetired?: boolean } = {},
): ProductMatch[] {
  const index = indexOf(catalog);
  const tokens = tokenize(query);
  const best = new Map<number, ProductMatch>();
  const offer = (place: number, score: number, via: ProductMatch['via']) => {
    const product = index.products[place]!;
    if (!options.includeRetired && !offered(product)) return;
    const known = best.get(place);
    if (!known || known.score < score) best.set(place, { product, score, via });
  };
  for (const m of skuMentions(index, tokens, query)) offer(m.place, 1, 'sku');
  const queryKeys = new Set(tokens.map((t) => t.key));
  const seen = new Set<Variant>();
  for (const key of queryKeys) {
    for (const v of index.byKey.get(key) ?? []) {
      if (seen.has(v)) continue;
      seen.add(v);
      const hit = v.keys.filter((k) => queryKeys.has(k)).length;
      const ofName = hit / v.keys.length;
      const ofQuery = hit / queryKeys.size;
      offer(v.product, Math.round((0.6 * ofName + 0.35 * ofQuery) * 1000) / 1000, 'name');
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.product.name.localeCompare(b.product.name))
    .slice(0, options.limit ?? 10);
}
