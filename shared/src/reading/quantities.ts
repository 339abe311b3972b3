// How many of which product a message asks for, Russian and English: the number next to each product
// it names, with words between them ("3 hours of assembly", "4 часа сборки", "12 of your chairs",
// "пятнадцать офисных кресел") or after it ("Widget Pro x 20", "кресел нужно штук двадцать"), several
// products in one message ("3 desks plus 3 dual monitor arms", "2 стола и четыре кресла"). A product
// named next to a number-like word that gives no whole number ("несколько", "пятнацать", "20-30",
// "1,5", a number the reader cannot place) is `unread`: the caller asks instead of guessing. Money,
// percentages, billing periods, dates and numbers inside a product's name are not quantities.
import { productMentions, type CatalogIndex, type ProductMention } from '../catalog/product-match';
import {
  fractional,
  measureOf,
  ownNounText,
  unitWordAt,
  unitWordBefore,
  unitWords,
  type Measure,
} from '../catalog/units';
import { tokenize, wordKey } from '../catalog/text-keys';
import type { ProductDoc } from '../schemas/products';
import { findMoney } from './money';
import { distance, findNumbers, numberLike, type FoundNumber, type NumberLike } from './numbers';
import { numeral } from './numerals';
import { packagedQuantity, packagesAfter } from './packages';
import { personHours } from './person-hours';
import { groupBefore } from './people';

export type QuantityLine = {
  product: ProductDoc;
  /** Where the product is named. */
  start: number;
  end: number;
  via: ProductMention['via'];
  /** Named by a derived word of its name (product-match.ts): "laminated", «дизайнера». */
  derived?: ProductMention['derived'];
  /** The quantity stated for it (none: the message states none). */
  quantity?: number;
  approximate: boolean;
  /** Where the quantity is written. */
  number?: { start: number; end: number; words: boolean };
};

export type UnreadQuantity = {
  productId: string;
  /** The number-like words, as written. */
  text: string;
  start: number;
  end: number;
  /**
   * Why it was not read: `qualified` is a product named by one word of its name that another word
   * qualifies as something else ("30 desk lamps", "support team"): maybe not that product at all.
   */
  reason: 'vague' | 'typo' | 'range' | 'fraction' | 'out-of-range' | 'unplaced' | 'qualified' | 'unit';
};

/** A thing counted in a list beside products sold that the catalog does not name ("и 2 тумбочки"). */
export type OtherItem = {
  /** The number and the words after it, as written ("2 тумбочки", "2 whiteboards"). */
  text: string;
  quantity: number;
  start: number;
  end: number;
  /**
   * The number counts a measure, not a thing ("4 часа", "3 hours" left over beside products read): an
   * amount of something the reader did not find, maybe a product of the catalog named in other words.
   */
  measure?: boolean;
};

export type Quantities = { lines: QuantityLine[]; unread: UnreadQuantity[]; others: OtherItem[] };

export const MAX_QUANTITY = 1_000_000;

/** Not a count after a number: percentages, times, floors, distances ("10%", "3 раза", "2 этаж", "5 км"). */
const notCountAfter =
  /^[\s\u00a0]*(?:%|процент\p{L}*|percent|раз\p{L}*|times|г\.|числ\p{L}*|минут\p{L}*|minutes?|этаж\p{L}*|floors?|км|km)/iu;

/**
 * The measure a unit's word right after a number gives it ("5 суток", "16 квадратных метров", "12 kg",
 * "3-х месяцев"; catalog/units.ts holds every unit's words): none for pieces, seats, sets and people.
 */
function measureAfter(text: string, end: number): Measure | undefined {
  const rest = text.slice(end, end + 48).replace(/^-?х(?=[\s\u00a0])/u, '');
  const m = unitWordAt(rest)?.measure;
  return m === 'piece' || m === 'head' ? undefined : m;
}

/** The own nouns of the products named (units.ts `ownNouns`): each measure with its words' expression. */
type OwnNoun = { measure: Measure; words: string };
function ownNouns(sold: ReadonlySet<Measure>): OwnNoun[] {
  return [...sold]
    .filter((m) => m.startsWith('own:'))
    .map((m) => ({ measure: m, words: ownNounText(m.slice(4)) }));
}

/**
 * The nouns of the names of products named that are sold by their own unit ("visit"), as own nouns'
 * expressions: one visit per thing the service is done to, the name's own noun («груминг для двух собак»,
 * «пятерым нашим собакам», "grooming for seven dogs" for «Комплексный груминг собаки», "Full Dog
 * Grooming" per visit). Words of 3 letters or more, Russian adjectives left out.
 */
function nameNouns(measure: Measure, mentions: readonly ProductMention[]): string[] {
  const out = new Set<string>();
  const words = (p: ProductDoc) => [p.names?.ru, p.names?.en, p.name].flatMap((n) => tokenize(n ?? ''));
  // A word another product named has too ("chain" of "Bicycle Chain") counts that product, not visits.
  const others = new Set(
    mentions
      .filter((m) => measureOf(m.product) !== measure)
      .flatMap((m) => words(m.product).map((t) => t.key)),
  );
  for (const m of mentions) {
    if (measureOf(m.product) !== measure) continue;
    for (const name of [m.product.names?.ru, m.product.names?.en])
      for (const t of tokenize(name ?? '')) {
        const w = t.raw.toLowerCase().replace(/ё/gu, 'е');
        if (w.length < 3 || !/^\p{L}+$/u.test(w) || ownGapStop.has(w) || others.has(t.key)) continue;
        if (/\p{Script=Cyrillic}/u.test(w) && adjectiveEnding.test(w)) continue;
        out.add(w);
      }
  }
  return [...out].map((w) => ownNounText(w));
}

/** «нашим», «моих», "our": a possessive between a number and its noun («пятерым нашим собакам»). */
const possessive = /^(?:наш|ваш|мо[иеяю]|тво[иеяю]|сво[иеяю])\p{L}*$/u;

/** Words that end a number's phrase before a noun: "2 rooms with windows" counts rooms. */
const ownGapStop = new Set(
  'of for with and or in on at to per from by the a an и или с со в на для по из у от'.split(' '),
);

/**
 * A product's own noun after a number, adjectives (or English words that are no plural noun) between,
 * three at most: "4 windows", «с восемью окнами», «4 старых сухих дерева», "3 tall dead pine trees";
 * not "2 rooms with windows".
 */
function ownAfter(text: string, end: number, owns: readonly OwnNoun[]): Measure | undefined {
  const rest = text
    .slice(end, end + 60)
    .replace(/^-?х(?=[\s\u00a0])/u, '')
    .replace(/^[\s\u00a0]+of(?:[\s\u00a0]+(?:the|our|your|my|these|those))?(?=[\s\u00a0])/iu, (m) =>
      ' '.repeat(m.length),
    );
  for (const o of owns) {
    const m = new RegExp(
      String.raw`^((?:[\s\u00a0]+[\p{L}-]+){0,3}?)[\s\u00a0]+(?:${o.words})(?!\p{L})`,
      'iu',
    ).exec(rest);
    if (!m) continue;
    const gap = (m[1]!.match(/[\p{L}-]+/gu) ?? []).map((w) => w.toLowerCase().replace(/ё/gu, 'е'));
    const fits = gap.every((w) =>
      ownGapStop.has(w) || numeral(w)
        ? false
        : /\p{Script=Cyrillic}/u.test(w)
          ? adjectiveEnding.test(w) || possessive.test(w)
          : !/s$/u.test(w),
    );
    if (fits) return o.measure;
  }
  // "two axels": an English own noun with two letters swapped, right after the number (not "panels"
  // for "panes": another letter is another word).
  const word = /^[\s\u00a0]+([a-z]{5,})(?!\p{L})/iu.exec(rest)?.[1]?.toLowerCase();
  if (word && !numeral(word))
    for (const o of owns)
      for (const noun of o.measure.slice(4).split('|'))
        if (
          /^[a-z]{4,}$/u.test(noun) &&
          word[0] === noun[0] &&
          [noun, `${noun}s`].some(
            (f) =>
              f !== word && [...f].sort().join('') === [...word].sort().join('') && distance(f, word, 1) <= 1,
          )
        )
          return o.measure;
  return undefined;
}

/** A product's own noun right before a number: «окон пять», "windows: 11". */
function ownBefore(text: string, start: number, owns: readonly OwnNoun[]): Measure | undefined {
  const before = text.slice(Math.max(0, start - 30), start).replace(/(?<!\p{L})на[\s\u00a0]+$/iu, '');
  return owns.find((o) =>
    new RegExp(String.raw`(?:^|[^\p{L}])(?:${o.words})[\s\u00a0:—–-]*$`, 'iu').test(before),
  )?.measure;
}

/** After a number, what a message's list counts: "Three things:", «Два вопроса:». */
const listCount =
  /^[\s\u00a0]+(?:things|questions|services|jobs|tasks|вещ\p{L}*|вопрос\p{L}*|услуг\p{L}*|задач\p{L}*|дел\p{L}*|пункт\p{L}*)[\s\u00a0]*:/iu;

/**
 * A day and month with a dot, no year ("можно 12.06?", «к 03.11»): digits, a dot, a month of two digits
 * (01–12), a valid day, no unit's word after it. Not "1.50 kg", not «2,5».
 */
function dayDotMonth(text: string, n: { start: number; end: number; words?: boolean }): boolean {
  if (n.words) return false;
  const m = /^(\d{1,2})\.(0[1-9]|1[0-2])$/u.exec(text.slice(n.start, n.end));
  if (!m || +m[1]! < 1 || +m[1]! > 31) return false;
  if (/^[.\d]/u.test(text.slice(n.end, n.end + 1))) return false;
  return !unitWordAt(text.slice(n.end, n.end + 40));
}

/** "в 2 дня", "к 3 дня": a time of day, not two days. */
const timeDay = /^[\s\u00a0]*дня(?!\p{L})/iu;
const timeDayBefore = /(?:^|[^\p{L}])(?:в|к|до|после|с|со)[\s\u00a0]*$/iu;
const markBefore = /(?:№|#|\bno\.|\bnr\.?|версии|version|v\.?)\s*$/iu;
/** A flat or suite number in digits: "apt 305", "suite 12", «кв. 42». */
const flatBefore = /(?:\bapt\.?|\bapartment|\bsuite|(?<!\p{L})кв\.)[\s\u00a0]*$/iu;
/** Words that end one product's part of a sentence and start another's. */
const conjunction =
  /(?:^|[^\p{L}])(?:и|а|плюс|также|ещё|еще|and|plus|also|with|с|со|или|or)(?:[^\p{L}]|$)|[+&]/iu;
const sentenceBreak = /[.!?;\n]/u;
/** Unit words after a number that still make it a count ("12 seats", "5 шт", "we are 12 users"). */
const unitAfter = {
  test: (after: string) =>
    unitWordAt(after)?.measure === 'piece' || /^[\s\u00a0]*(?:of\s+them|из\s+них)(?!\p{L})/iu.test(after),
};

/** People counted after a number: how many people is not how many of a product ("кресла, нас 15 человек"). */
const peopleAfter =
  /^[\s\u00a0]*(?:человек\p{L}*|людей|гост\p{L}*|сотрудник\p{L}*|участник\p{L}*|персон\p{L}*|друз\p{L}*|коллег\p{L}*|people|persons?|guests?|employees?|staff|attendees?|participants?|friends|colleagues)(?!\p{L})/iu;

/**
 * Words that count people only beside a product sold per person ("42 heads", "60 covers", "30 pax",
 * «40 персон», «20 едоков»): elsewhere ("20 covers") they may name a thing.
 */
const headWords =
  /^[\s\u00a0]*(?:heads|covers|pax|diners|persons?|people|guests?|персон\p{L}*|едок\p{L}*|гост\p{L}*|человек\p{L}*|чел\.)(?!\p{L})/iu;
const headWordAfter = (text: string, n: { end: number }) => headWords.test(text.slice(n.end, n.end + 24));

/** "for everyone", "for all of them", «на всех», «для всех» right after a product sold per person. */
const forEveryone =
  /^[\s\u00a0,]*(?:for[\s\u00a0]+(?:everyone|everybody|all(?:[\s\u00a0]+(?:of[\s\u00a0]+)?(?:them|us|the[\s\u00a0]+guests))?)(?!\p{L})|(?:на|для)[\s\u00a0]+всех(?:[\s\u00a0]+(?:гост|участник|приглаш|человек)\p{L}*)?(?!\p{L})(?![\s\u00a0]+\p{L}{3,}(?<!плюс|также|ещё|еще)(?!\p{L})))/iu;

/** People counted before a number: "our team of 60", "a party of 80", "команда из 60", "нас 60" (people.ts). */
const peopleBefore = groupBefore;

/** A head count, not a count of a product (people after it or a team before it). */
const headCount = (text: string, n: { start: number; end: number }) =>
  peopleAfter.test(text.slice(n.end, n.end + 24)) ||
  peopleBefore.test(text.slice(Math.max(0, n.start - 30), n.start));

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** An approximate tail after a number: "a hundred or so chairs", "двадцать или около того кресел". */
const approxTail = /^\s*(?:or\s+so|or\s+thereabouts|или\s+около\s+того|или\s+так)(?!\p{L})/iu;

/** What lies between a number and the product it counts: a few words, no break, no conjunction. */
/** Abbreviated units end with a dot that ends no sentence ("15 шт. CH-1", "3 ч. сборки", "20 кв. м экрана"). */
const unitDot = /(?<!\p{L})(?:шт|pcs|ед|уп|компл|ч|hrs?|кв|м|sq|кг|kg|сут|дн|мес|нед|пог)\./giu;

function fillerBefore(raw: string): boolean {
  const gap = raw.replace(approxTail, ' ').replace(unitDot, ' ');
  return wordCount(gap) <= 4 && !sentenceBreak.test(gap) && !conjunction.test(gap) && !/[,:(]/u.test(gap);
}

/**
 * Another number right beside the one read ("10 to 15 chairs" read in a way no range rule knows,
 * "2 x 10 chairs"): at most one short word between and no break. The quantity is then not sure.
 */
const besideGap = /^[\s\u00a0]*(?:[\p{L}]{1,5}|[-–—/…x×*+]|\.{2,3})?[\s\u00a0]*$/u;

/** A vague determiner right before the product ("some standing desks", "some of your chairs"). */
const vagueBefore =
  /(?:^|[^\p{L}])(?:some|any|кое-какие|кое-каких|сколько-то|сколько-нибудь)\s+(?:(?:of|your|the|more|new|ваших|новых)\s+)*$/iu;

/**
 * A whole group instead of a number ("на весь отдел", "всем нашим программистам", "for the whole
 * team", "for everyone"), a number not known ("не знаю, сколько часов", "not sure how many") or a
 * hyphenated "one or two" ("часик-другой", "денёк-другой"): how many is not said; asked back.
 */
const wholeGroup =
  /(?<!\p{L})(?:на\s+(?:весь|всю|всё|все|всех)\s+\p{L}{3,}|для\s+(?:всех|всего|всей)\s+\p{L}{3,}|всем\s+(?:нашим|вашим|своим|сотрудник\p{L}*|работник\p{L}*|программист\p{L}*|разработчик\p{L}*|менеджер\p{L}*|коллег\p{L}*)|(?:whole|entire)\s+\p{L}{3,}|(?:на|во|в)\s+(?:всём|всем|всей)\s+\p{L}{3,}|по\s+(?:всей|всему)\s+\p{L}{3,}|for\s+(?:all\s+(?:of\s+)?(?:our|the|my)|every(?:one|body))|не\s+зна(?:ю|ем),?\s+(?:на\s+)?сколько|(?:на\s+)?сколько(?:\s+\p{L}+){0,2}\s*[—–-]?\s*(?:пока|ещё|еще)?\s*не\s+(?:зна(?:ю|ем)|решили|определились|понятно|ясно)|(?:don't|do\s+not|not\s+sure|unsure|(?:have\s+not|haven't|not\s+yet)\s+decided)\s+(?:know\s+)?how\s+(?:many|much|long)|\p{L}+-друг(?:ой|ую|ого|ие|их))(?!\p{L})/iu;

/** Dates and times after a number ("к 15 марта", "by 5pm", "в 10 утра"), ordinals ("2-й этаж", "3rd"). */
const dateOrTimeAfter =
  /^(?:[\s\u00a0]*(?:январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[яй]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|утра|вечера|ночи|часов\s+(?:утра|вечера|дня)|[ap]\.?m\.?|o'clock)|-?(?:й|го|м(?![2²])|я|ой|ий|ый|ая|ое|st|nd|rd|th))(?!\p{L})/iu;
const monthBefore =
  /(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s\u00a0]+$/iu;

/** A price word between a product and a number after it: "Кресло Ergo за 12000", "at 150". */
const priceBefore = /(?:^|[^\p{L}])(?:за|по|at|@|стоит|стоят|costs?|priced)(?:[^\p{L}]|$)/iu;

/** A bound, not a count: "up to 30", "до 30", "more than 50", "больше 50", "не более 20" ("от 50" is 50). */
const boundBefore =
  /(?:^|[^\p{L}])(?:up\s+to|до|more\s+than|over|above|under|less\s+than|fewer\s+than|no\s+more\s+than|больше|более|свыше|(?<!не\s)меньше|(?<!не\s)менее|не\s+более|не\s+больше|максимум|max(?:imum)?)[\s\u00a0]*$/iu;

const sameCount =
  /(?<!\p{L})(?:столько\s+же|the\s+same\s+(?:number|amount|quantity)\s+of|as\s+many)(?!\p{L})/giu;

/** Counted per something: "each", "per desk", "по 2 на каждый", "every office". */
const distributive =
  /(?:^|[^\p{L}])(?:each|per|every|apiece|кажд\p{L}*|по(?=\s+(?:\d|\p{L}+\s+\p{L})))(?!\p{L})/iu;

/** One count for every product named: "10 of each", "10 each", "по 10 штук каждого", "каждого по 10". */
const ofEach =
  /(?:^|[^\p{L}])(?:of\s+each|each|apiece|каждого|каждой|каждых|всех\s+по|того\s+и\s+другого)(?!\p{L})/iu;

/** A count asked for in its own sentence: "Нам надо 25", "we need 25", "quantity: 18". */
const wantBefore =
  /(?:^|[^\p{L}])(?:нужн\p{L}*|надо|need|want|take|taking|order|buy|buying|ordering|покупк\p{L}*|брать|беру|возьм\p{L}*|закаж\p{L}*|заказ\p{L}*|купить|взять|берём|берем|количеств\p{L}*|quantity(?:[\s\u00a0]+of)?|qty|кол-во)[\s\u00a0:—–-]*$/iu;

/**
 * A count weighed in its own sentence, the sentence's last word: "Looking at 40.", "thinking about
 * 35", "planning on 12", "Рассматриваем 4.", "планируем 30", "ориентируемся на 25", "речь о 60".
 */
const intentBefore =
  /(?:^|[^\p{L}])(?:looking\s+at|thinking\s+(?:of|about)|planning\s+(?:on|for)|considering|рассматрива\p{L}*|планиру\p{L}*|ориентиру\p{L}*\s+на|думаем\s+(?:о|об|про)|речь\s+(?:ид[её]т\s+)?о)[\s\u00a0]*$/iu;
const sentenceEnd = /^[\s\u00a0]*(?:[.!?;)]|$)/u;

const unitBefore = /(?:^|[^\p{L}])(?:штук\p{L}*|шт\.?|единиц|мест|лицензий|пользователей)[\s\u00a0]*$/iu;
/** Hours counted before a number ("часов пять", "hours: 5"). */
const hoursBefore = { test: (before: string) => unitWordBefore(before) === 'hour' };
const byTheHour = (p: ProductDoc) => measureOf(p) === 'hour';
/** A number the line's product may take: no measure, or the measure the product is sold by. */
const fits = (line: QuantityLine, c: Candidate) =>
  c.measure === undefined || c.measure === measureOf(line.product);

function fillerAfter(raw: string): boolean {
  const gap = raw.replace(unitDot, ' ');
  return (
    wordCount(gap) <= 3 &&
    !sentenceBreak.test(gap) &&
    !conjunction.test(gap.replace(/^\s*(?:x|х|×|\*)\s*$/u, ''))
  );
}

/** `measure`: the unit's word beside it ("5 суток", "часов пять"), a measure some product named is sold by. */
type Candidate = FoundNumber & { claimed?: boolean; measure?: Measure };

/** What findQuantities works on: the text, its numbers, the lines read so far and what was not read. */
type Reading = {
  text: string;
  /** Numbers that may count a product (money, dates, periods, codes left out), in order. */
  candidates: Candidate[];
  /** Number-like words that give no number ("несколько", "пятнацать"). */
  vague: NumberLike[];
  lines: QuantityLine[];
  unread: UnreadQuantity[];
  others: OtherItem[];
  /** Products named only as what a service by the hour works on (see serviceObjects): no lines. */
  objects: ProductMention[];
};

/**
 * The quantities a message states for the products it names (see the file's comment). `partial`:
 * products named by a word of their name only ("chairs") count too. Each rule below reads or doubts
 * some lines, in this order.
 */
export function findQuantities(
  text: string,
  products: readonly ProductDoc[] | CatalogIndex,
  options: { partial?: boolean } = {},
): Quantities {
  const named = productMentions(text, products, { partial: options.partial ?? true });
  const objects = serviceObjects(text, named);
  const mentions = named.filter((m) => !objects.includes(m));
  const r: Reading = {
    text,
    objects,
    ...numbersIn(text, mentions),
    lines: mentions.map((m) => ({
      product: m.product,
      start: m.start,
      end: m.end,
      via: m.via,
      ...(m.derived ? { derived: m.derived } : {}),
      approximate: false,
    })),
    unread: [],
    others: [],
  };
  measureFirst(r);
  countBefore(r);
  countAfter(r);
  oneCountElsewhere(r);
  doubtQualified(r);
  oneCountForEach(r);
  articleIsOne(r);
  oneAtQuantity(r);
  otherItems(r);
  doubtLeftovers(r);
  sameCountAsked(r);
  unreadNearby(r);
  onePerPerson(text, r.lines, r.candidates, r.unread);
  hoursTimesCount(r);
  otherUnitCounts(r);
  return { lines: r.lines, unread: r.unread, others: r.others };
}

/**
 * Hours times people for a service sold per person-hour («2 грузчика на 3 часа»: 6), times vehicles
 * for one sold by the hour ("two trucks, 3 hours each": 6), when the product's clause says just that
 * (person-hours.ts); the reader's count of people or hours alone is no such quantity.
 */
function hoursTimesCount(r: Reading): void {
  for (const line of r.lines) {
    const found = personHours(
      r.text,
      line,
      r.lines.filter((l) => l !== line),
    );
    if (!found || found.total < 1 || found.total > MAX_QUANTITY) continue;
    const unsure = line.quantity === undefined;
    // A person-hour's count of people, or its hours beside more than one person, is no quantity.
    const misread = found.perPerson && line.quantity !== found.total;
    const vehicles = !found.perPerson && (found.count ?? 1) > 1 && line.quantity !== found.total;
    if (!unsure && !misread && !vehicles) continue;
    if (unsure && r.unread.some((u) => u.productId === line.product.id && u.reason !== 'unplaced')) continue;
    line.quantity = found.total;
    r.unread = r.unread.filter((u) => u.productId !== line.product.id);
  }
}

/**
 * A number that counts another unit than the product's ("3 rolls" of a product sold by the metre, "36
 * macarons" of one sold by the box of 12): converted when the catalog states how (packages.ts), else
 * unread, asked back.
 */
function otherUnitCounts(r: Reading): void {
  for (const line of r.lines) {
    // "плёнку возьмём 2 рулона": the one number left unplaced after the name counts rolls.
    const left = r.unread.filter((u) => u.productId === line.product.id);
    if (line.quantity === undefined && left.length === 1 && left[0]!.reason === 'unplaced') {
      const q = packagesAfter(r.text, line, left[0]!);
      if (q !== null) r.unread.splice(r.unread.indexOf(left[0]!), 1, { ...left[0]!, reason: 'unit' });
      if (q !== null && q !== undefined && q >= 1 && q <= MAX_QUANTITY) {
        r.unread.splice(r.unread.indexOf(r.unread.find((u) => u.productId === line.product.id)!), 1);
        line.quantity = q;
      }
      continue;
    }
    const q = packagedQuantity(r.text, line);
    if (q === null || q === line.quantity) continue;
    if (q !== undefined && q >= 1 && q <= MAX_QUANTITY) {
      line.quantity = q;
      continue;
    }
    const n = line.number!;
    delete line.quantity;
    if (!r.unread.some((u) => u.productId === line.product.id))
      r.unread.push({
        productId: line.product.id,
        text: r.text.slice(n.start, n.end),
        start: n.start,
        end: n.end,
        reason: 'unit',
      });
  }
}

/** Between a service and what it works on: "of", "for", a determiner, adjectives ("сборки офисной мебели"). */
const objectGap =
  /^(?:[\s\u00a0]+(?:of|for))?(?:[\s\u00a0]+(?:the|our|your|these|those|new|all))*(?:[\s\u00a0]+\p{L}+(?:ых|ые|ое|ый|ий|ая|ую|ой|их|ие|ого|ему|ому|ыми|ими|ым|им|ей))*[\s\u00a0]+$/iu;

/**
 * Products named only as what a service sold by the hour works on: right after it, adjectives or
 * "of the" between ("10 часов сборки офисной мебели", "сборка кресел, 4 часа", "assembly of the
 * desks"), or an English noun right before it ("10 hours of office chair assembly"). The hours count
 * the service; such a product is not asked for on its own. A number between ("сборка двух столов")
 * makes it a product counted, not only worked on.
 */
function serviceObjects(text: string, mentions: readonly ProductMention[]): ProductMention[] {
  const services = mentions.filter((m) => byTheHour(m.product));
  const objectOf = (s: ProductMention, o: ProductMention) => {
    if (o.start >= s.end) {
      const gap = text.slice(s.end, o.start);
      const words = gap.match(/\p{L}+/gu) ?? [];
      return objectGap.test(gap) && !words.some((w) => numeral(w.toLowerCase().replace(/ё/gu, 'е')));
    }
    return (
      o.end <= s.start &&
      /^[\s\u00a0-]+$/u.test(text.slice(o.end, s.start)) &&
      /[a-z]/iu.test(text.slice(o.start, o.end))
    );
  };
  return mentions.filter((o) => !byTheHour(o.product) && services.some((s) => objectOf(s, o)));
}

/**
 * The numbers that may count a product (money, numbers inside a product's name, periods, dates,
 * houses, codes and years left out; misspelt cardinals of one number only added), and the
 * number-like words that give no number.
 */
function numbersIn(
  text: string,
  mentions: readonly ProductMention[],
): { candidates: Candidate[]; vague: NumberLike[] } {
  const money = findMoney(text);
  // "(x4)", "×12": a times sign glued to the digits is read as a space (offsets kept).
  const spaced = text.replace(/(?<![\p{L}\p{N}])[xXхХ×](?=\d)/gu, ' ');
  // The measures the products named are sold by: a number with another measure's word counts none of
  // them ("12 months", "5 кг" beside chairs) and is left out; hours are kept, as before, to be placed.
  const sold = new Set(mentions.map((m) => measureOf(m.product)));
  const owns = ownNouns(sold);
  // After a number only: «груминг для двух собак»; not «выгул собаки 3 часа».
  const ownsAfter = owns.map((o) => ({
    ...o,
    words: [o.words, ...nameNouns(o.measure, mentions)].join('|'),
  }));
  const measured = (n: { start: number; end: number }): Measure | undefined | null => {
    // "4 windows", «9 окон», "3 tall dead pine trees", «4 старых сухих дерева»: a product's own noun.
    const own = ownAfter(text, n.end, ownsAfter) ?? ownBefore(text, n.start, owns);
    if (own) return own;
    const after = measureAfter(text, n.end);
    // «квартира 64 метра»: metres said for square metres, when nothing named is sold by the metre.
    if (after === 'm' && sold.has('sqm') && !sold.has('m')) return 'sqm';
    if (after === 'week' && !sold.has('week') && inDays(sold)) return 'week';
    // «5 суток», "10 days" for a stay sold by the night only: a day of a stay is a night of it.
    if (after === 'day' && inDays(sold) === 'night') return 'night';
    if (after === 'sqm' && sold.has('sotka') && !sold.has('sqm')) return undefined;
    if (after) return after === 'hour' || sold.has(after) ? after : null;
    if (notCountAfter.test(text.slice(n.end, n.end + 16))) return null;
    // "часов пять", "суток трое": the unit's word before the number, for a product sold by it.
    // «часа на четыре», «кило на пять»: the unit's word, then «на» (about that many), then the number.
    const before = unitWordBefore(
      text.slice(Math.max(0, n.start - 24), n.start).replace(/(?<!\p{L})на[\s\u00a0]+$/iu, ''),
    );
    if (!before || before === 'piece' || before === 'head') return undefined;
    if (before === 'day' && inDays(sold) === 'night') return 'night';
    // «высотой метров 12» beside trees: another measure's amount, no count of them.
    return sold.has(before) ? before : before === 'hour' ? undefined : null;
  };
  const timeOfDay = (n: { start: number; end: number }) =>
    dateOrTimeAfter.test(text.slice(n.end, n.end + 16)) ||
    (timeDay.test(text.slice(n.end, n.end + 8)) &&
      timeDayBefore.test(text.slice(Math.max(0, n.start - 8), n.start)));
  const candidates: Candidate[] = findNumbers(spaced).filter(
    (n) =>
      !money.some((m) => n.start < m.end && m.start < n.end && !countWord(text, mentions, n, m)) &&
      !mentions.some((m) => n.start < m.end && m.start < n.end) &&
      measured(n) !== null &&
      !timeOfDay(n) &&
      // "221B Baker Street", "офис 12Б": a house or room, not a count.
      !/^[A-ZА-ЯЁ](?![\p{L}\p{N}])/u.test(text.slice(n.end, n.end + 2)) &&
      !address(text, n) &&
      !dayOfDates(text, n) &&
      !(monthBefore.test(text.slice(Math.max(0, n.start - 12), n.start)) && !n.words) &&
      !markBefore.test(text.slice(Math.max(0, n.start - 10), n.start)) &&
      !dayDotMonth(text, n) &&
      !(flatBefore.test(text.slice(Math.max(0, n.start - 12), n.start)) && !n.words) &&
      // "Three things: …", «Два вопроса: …»: how many parts the message has, not a count of a product.
      !listCount.test(text.slice(n.end, n.end + 24)) &&
      // "185/65 R15", "1.4 TSI", "a 2018 Skoda", «А123ВС 777», "5w30": what a thing is, not how many.
      !specification(text, n, mentions) &&
      !(
        n.value >= 1900 &&
        n.value <= 2100 &&
        !n.words &&
        /^\s*(?:г\b|год|year)/iu.test(text.slice(n.end, n.end + 8))
      ),
  );
  for (const c of candidates) {
    const m = measured(c);
    if (m) c.measure = m;
  }
  // "800 м²", "600 m2" for products sold by the sotka (100 sq m) only, none by the square metre: in
  // sotkas when whole; else asked back.
  if (sold.has('sotka') && !sold.has('sqm'))
    for (const c of candidates)
      if (c.measure === undefined && measureAfter(text, c.end) === 'sqm') {
        if (c.value % 100 === 0 && c.upTo === undefined) {
          c.measure = 'sotka';
          c.value /= 100;
        } else c.measure = 'sqm';
      }
  // "2 weeks", «две недели» for products sold by the day or night only: 7 days a week.
  for (const c of candidates)
    if (c.measure === 'week') {
      c.measure = inDays(sold)!;
      c.value *= 7;
      if (c.upTo !== undefined) c.upTo *= 7;
    }
  // «запись на 2 ч», "a 1.5 hour recording" for products sold by the minute only: 60 minutes an hour.
  if (sold.has('minute') && !sold.has('hour'))
    for (const c of candidates)
      if (c.measure === 'hour') {
        c.measure = 'minute';
        c.value *= 60;
        if (c.upTo !== undefined) c.upTo *= 60;
      }
  const numberLikes = numberLike(text).filter(
    (v) => !mentions.some((m) => v.start < m.end && m.start < v.end),
  );
  // A misspelt cardinal one letter from one number only ("дватцать кресел", "twleve desks") is that number.
  const vague = numberLikes.filter((v) => v.value === undefined);
  for (const v of numberLikes)
    if (v.value !== undefined && measured(v) !== null) {
      const m = measured(v);
      candidates.push({
        value: v.value,
        start: v.start,
        end: v.end,
        approximate: false,
        words: true,
        ...(m ? { measure: m } : {}),
      });
    }
  for (const t of shortTypos(text, mentions, [...candidates, ...numberLikes])) {
    const m = measured(t);
    if (m !== null) candidates.push({ ...t, approximate: false, words: true, ...(m ? { measure: m } : {}) });
  }
  candidates.sort((a, b) => a.start - b.start);
  return { candidates, vague };
}

/** A tyre's size: "185/65 R15", "205/55R16", «225/45 Р17», a rim alone ("R15", «Р 16»). */
const tyreSize =
  /(?<![\p{L}\p{N}])(?:(\d{3})[\s\u00a0]*\/[\s\u00a0]*(\d{2})(?:[\s\u00a0]*(Z?[RrРр])[\s\u00a0]*\d{2}(?:[.,]5)?)?|Z?[RРr][\s\u00a0]?\d{2}(?:[.,]5)?)(?![\p{L}\p{N}])/gu;
/** A size with no rim written ("195/65") only as tyres are sized: 125 to 355 mm wide, a profile of 25 to 85. */
const tyreSized = (m: RegExpMatchArray) =>
  m[1] === undefined ||
  m[3] !== undefined ||
  (+m[1] >= 125 && +m[1] <= 355 && +m[1] % 5 === 0 && +m[2]! >= 25 && +m[2]! <= 85 && +m[2]! % 5 === 0);
/** A Russian or similar car plate: «А123ВС 777», "B456KX 199" (the letters Cyrillic and Latin alike read). */
const plate =
  /(?<![\p{L}\p{N}])[АВЕКМНОРСТУХABEKMHOPCTYX][\s\u00a0]?\d{3}[\s\u00a0]?[АВЕКМНОРСТУХABEKMHOPCTYX]{2}[\s\u00a0]?\d{2,3}(?![\p{L}\p{N}])/gu;
/** An engine's size: after «двигатель», «мотор», "engine" («объёмом» between), or before its code or word. */
const engineBefore =
  /(?<!\p{L})(?:двигател(?:ь|я|ю|ем|е)|мотор(?:а|ом|е|у)?|engine|displacement)(?:[\s\u00a0]+(?:объ[её]мом|of|size))?[\s\u00a0:—–-]*$/iu;
const engineAfter =
  /^(?:[\s\u00a0-]*(?:l|л|литр(?:а|ов)?|lit(?:re|er)s?|ltr)\.?)?[\s\u00a0-]*(?:двигател(?:ь|я|ю|ем|е)|мотор(?:а|ом|е|у)?|engines?(?![\s\u00a0-]*oil)|motors?(?![\s\u00a0-]*oil)|(?:TSI|TFSI|TDI|MPI|GDI|CRDi|VTEC|TCe|dCi|HDi|EcoBoost|turbo|турбо))(?!\p{L})/iu;

/** Whether `n` lies inside one of `re`'s matches in `text`. */
const inside = (
  re: RegExp,
  text: string,
  n: { start: number; end: number },
  fits: (m: RegExpMatchArray) => boolean = () => true,
) => [...text.matchAll(re)].some((m) => m.index <= n.start && n.end <= m.index + m[0].length && fits(m));

/**
 * An engine's size ("двигатель 1.6", "1.4 TSI", "2.5 litre engine", «1,6 л двигатель»): a size from 0.6 to
 * 8 litres, never a quantity (not of oil either).
 */
export function engineSize(
  text: string,
  n: { start: number; end: number; value: number; words?: boolean },
): boolean {
  if (n.words || n.value < 0.6 || n.value > 8) return false;
  if (!/^\d[.,]\d$/u.test(text.slice(n.start, n.end))) return false;
  return (
    engineBefore.test(text.slice(Math.max(0, n.start - 40), n.start)) ||
    engineAfter.test(text.slice(n.end, n.end + 30))
  );
}

/**
 * What a thing is, not how many: a tyre's size ("205/55 R16"), an engine's size ("1.4 TSI"), a car's
 * plate («А123ВС 777»), a car's year beside its make or model ("a 2018 Skoda", «Kia Rio 2016»), digits
 * of a product's own name written in it ("5w30", «5W-30» for «Масло 5W-30» named by another word).
 */
function specification(
  text: string,
  n: { start: number; end: number; value: number; words?: boolean },
  mentions: readonly ProductMention[],
): boolean {
  if (n.words) return false;
  if (inside(tyreSize, text, n, tyreSized) || inside(plate, text, n) || engineSize(text, n)) return true;
  // A year beside a capitalised word that names no product: a car's make or model.
  if (/^\d{4}$/u.test(text.slice(n.start, n.end)) && n.value >= 1950 && n.value <= 2035) {
    const after = /^[\s\u00a0]+(\p{Lu}[\p{L}-]+)/u.exec(text.slice(n.end, n.end + 30));
    const from = Math.max(0, n.start - 30);
    const before = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}-]*[\s\u00a0]+$/u.exec(text.slice(from, n.start));
    // A product named right before it, or within three words after it ("2000 Business cards").
    const product = mentions.some(
      (m) =>
        (m.start >= n.end &&
          /^[\s\u00a0]+(?:[\p{L}-]+[\s\u00a0]+){0,2}$/u.test(text.slice(n.end, m.start))) ||
        /^[\s\u00a0]+$/u.test(text.slice(m.end, n.start)),
    );
    const unit = unitWordAt(text.slice(n.end, n.end + 30));
    // A capital that starts a sentence names no make: «Машина 2016» is no year by this rule.
    const sentenceStart = before && /(?:^|[.!?\n][\s\u00a0]*)$/u.test(text.slice(0, from + before.index));
    if (!product && !unit && (after || (before && !sentenceStart))) return true;
  }
  // Digits of a product's name with letters ("5W-30"), written in the message by another spelling.
  for (const m of mentions)
    for (const name of [m.product.name, m.product.names?.ru, m.product.names?.en])
      for (const token of (name ?? '').match(/[\p{L}\p{N}]+(?:[-\s][\p{L}\p{N}]+)*/gu) ?? [])
        for (const part of token.split(/\s+/u)) {
          const runs = part.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
          if (runs.length < 2 || !runs.some((r) => /\d/u.test(r)) || !runs.some((r) => /\p{L}/u.test(r)))
            continue;
          const re = new RegExp(
            // "5w-30", "5w30", "60 ah": a space only between runs of 2+ characters (not "a 4" for "A4").
            String.raw`(?<![\p{L}\p{N}])${runs
              .map(
                (r, k) =>
                  (k === 0 ? '' : r.length >= 2 && runs[k - 1]!.length >= 2 ? '[-\\s\\u00a0]?' : '-?') + r,
              )
              .join('')}(?![\p{L}\p{N}])`,
            'giu',
          );
          if (inside(re, text, n)) return true;
        }
  return false;
}

/**
 * A multiplier said as a word with no currency ("тысяча", "a thousand"), right after a product and
 * a few words ("Визиток нужна тысяча"): how many, not money, unless a price or budget word is before it.
 */
function countWord(
  text: string,
  mentions: readonly ProductMention[],
  n: FoundNumber,
  m: { currency?: string; start: number; end: number },
): boolean {
  if (m.currency || !n.words || m.start !== n.start || m.end !== n.end) return false;
  const before = text.slice(Math.max(0, n.start - 40), n.start);
  if (
    /(?:бюджет\p{L}*|budget|за|по|at|стоит|стоят|costs?|до|up\s+to|руб\p{L}*|\$|₽)[\s\u00a0:—–-]*$/iu.test(
      before,
    )
  )
    return false;
  return mentions.some((p) => p.end <= n.start && fillerAfter(text.slice(p.end, n.start)));
}

const monthWord = String.raw`(?:январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[яй]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\p{L})`;
const rangeToDay = new RegExp(
  String.raw`^[\s\u00a0]*(?:по|до|-|–|—|to|until|till|through)[\s\u00a0]*\d{1,2}[\s\u00a0]+${monthWord}`,
  'iu',
);

/**
 * A day of a date, not a count: the first day of a range of dates («с 10 по 12 октября», "3 to 7
 * March"), a day and month with a slash ("on 12/09", "by 03/11": a part of two digits, a date's
 * preposition before it).
 */
function dayOfDates(text: string, n: { start: number; end: number; words?: boolean }): boolean {
  if (n.words) return false;
  if (rangeToDay.test(text.slice(n.end, n.end + 40))) return true;
  const around = text.slice(Math.max(0, n.start - 12), n.end + 4);
  const at = n.start - Math.max(0, n.start - 12);
  const m = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?![\d/.])/u.exec(around.slice(Math.max(0, at - 3)));
  if (!m) return false;
  const [a, b] = [m[1]!, m[2]!];
  const valid = (d: number, mo: number) => d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
  if (!valid(+a, +b) && !valid(+b, +a)) return false;
  const before = text.slice(Math.max(0, n.start - 12), n.start);
  return /(?:on|by|from|since|до|к|с|от|на)[\s\u00a0]+(?:\d{1,2}\/)?$/iu.test(before);
}

/**
 * A house number, not a count: "221 Baker Street", "at 10 Downing St" (capitalised words, then a
 * street word), «ул. Ленина, 5», «дом 12», «д. 7».
 */
function address(text: string, n: { start: number; end: number }): boolean {
  if (
    /^[\s\u00a0]+(?:\p{Lu}\p{L}*[\s\u00a0]+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Square|Place|Way)(?!\p{L})/u.test(
      text.slice(n.end, n.end + 60),
    )
  )
    return true;
  // «с Ленина 45», «на Гагарина 12»: a street named by a capitalised name after a preposition, its house.
  if (
    /^\d{1,3}[а-я]?$/u.test(text.slice(n.start, n.end)) &&
    /(?<!\p{L})(?:с|со|на|из|от|до|к|по)[\s\u00a0]+[А-ЯЁ][а-яё]{2,}(?:ой|ого|ина|ына|ова|ева|ёва|ская|ской|ий|ая)[\s\u00a0]*,?[\s\u00a0]*$/u.test(
      text.slice(Math.max(0, n.start - 40), n.start),
    ) &&
    !unitWordAt(text.slice(n.end, n.end + 30))
  )
    return true;
  return /(?:(?<!\p{L})(?:ул\.|улиц\p{L}*|просп\p{L}*|пр-т|переул\p{L}*|пер\.|шоссе|наб\.)[\s\u00a0]*\p{Lu}[\p{L}-]*,?|(?<!\p{L})(?:дом|д\.))[\s\u00a0]*$/u.test(
    text.slice(Math.max(0, n.start - 40), n.start),
  );
}

/** Short numerals read when misspelt by one letter, and the words one letter from them that are words. */
const shortNumerals: ReadonlyArray<readonly [string, number]> = [
  ['three', 3],
  ['seven', 7],
  ['eight', 8],
];
const shortNotTypos = new Set([
  'seen',
  'sever',
  'seven',
  'sevens',
  'eight',
  'eighs',
  'three',
  'there',
  'tree',
  'trees',
  'thee',
  'threw',
  'throe',
  'thru',
]);

/**
 * "sevn kilos", "eigth hours": a word of 4–5 letters one letter (or two swapped) from a short numeral,
 * same first letter, no word itself, right before a unit's word or next to a product named: that number.
 */
function shortTypos(
  text: string,
  mentions: readonly ProductMention[],
  found: readonly { start: number; end: number }[],
): { value: number; start: number; end: number }[] {
  const out: { value: number; start: number; end: number }[] = [];
  for (const w of text.matchAll(/(?<![\p{L}\p{N}])\p{L}{4,5}(?![\p{L}\p{N}])/gu)) {
    const word = w[0].toLowerCase();
    const start = w.index;
    const end = start + w[0].length;
    if (shortNotTypos.has(word) || numeral(word)) continue;
    if ([...found, ...mentions].some((f) => start < f.end && f.start < end)) continue;
    const hits = shortNumerals.filter(([f]) => f[0] === word[0] && distance(word, f, 1) <= 1);
    if (hits.length !== 1) continue;
    const unit = unitWordAt(text.slice(end, end + 40));
    const product = mentions.some(
      (m) =>
        (m.start >= end && /^[\s\u00a0]+$/u.test(text.slice(end, m.start))) ||
        (m.end <= start && /^[\s\u00a0,:—–-]+$/u.test(text.slice(m.end, start))),
    );
    if (unit || product) out.push({ value: hits[0]![1], start, end });
  }
  return out;
}

/**
 * The number `n` is `line`'s but no sure count of it: claimed, and `what` (`n` itself, or the number
 * beside it that makes it unsure) is unread; the quote asks back.
 */
function unplaced(
  r: Reading,
  line: QuantityLine,
  n: Candidate,
  what: { start: number; end: number } = n,
): void {
  n.claimed = true;
  line.number = { start: n.start, end: n.end, words: n.words };
  r.unread.push({
    productId: line.product.id,
    text: r.text.slice(what.start, what.end),
    start: what.start,
    end: what.end,
    reason: 'unplaced',
  });
}

/**
 * The number `n` counts `line`: its quantity, unless the number is no sure count (a range, a
 * fraction, a bound, a vague word before it, another number beside it); then it is unread.
 */
function take(r: Reading, line: QuantityLine, n: Candidate): void {
  const { text, candidates } = r;
  n.claimed = true;
  line.number = { start: n.start, end: n.end, words: n.words };
  line.approximate = n.approximate;
  const beside = candidates.some(
    (c) =>
      c !== n &&
      !c.claimed &&
      !headCount(text, c) &&
      ((c.end <= n.start && besideGap.test(text.slice(c.end, n.start))) ||
        (c.start >= n.end && besideGap.test(text.slice(n.end, c.start)))),
  );
  // "a few dozen", "several hundred": a vague word before the number makes it no count.
  const vagueFirst = r.vague.find(
    (v) => v.end <= n.start && /^[\s\u00a0]*$/u.test(text.slice(v.end, n.start)),
  );
  const bound =
    boundBefore.test(text.slice(Math.max(0, n.start - 16), n.start)) ||
    // "пару-тройку", "two-three": a hyphen to a word that is no case ending.
    /^-\p{L}{4,}/u.test(text.slice(n.end, n.end + 12));
  const reason =
    problemOf(n, line.product) ?? (vagueFirst ? 'vague' : bound ? 'range' : beside ? 'unplaced' : undefined);
  if (reason) {
    r.unread.push({
      productId: line.product.id,
      text: text.slice(n.start, n.end),
      start: n.start,
      end: n.end,
      reason,
    });
    return;
  }
  line.quantity = n.value;
}

/** The measure, day or night, weeks are counted in for the products named: none for other measures or both. */
function inDays(sold: ReadonlySet<Measure>): 'day' | 'night' | undefined {
  if (sold.has('day') === sold.has('night')) return undefined;
  return sold.has('day') ? 'day' : 'night';
}

/**
 * One week or a fortnight, no number written: «на неделю», «на целую неделю», "for a week", "a whole
 * week", "a fortnight" (7 and 14 days), for a product sold by the day or night only. Not "once a week",
 * «раз в неделю».
 */
const oneWeek =
  /(?<!(?:once|twice|times|per|раз|раза)[\s\u00a0]+)(?<!\p{L})(?:(?:на|for)[\s\u00a0]+(?:(?:a|an|one|the|одну|целую|всю|полную)[\s\u00a0]+)?(?:(?:whole|entire|full)[\s\u00a0]+)?|(?:a|an|one|одну|целую|всю|полную)[\s\u00a0]+(?:(?:whole|entire|full)[\s\u00a0]+)?)(недел(?:ю|ьку)|week|fortnight)(?!\p{L})/giu;

/** "на сутки", "на денёк", "for a day", "for the night": one of the unit, no number written. */
const oneUnit =
  /(?<!\p{L})(?:на|for[\s\u00a0]+(?:a|an|the))[\s\u00a0]+(сутки|день|д[её]н[её]к|ночь|неделю|месяц|час|часик|год|day|night|week|month|hour|year)(?![\p{L}-])/giu;

/**
 * A product sold by a measure (hours, days, square metres, kilograms, people: catalog/units.ts): the
 * number with that measure's word near it (before it, or after it, the distances of countBefore and
 * countAfter; anywhere when it is the only product named) is its quantity: "4 суток аренды шатра",
 * "экран на шестнадцать квадратных метров", "Dry ice, 30 kg", "на пару дней", "a DJ for 5 hours", "на
 * 25 гостей" (a head count for a product sold per person or guest). A count of pieces beside it: one
 * ("one tent for 6 days", "a tent…", "We need one for 6 days") leaves the measure's number; two or more
 * ("two tents for 3 days") are asked back, never multiplied. Two numbers of the measure: asked back.
 * No number but «на сутки», "for a day": one.
 */
function measureFirst(r: Reading): void {
  const { text, lines } = r;
  lines.forEach((line, i) => {
    const measure = measureOf(line.product);
    if (measure === 'piece' || line.number) return;
    const from = i > 0 ? lines[i - 1]!.end : 0;
    const to = i + 1 < lines.length ? lines[i + 1]!.start : text.length;
    const next = (c: { start: number; end: number }) =>
      c.end <= line.start
        ? c.start >= from && fillerBefore(text.slice(c.end, line.start))
        : c.start >= line.end && c.end <= to && fillerAfter(text.slice(line.end, c.start));
    const near = (c: { start: number; end: number }) => lines.length === 1 || next(c);
    const ofMeasure = r.candidates.filter(
      (c) =>
        !c.claimed &&
        near(c) &&
        (measure === 'head' ? headCount(text, c) || headWordAfter(text, c) : c.measure === measure),
    );
    if (!ofMeasure.length) {
      if (measure === 'day' || measure === 'night') {
        const weeks = [...text.matchAll(oneWeek)].filter((m) =>
          near({ start: m.index, end: m.index + m[0].length }),
        );
        if (weeks.length === 1) {
          const m = weeks[0]!;
          line.quantity = m[1]!.toLowerCase() === 'fortnight' ? 14 : 7;
          line.number = { start: m.index, end: m.index + m[0].length, words: true };
          return;
        }
      }
      // A head count "for everyone" («на всех») after a product sold per person, or earlier in its
      // sentence ("Банкет на 45 гостей в лофт-зале…: меню Классика"): the message's only one, the only
      // product sold per person.
      if (measure === 'head') {
        const heads = r.candidates.filter(
          (c) => !c.claimed && (headCount(text, c) || headWordAfter(text, c)),
        );
        const h = heads.length === 1 ? heads[0]! : undefined;
        const alone = lines.filter((l) => measureOf(l.product) === 'head').length === 1;
        if (
          h &&
          alone &&
          (forEveryone.test(text.slice(line.end, line.end + 40)) ||
            (h.end <= line.start && !sentenceBreak.test(text.slice(h.end, line.start))))
        ) {
          take(r, line, h);
          return;
        }
      }
      for (const m of text.matchAll(oneUnit)) {
        const at = { start: m.index, end: m.index + m[0].length };
        if (unitWordAt(` ${m[1]}`)?.measure !== measure || !near(at)) continue;
        line.quantity = 1;
        line.number = { ...at, words: true };
        return;
      }
      // "шатёр на неделю", "a DJ for 2 days" (sold by the day, by the hour): another measure's amount
      // near it is no quantity of it and not one either; asked back.
      const other = otherMeasureNear(text, measure, near);
      if (other) {
        line.number = { start: other.start, end: other.end, words: true };
        r.unread.push({ productId: line.product.id, ...other, reason: 'unplaced' });
      }
      return;
    }
    const n = ofMeasure[0]!;
    // "3 дня по 4 часа", "4 hours a day for 3 days": time in two measures; asked back, not multiplied.
    const times = new Set<Measure>(['hour', 'day', 'night', 'week', 'month', 'year']);
    const otherTime0 = times.has(measure)
      ? otherMeasureNear(text, measure, near, times, ofMeasure)
      : undefined;
    // «на неделю, 7 суток», "for a week, 7 days": the same time said twice agrees.
    const weekSaid = otherTime0 && new RegExp(oneWeek.source, 'iu').exec(otherTime0.text);
    const otherTime =
      weekSaid &&
      (measure === 'day' || measure === 'night') &&
      ofMeasure.length === 1 &&
      n.value === (weekSaid[1]!.toLowerCase() === 'fortnight' ? 14 : 7)
        ? undefined
        : otherTime0;
    if (otherTime) {
      for (const c of ofMeasure) c.claimed = true;
      line.number = { start: n.start, end: n.end, words: n.words };
      r.unread.push({ productId: line.product.id, ...otherTime });
      return;
    }
    // Pieces counted beside it: next to the product, or right before the measure's number ("need
    // one for 6 days", "two for 3 days").
    const pieces = r.candidates.filter(
      (c) =>
        !c.claimed &&
        !ofMeasure.includes(c) &&
        c.measure === undefined &&
        !headCount(text, c) &&
        // "часа три дизайнера, потом тысячу визиток": a number right before another product counts it.
        !lines.some((o) => o !== line && o.start >= c.end && fillerBefore(text.slice(c.end, o.start))) &&
        (next(c) ||
          (c.start >= line.end &&
            c.end <= n.start &&
            wordCount(text.slice(c.end, n.start)) <= 3 &&
            !sentenceBreak.test(text.slice(c.end, n.start)) &&
            !conjunction.test(text.slice(c.end, n.start)))),
    );
    for (const c of [...ofMeasure.slice(1), ...pieces]) c.claimed = true;
    const many = pieces.find((c) => c.value !== 1) ?? ofMeasure.find((c) => c.value !== n.value);
    if (many) {
      unplaced(r, line, n, many);
      return;
    }
    take(r, line, n);
  });
}

/**
 * An amount of another measure than `measure` near a product sold by one: a number with that
 * measure's word ("2 days" for a product sold by the hour) or «на неделю», "for a week".
 */
function otherMeasureNear(
  text: string,
  measure: Measure,
  near: (at: { start: number; end: number }) => boolean,
  only?: ReadonlySet<Measure>,
  /** Numbers already read in `measure` (weeks counted in days): not another measure's. */
  read: readonly { start: number }[] = [],
): Unread | undefined {
  const found = (start: number, end: number): Unread => ({
    text: text.slice(start, end),
    start,
    end,
    reason: 'unplaced',
  });
  for (const m of text.matchAll(oneUnit)) {
    const other = unitWordAt(` ${m[1]}`)?.measure;
    if (only && other && !only.has(other)) continue;
    if (other && other !== measure && near({ start: m.index, end: m.index + m[0].length }))
      return found(m.index, m.index + m[0].length);
  }
  for (const n of findNumbers(text)) {
    const other = measureAfter(text, n.end);
    if (only && other && !only.has(other)) continue;
    if (read.some((c) => c.start === n.start)) continue;
    // "октября 2027 года", "2027 г.": a date's year, not years of something.
    if (other === 'year' && !n.words && n.value >= 1900 && n.value <= 2100) continue;
    if (other === 'year' && ageOf(text, n)) continue;
    if (other && other !== measure && near(n))
      return found(n.start, n.end + unitWordAt(text.slice(n.end))!.length);
  }
  return undefined;
}

/**
 * An age, not years of a service: "9 years old", "a 3-year-old", "aged 7", «ему 5 лет», «им по 3 года», «лет
 * от роду», «Собаке 7 лет» (a noun in the dative starting the sentence).
 */
function ageOf(text: string, n: { start: number; end: number }): boolean {
  const after = text.slice(n.end, n.end + 24);
  const before = text.slice(Math.max(0, n.start - 24), n.start);
  return (
    /^[\s\u00a0-]*(?:years?|yrs?)[\s\u00a0-]+old(?!\p{L})/iu.test(after) ||
    /^[\s\u00a0]*(?:лет|года?)[\s\u00a0]+от[\s\u00a0]+роду/iu.test(after) ||
    /(?<!\p{L})(?:aged|ему|ей|им)(?:[\s\u00a0]+по)?[\s\u00a0]+$/iu.test(before) ||
    /(?:^|[.!?;][\s\u00a0]*)\p{Lu}\p{Ll}+[еу][\s\u00a0]+$/u.test(before)
  );
}

/** Words after a number after a product that do not make it a count of another thing ("Стулья 50 пожалуйста"). */
const plainAfterNumber = new Set(
  (
    'нужно надо нужны нужен нужна будет будут стоит стоят стоимость цена сколько почем почём пожалуйста ' +
    'плиз штук штуки шт посчитайте посчитать рассчитайте хотим хочу можно есть всего итого примерно около ' +
    'или либо это этого нам мне для на в по к до за с со и а но please pls total in at to for of the or ' +
    'and but each per now asap how what price cost costs would will is are we please thanks'
  ).split(' '),
);

/**
 * The word right after a number that follows a product names another thing, not the product's unit
 * nor the product: "Folding chairs: 6 tables of 8 people", «Стулья: 6 столов по 8 человек».
 */
function anotherThingAfter(text: string, n: Candidate, product: ProductDoc): boolean {
  const m = /^[\s\u00a0]+([\p{L}-]{3,})/u.exec(text.slice(n.end, n.end + 40));
  if (!m || n.measure !== undefined) return false;
  const word = m[1]!.toLowerCase().replace(/ё/gu, 'е');
  if (plainAfterNumber.has(word) || plainFollowers.has(word) || numeral(word)) return false;
  if (unitWordAt(text.slice(n.end, n.end + 40)) || peopleAfter.test(text.slice(n.end, n.end + 24)))
    return false;
  if (adjectiveEnding.test(word)) return false;
  // A unit's word of the product misspelt by one letter ("семь чаов"): its unit, not another thing.
  if (
    unitWords(measureOf(product)).some((u) => u.length >= 3 && u[0] === word[0] && distance(u, word, 1) <= 1)
  )
    return false;
  const names = [product.name, product.names?.ru, product.names?.en].join(' ');
  const key = wordKey(word);
  return !tokenize(names).some((t) => t.key === key || (key.length >= 5 && distance(t.key, key, 1) <= 1));
}

/** A number before the product it counts, words between allowed ("12 of your chairs"). */
function countBefore(r: Reading): void {
  const { text, lines } = r;
  lines.forEach((line, i) => {
    if (line.number) return;
    const from = i > 0 ? lines[i - 1]!.end : 0;
    const before = r.candidates.filter((n) => !n.claimed && n.start >= from && n.end <= line.start);
    const n = before[before.length - 1];
    // "5 кг сухого льда" for a product sold by the piece: another measure, not its count.
    if (n && !fits(line, n)) return;
    // "Стол — 6 шт. Кресло Ergo — 4 шт.": a count with its unit right after the product before is its.
    if (
      n &&
      i > 0 &&
      /^[\s\u00a0:—–-]*$/u.test(text.slice(lines[i - 1]!.end, n.start)) &&
      unitAfter.test(text.slice(n.end, n.end + 20))
    )
      return;
    if (n && fillerBefore(text.slice(n.end, line.start))) take(r, line, n);
  });
}

/** A preposition right before a number after a product: "для 3 мониторов", "for 3 monitors". */
const tailBefore = /(?:^|[^\p{L}])(?:для|под|for|with)[\s\u00a0]*$/iu;

/** A number after a product not counted yet ("Widget Pro x 20", "кресел нужно штук двадцать", "Widget Pro — 20 шт"). */
function countAfter(r: Reading): void {
  const { text, lines } = r;
  lines.forEach((line, i) => {
    if (line.number) return;
    const to = i + 1 < lines.length ? lines[i + 1]!.start : text.length;
    const n = r.candidates.find((c) => !c.claimed && c.start >= line.end && c.end <= to);
    if (n && fillerAfter(text.slice(line.end, n.start)) && !headCount(text, n)) {
      if (!fits(line, n)) return;
      // "Кресло Ergo за 12000", "Ergo Chair at 150": a price after the product, not how many.
      if (priceBefore.test(text.slice(line.end, n.start)) && !unitAfter.test(text.slice(n.end, n.end + 20)))
        return;
      // "кронштейн для 3 мониторов", "arm for 3 monitors": the number counts what follows, another thing.
      if (tailBefore.test(text.slice(line.end, n.start)) && countsOther(text, n)) return;
      // "сборка двух столов, часа 3": hours are not a count of a product sold by the piece.
      if (!byTheHour(line.product) && hoursBefore.test(text.slice(line.end, n.start))) return;
      // "Стулья: 6 столов по 8 человек": the number counts another thing right after it; asked back.
      // "engrave 30 key rings", «забрендировать 30 футболок»: a service by the piece named by its verb
      // counts the things it works on.
      const worksOn = line.derived === 'process' && measureOf(line.product) === 'piece';
      if (!worksOn && anotherThingAfter(text, n, line.product)) {
        unplaced(r, line, n);
        return;
      }
      take(r, line, n);
    }
  });
}

/** One product: the one count the message states elsewhere ("CRM seat, we are 12 users"). */
function oneCountElsewhere(r: Reading): void {
  const { text, lines } = r;
  const open = lines.filter((l) => !l.number);
  if (lines.length !== 1 || open.length !== 1) return;
  const measure = measureOf(open[0]!.product);
  const left = r.candidates.filter((c) => !c.claimed);
  const counted = left.filter(
    (c) =>
      fits(open[0]!, c) &&
      (unitAfter.test(text.slice(c.end, c.end + 20)) ||
        unitBefore.test(text.slice(Math.max(0, c.start - 20), c.start)) ||
        wantBefore.test(text.slice(Math.max(0, c.start - 24), c.start)) ||
        (intentBefore.test(text.slice(Math.max(0, c.start - 30), c.start)) &&
          sentenceEnd.test(text.slice(c.end, c.end + 4))) ||
        (measure !== 'piece' && c.measure === measure) ||
        ownNounEarlier(text, open[0]!, c, measure)),
  );
  if (left.length === 1 && counted.length === 1) take(r, open[0]!, counted[0]!);
}

/**
 * The product's own noun earlier in the number's sentence, outside its name: «окна помыть, их у меня
 * одиннадцать», «Окон у нас десятка три»: the one number left counts them.
 */
function ownNounEarlier(text: string, line: QuantityLine, c: Candidate, measure: Measure): boolean {
  if (!measure.startsWith('own:') || c.measure !== undefined) return false;
  const start = Math.max(0, ...[...text.slice(0, c.start).matchAll(/[.!?;\n]/gu)].map((m) => m.index + 1));
  const re = new RegExp(String.raw`(?<!\p{L})(?:${ownNounText(measure.slice(4))})(?!\p{L})`, 'giu');
  return [...text.slice(start, c.start).matchAll(re)].some((m) => {
    const at = start + m.index;
    return at >= line.end || at + m[0].length <= line.start;
  });
}

/**
 * A product named by one word of its name that another word qualifies as something else ("30 desk
 * lamps", "5 столов для переговоров"): maybe not that product; asked, not priced.
 */
function doubtQualified(r: Reading): void {
  const { text } = r;
  for (const line of r.lines) {
    if (line.via !== 'partial' || !qualified(text, line)) continue;
    // "office chair assembly": the word before the service is what it works on, not another service.
    if (r.objects.some((o) => o.end <= line.start && /^[\s\u00a0-]*$/u.test(text.slice(o.end, line.start))))
      continue;
    const n = line.number;
    delete line.quantity;
    if (!r.unread.some((u) => u.productId === line.product.id))
      r.unread.push({
        productId: line.product.id,
        text: n ? text.slice(n.start, n.end) : text.slice(line.start, line.end),
        start: n?.start ?? line.start,
        end: n?.end ?? line.end,
        reason: 'qualified',
      });
  }
}

/** "chairs and desks, 10 of each", "кресла и столы по 10 штук каждого": one count for all. */
function oneCountForEach(r: Reading): void {
  const { lines } = r;
  const counted = lines.filter((l) => l.quantity !== undefined);
  if (
    lines.length > 1 &&
    counted.length === 1 &&
    r.candidates.length === 1 &&
    ofEach.test(r.text) &&
    !r.unread.length
  )
    for (const line of lines)
      if (line.quantity === undefined) {
        line.quantity = counted[0]!.quantity;
        line.number = counted[0]!.number;
      }
}

/**
 * "a standing desk and two monitor arms": beside counted products, "a" is one. Not with "each" ("3
 * desks with a monitor arm each": 3 arms).
 */
function articleIsOne(r: Reading): void {
  const { text, lines } = r;
  if (!lines.some((l) => l.quantity !== undefined) || ofEach.test(text) || distributive.test(text)) return;
  for (const line of lines) {
    const from = Math.max(0, line.start - 4);
    const article = /(?<!\p{L})(?:a|an)[\s\u00a0]+$/iu.exec(text.slice(from, line.start));
    if (line.number || !article) continue;
    line.quantity = 1;
    line.number = {
      start: from + article.index,
      end: from + article.index + article[0].trim().length,
      words: true,
    };
  }
}

/**
 * "цена одного кресла при покупке 60 штук", "price of one chair if we buy 60": the price for one
 * asked at a quantity; that quantity is the line's.
 */
function oneAtQuantity(r: Reading): void {
  const { text, lines, candidates } = r;
  const one = lines.length === 1 && lines[0]!.quantity === 1 ? lines[0]! : undefined;
  if (!one) return;
  const at = candidates.filter(
    (c) =>
      !c.claimed &&
      fits(one, c) &&
      (unitAfter.test(text.slice(c.end, c.end + 20)) ||
        wantBefore.test(text.slice(Math.max(0, c.start - 24), c.start))),
  );
  if (at.length === 1 && candidates.filter((c) => !c.claimed).length === 1) take(r, one, at[0]!);
}

/** Words that join items of one list: "и", "and", "plus", a comma. */
const listJoin = /^[\s\u00a0]*(?:,|,?[\s\u00a0]*(?:и|а\s+также|плюс|and|plus|as\s+well\s+as))[\s\u00a0]*$/iu;
/** Words that end the name of a thing counted ("2 тумбочки для офиса", "2 whiteboards please"). */
const itemEnd = new Set(
  (
    'и а или также тоже ещё еще плюс для на в во по с со к за из от пожалуйста нужно надо нужны сколько цена ' +
    'почем почём каждый каждого and or plus also too for to in on at with from of please pls need needed how ' +
    'what price cost each'
  ).split(' '),
);

/**
 * Things counted in a list beside products read, that the catalog does not name ("5 кресел и 2
 * тумбочки", "2 whiteboards and 5 chairs"): a number left over with a word after it that is no unit
 * or people, joined to a product read by "и", "and", "plus" or a comma. The products read keep their
 * quantities; the caller says the other thing is not in the catalog. Not when anything is counted per
 * something ("для каждого", "per desk").
 */
function otherItems(r: Reading): void {
  const { text, lines } = r;
  // Where a line's count is written: its number, a vague word before it ("несколько кресел"), its name.
  const countAt = (l: QuantityLine) =>
    l.number?.start ??
    r.vague.find((v) => v.end <= l.start && fillerBefore(text.slice(v.end, l.start)))?.start ??
    (l.quantity !== undefined ? l.start : undefined);
  const counted = lines.filter((l) => countAt(l) !== undefined);
  if (!counted.length || distributive.test(text)) return;
  for (const c of r.candidates) {
    if (c.claimed || headCount(text, c) || problemOf(c) || !countsOther(text, c)) continue;
    if (peopleNear.test(text.slice(c.end, c.end + 40))) continue;
    const end = itemWordsEnd(text, c.end, lines);
    const joined = counted.some(
      (l) =>
        (l.end <= c.start && listJoin.test(text.slice(l.end, c.start))) ||
        (countAt(l)! >= end && listJoin.test(text.slice(end, countAt(l)))),
    );
    if (!joined || end === c.end) continue;
    c.claimed = true;
    const measure = unitWordAt(text.slice(c.end, c.end + 30))?.measure;
    r.others.push({
      text: text.slice(c.start, end),
      quantity: c.value,
      start: c.start,
      end,
      ...(measure && measure !== 'piece' ? { measure: true } : {}),
    });
  }
}

/** Where the words naming a thing counted end: up to three words, before a break, a joining word or a product. */
function itemWordsEnd(text: string, from: number, lines: readonly QuantityLine[]): number {
  const words = wordsAfter(text, from, lines);
  let end = from;
  for (let i = 0; i < words.length; i++) {
    if (itemEnd.has(words[i]!.lower) || i >= 3) return i > 0 ? (nameTailEnd(words, i) ?? end) : end;
    end = words[i]!.end;
  }
  return end;
}

type Word = { lower: string; end: number };

/** The words right after `from`, one space apart, up to a product named or anything else. */
function wordsAfter(text: string, from: number, lines: readonly QuantityLine[]): Word[] {
  const out: Word[] = [];
  for (const m of text.slice(from, from + 80).matchAll(/[\s\u00a0]+([\p{L}-]+)|./gsu)) {
    const word = m[1];
    const at = from + m.index + m[0].length - (word?.length ?? 0);
    const last = out[out.length - 1]?.end ?? from;
    if (!word || from + m.index !== last || lines.some((l) => l.start === at)) break;
    out.push({ lower: word.toLowerCase().replace(/ё/gu, 'е'), end: at + word.length });
  }
  return out;
}

/** A Russian adjective before the tail's noun (every case, gender and number: «верхней», «офисных»). */
const tailAdjective = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ую|юю|ым|им|ыми|ими|ых|их|ей)$/u;

/** Prepositions that begin the tail of a thing's name ("подставок для ног", "boxes of paper"). */
const tailPreposition = new Set(['для', 'под', 'из', 'of', 'for']);
/** Words after "for" that say who or where it is for, not what it is ("for the office", "for our team"). */
const forWhom =
  /^(?:the|our|your|my|us|me|them|each|every\p{L}*|all|this|that|these|those|a|an|office|home|staff|team|employees|people|guests|kids|children|school|business|work|delivery)$/u;

/**
 * The end of a prepositional tail of a thing's name at `words[i]`: the preposition, adjectives and
 * the noun they agree with ("вешалок для верхней одежды", "stands for monitors"); none when it says
 * who or where the thing is for («для офиса», "for the team") or holds a number.
 */
function nameTailEnd(words: readonly Word[], i: number): number | undefined {
  if (!tailPreposition.has(words[i]!.lower)) return undefined;
  const plain = (w: Word) =>
    w.lower.length >= 2 && !itemEnd.has(w.lower) && !numeral(w.lower) && !forWhom.test(w.lower);
  // English: one or two plain words ("boxes of printer paper", "stands for monitors").
  if (/^[a-z-]+$/u.test(words[i + 1]?.lower ?? '')) {
    let end: number | undefined;
    for (const w of words.slice(i + 1, i + 3)) {
      if (!plain(w)) break;
      end = w.end;
    }
    return end;
  }
  let j = i + 1;
  while (j < words.length - 1 && j < i + 3 && tailAdjective.test(words[j]!.lower)) j++;
  const noun = words[j];
  return noun && plain(noun) && !usualPurpose.test(noun.lower) ? noun.end : undefined;
}

/**
 * Numbers left over that differ from every quantity read ("одного кресла при покупке 60 штук", "10
 * chairs for each of our 3 offices"), or numbers counted per something ("2 arms per desk, 6 desks",
 * "по 2 кронштейна на каждый из 6 столов"): which number counts what is not sure, so no line that
 * could be counted by it keeps its quantity.
 */
function doubtLeftovers(r: Reading): void {
  const { text, candidates } = r;
  const read = r.lines.filter((l) => l.quantity !== undefined);
  // A product counted in cars (a wash per car): every count of cars is its.
  const carsSold = r.lines.some((l) =>
    /^own:.*(?:машин|автомобил|авто|car|vehicle)/iu.test(measureOf(l.product)),
  );
  // A number in another sentence is another question ("…20 Widget Pro? А если взять тридцать?").
  const sentence = (at: number) => (text.slice(0, at).match(/[.!?;\n]+/gu) ?? []).length;
  const left = candidates.filter(
    (c) =>
      !c.claimed &&
      !headCount(text, c) &&
      !(vehicleCount(text, c) && !carsSold) &&
      (!read.some((l) => l.quantity === c.value) || countsOther(text, c)) &&
      read.some(
        (l) => sentence(l.start) === sentence(c.start) || sentence(l.number!.start) === sentence(c.start),
      ),
  );
  const perSomething = distributive.test(text) && candidates.length >= 2;
  if (!read.length || (!left.length && !perSomething)) return;
  for (const line of read) {
    const n = line.number!;
    delete line.quantity;
    r.unread.push({
      productId: line.product.id,
      text: text.slice(n.start, n.end),
      start: n.start,
      end: n.end,
      reason: 'unplaced',
    });
  }
}

/**
 * The customer's cars counted ("from our two cars", «с двух наших машин», «для четырёх машин», «на двух
 * машинах»): how many cars, like a head count, is no count of a product, nor a doubt on one read
 * (per car, "each", «по 4 на каждую», is still doubted).
 */
const vehicleAfter =
  /^[\s\u00a0]+(?:(?:our|my|your|the|наш\p{L}*|мо\p{L}*|сво\p{L}*)[\s\u00a0]+)?(?:машин(?:а|ы|е|у|ой|ам|ами|ах)?|автомобил(?:ь|я|ей|ям|ями|ях|е)|авто|cars?|vehicles?)(?!\p{L})/iu;
const vehicleCount = (text: string, n: { end: number }) => vehicleAfter.test(text.slice(n.end, n.end + 30));

/** "столько же столов", "the same number of desks", "as many desks": a count by reference, asked. */
function sameCountAsked(r: Reading): void {
  const { text } = r;
  for (const m of text.matchAll(sameCount)) {
    const line = r.lines.find(
      (l) => l.start >= m.index && fillerBefore(text.slice(m.index + m[0].length, l.start)),
    );
    if (!line) continue;
    delete line.quantity;
    r.unread.push({
      productId: line.product.id,
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      reason: 'vague',
    });
  }
}

/**
 * Number-like words the reader could not read, next to a product or anywhere when one is named: no
 * quantity is guessed for it. First found wins: a vague determiner before it ("some desks"), a whole
 * group ("на весь отдел"), a vague or misspelt word near it, a number near it not taken.
 */
function unreadNearby(r: Reading): void {
  const { text, lines } = r;
  for (const line of lines.filter((l) => !l.number)) {
    const near = (s: number, e: number) =>
      lines.length === 1 ||
      (e <= line.start && fillerBefore(text.slice(e, line.start))) ||
      (s >= line.end && fillerAfter(text.slice(line.end, s)));
    const found =
      vagueDeterminer(text, line) ??
      wholeGroupIn(text) ??
      someOwnNoun(text, line) ??
      wholeObjectIn(text, line) ??
      engineOnly(text, line) ??
      r.vague.find((w) => near(w.start, w.end));
    if (found) {
      r.unread.push({ productId: line.product.id, ...found });
      continue;
    }
    const loose = r.candidates.find((c) => !c.claimed && near(c.start, c.end));
    if (loose)
      r.unread.push({
        productId: line.product.id,
        text: text.slice(loose.start, loose.end),
        start: loose.start,
        end: loose.end,
        reason: problemOf(loose) ?? 'unplaced',
      });
  }
}

type Unread = Omit<UnreadQuantity, 'productId'>;

/** "some standing desks", "some of your chairs": the vague word before the product. */
function vagueDeterminer(text: string, line: QuantityLine): Unread | undefined {
  const some = vagueBefore.exec(text.slice(Math.max(0, line.start - 40), line.start));
  if (!some) return undefined;
  const at = line.start - some[0].trimStart().length;
  const word = /^[\p{L}-]+/u.exec(text.slice(at))![0];
  return { text: word, start: at, end: at + word.length, reason: 'vague' };
}

/**
 * What a product sold by area, volume, length or its own noun works on, named with no size: «Квартира
 * трёхкомнатная», "for my flat", «для нашего участка», "a 2-bedroom house": how many is not said.
 */
const wholeObject =
  /(?<!\p{L})(?:(?:одно|одн|двух|дву|тр[её]х|четыр[её]х|пяти|\d+-?х?)[\s-]?комнатн\p{L}*|(?:\d+|one|two|three|four|five)[\s-]+(?:bed(?:room)?|room)(?!\p{L})|(?:for|of|on|in)\s+(?:my|our|the|a|this)\s+(?:whole\s+)?(?:flat|apartment|house|home|garden|lawn|plot|yard|property|office|cottage|dacha)(?!\p{L})|(?:для|у)\s+(?:моей|нашей|моего|нашего|меня\s+на|нас\s+на)\s+(?:квартир|дом|дач|участ|сад|газон|офис)\p{L}*)/iu;
const sized = new Set<Measure>(['sqm', 'sotka', 'cum', 'm']);
function wholeObjectIn(text: string, line: QuantityLine): Unread | undefined {
  const measure = measureOf(line.product);
  if (!sized.has(measure) && !measure.startsWith('own:')) return undefined;
  const m = wholeObject.exec(text);
  return m ? { text: m[0], start: m.index, end: m.index + m[0].length, reason: 'vague' } : undefined;
}

/**
 * A product sold by the litre named with an engine's size and no amount ("oil for my 2.5 litre engine",
 * «масло в двигатель 1.6»): the engine's litres are no amount of it; how many is asked.
 */
function engineOnly(text: string, line: QuantityLine): Unread | undefined {
  if (measureOf(line.product) !== 'litre') return undefined;
  const n = findNumbers(text).find((f) => engineSize(text, f));
  return n ? { text: text.slice(n.start, n.end), start: n.start, end: n.end, reason: 'unplaced' } : undefined;
}

/** "some trees", «несколько деревьев»: a vague word before the product's own noun, anywhere. */
function someOwnNoun(text: string, line: QuantityLine): Unread | undefined {
  const measure = measureOf(line.product);
  if (!measure.startsWith('own:')) return undefined;
  const re = new RegExp(
    String.raw`(?<!\p{L})(?:some|several|a\s+few|few|many|a\s+lot\s+of|lots\s+of|несколько|много|пара)(?:\s+\p{L}+){0,2}?\s+(?:${ownNounText(measure.slice(4))})(?!\p{L})`,
    'iu',
  );
  const m = re.exec(text);
  return m ? { text: m[0], start: m.index, end: m.index + m[0].length, reason: 'vague' } : undefined;
}

/** "на весь отдел", "for the whole team", "not sure how many" anywhere in the message. */
function wholeGroupIn(text: string): Unread | undefined {
  const group = wholeGroup.exec(text);
  if (!group) return undefined;
  return { text: group[0], start: group.index, end: group.index + group[0].length, reason: 'vague' };
}

/** One each for a head count: "каждому по креслу", "по одному каждому", "one chair for each of our 14". */
const oneEach =
  /(?<!\p{L})(?:каждому\s+по|по\s+(?:одному|одной|одно)(?:\s+\p{L}+)?\s+(?:на\s+)?кажд\p{L}*|всем\s+(?:нужн\p{L}*|надо|по)|(?:one|a|an)\s+(?:\p{L}+\s+){0,3}(?:for|per|to)\s+(?:each|every)(?:one|body)?|each\s+(?:of\s+them\s+)?(?:needs|gets|will\s+need)\s+(?:a|one))(?!\p{L})/iu;

/** People counted after a number, one word between allowed ("14 new employees", "троих сотрудников"). */
const peopleNear =
  /^[\s\u00a0]+(?:\p{L}+[\s\u00a0]+)?(?:человек\p{L}*|людей|сотрудник\p{L}*|работник\p{L}*|программист\p{L}*|разработчик\p{L}*|менеджер\p{L}*|people|persons?|employees?|staff|hires|colleagues|developers|engineers|workers)(?!\p{L})/iu;

/**
 * One product for each of a head count, the message's only other number: "Нас четверо, каждому по
 * креслу" is 4 chairs, "one chair for each of our 14 new employees" 14. Any other number, or a vague
 * word, leaves it asked.
 */
function onePerPerson(
  text: string,
  lines: QuantityLine[],
  candidates: Candidate[],
  unread: UnreadQuantity[],
): void {
  const line = lines.length === 1 ? lines[0]! : undefined;
  if (!line || (line.quantity !== undefined && line.quantity !== 1) || !oneEach.test(text)) return;
  if (unread.some((u) => u.reason !== 'unplaced')) return;
  const collective = (c: Candidate) =>
    c.words && numeral(text.slice(c.start, c.end).toLowerCase().replace(/ё/gu, 'е'))?.kind === 'collective';
  const heads = candidates.filter(
    (c) =>
      c.value !== 1 &&
      (headCount(text, c) || peopleNear.test(text.slice(c.end, c.end + 40)) || collective(c)),
  );
  const others = candidates.filter((c) => !heads.includes(c) && c.value !== 1);
  const n = heads[0];
  if (heads.length !== 1 || others.length || !n || problemOf(n)) return;
  line.quantity = n.value;
  line.approximate = n.approximate;
  line.number = { start: n.start, end: n.end, words: n.words };
  unread.splice(0, unread.length);
}

/** Words that follow a product's noun in a price question without making it another thing. */
const plainFollowers = new Set(
  (
    'for please pls and or in at with to the of from each per you we i is are cost costs price prices ' +
    'priced total how what would will do does thanks x pcs units need needed that this which like if ' +
    'plus also all too now asap delivered shipped included only altogether overall then so but on ' +
    'by be cost? please? would could can should along alongside together as well work job jobs ' +
    'service services rental rent hire hiring lease booking аренда аренды прокат ' +
    'after before during within ' +
    // Verbs of a total: "what do 19 boxes come to", "how much would 5 lamps run", "add up to".
    'come comes came run runs add adds amount amounts sum sums'
  ).split(' '),
);

/** Who or where a product is for, not what it is ("кресла для офиса", "столы для сотрудников"). */
const usualPurpose =
  /^(?:(?:колл-|call-)?центр\p{L}*|зал\p{L}*|класс\p{L}*|аудитори\p{L}*|школ\p{L}*|университет\p{L}*|вуз\p{L}*|филиал\p{L}*|склад\p{L}*|магазин\p{L}*|ресепшн\p{L}*|приемн\p{L}*|приёмн\p{L}*|переговорн(?:ой|ую|ая|ых)|кафе|ресторан\p{L}*|гостиниц\p{L}*|отел\p{L}*|опенспейс\p{L}*|студи\p{L}*|программист\p{L}*|разработчик\p{L}*|работник\p{L}*|оператор\p{L}*|студент\p{L}*|ученик\p{L}*|учител\p{L}*|преподавател\p{L}*|клиент\p{L}*|посетител\p{L}*|гост\p{L}*|дет\p{L}*|офис\p{L}*|дом\p{L}*|работ\p{L}*|сотрудник\p{L}*|команд\p{L}*|компани\p{L}*|нас|персонал\p{L}*|кабинет\p{L}*|отдел\p{L}*|менеджер\p{L}*|бухгалтери\p{L}*|коворкинг\p{L}*|(?:авто)?сервис(?:а|у|ом|е|ов)?|партн[её]р\p{L}*|автопарк\p{L}*|гараж\p{L}*|мастерск\p{L}*)$/iu;

/**
 * Whether the word after a product named by one word of its name makes it another thing: an English
 * noun after it ("desk lamps", "chair mats"), a Russian "для"/"под" with words the product's names
 * do not have ("столы для переговоров").
 */
function qualified(text: string, line: QuantityLine): boolean {
  // "plates engraved", "laminated sheets": a service's verb or participle beside what it works on.
  if (line.derived === 'process') return false;
  if (qualifiedBefore(text, line)) return true;
  const next = /^[\s\u00a0]+(\p{L}+)(?:[\s\u00a0]+([\p{L}-]+))?((?:[\s\u00a0]+[\p{L}-]+)*)/u.exec(
    text.slice(line.end, line.end + 60),
  );
  if (!next) return false;
  const [, first, , rest] = next;
  // "для учебного центра": the head noun after the adjectives says what it is for.
  const second = [next[2] ?? '', ...(rest ?? '').trim().split(/[\s\u00a0]+/u)]
    .filter(Boolean)
    .find((w) => !adjectiveEnding.test(w.toLowerCase()) && !numeral(w.toLowerCase().replace(/ё/gu, 'е')));
  const word = first!.toLowerCase();
  if (/^[a-z]+$/u.test(word) && /[a-z]/iu.test(text.slice(line.start, line.end))) {
    // "laminated sheets" for «Sheet Lamination»: a word of the product's own name or its unit.
    const names = [line.product.name, line.product.names?.en].join(' ');
    if (tokenize(names).some((t) => t.key === wordKey(word))) return false;
    return word.length >= 3 && !plainFollowers.has(word) && !numeral(word);
  }
  if ((word === 'для' || word === 'под') && second) {
    const names = [line.product.name, line.product.names?.ru, line.product.names?.en].join(' ');
    if (usualPurpose.test(second)) return false;
    // «шиномонтаж для двенадцати колёс»: the product's own unit's noun is what it counts, no other thing.
    const own = measureOf(line.product);
    if (
      own.startsWith('own:') &&
      new RegExp(String.raw`^(?:${ownNounText(own.slice(4))})$`, 'iu').test(second)
    )
      return false;
    const key = wordKey(second.toLowerCase());
    return !tokenize(names).some((t) => t.key === key);
  }
  return false;
}

/** Words before a product's noun that do not make it another thing ("your chairs", "новых кресел"). */
const plainBefore = new Set(
  (
    'a an the your our my these those this that of some more new few any couple pair dozen several ' +
    'many extra additional same other for buy need want order get price cost quote and or with plus ' +
    'rent hire out book lease ' +
    'per every половиной half ' +
    'ваши ваших вашего ваш вашей наши наших новые новых новое новый новую таких такие эти этих это ' +
    'штук шт пару пара еще ещё и или плюс для на за по из нужно нужны нужна нужен надо хотим хочу ' +
    'купить заказать сколько стоит стоят стоимость цена цену почем почём'
  ).split(' '),
);
/** What an office product usually is anyway: "офисных кресел", "office chairs", "ergonomic chairs". */
const usualKind =
  /^(?:офисн\p{L}*|эргономичн\p{L}*|рабоч\p{L}*|office|ergonomic|work|(?:черн|чёрн|бел|сер|син|красн|зел[её]н|коричнев|бежев|голуб|сини|желт|жёлт)(?:ый|ая|ое|ые|ых|ого|ой|ую|ым|ыми|ий|ее|ие|их|его|ей|юю|им|ими)|black|white|grey|gray|blue|red|green|brown|beige|yellow)$/iu;
const adjectiveEnding = /(?:ых|ые|ое|ый|ий|ая|ую|ой|их|ие|ого|ему|ому|ыми|ими)$/u;

/**
 * Whether the word before a product named by one word of its name makes it another thing: an
 * English word ("gaming chair", "office chairs", "corner desk"), a Russian adjective ("компьютерное
 * кресло", "угловой стол") that the product's names do not have.
 */
function qualifiedBefore(text: string, line: QuantityLine): boolean {
  const from = Math.max(0, line.start - 30);
  const match = /(\p{L}+)[\s\u00a0]+$/u.exec(text.slice(from, line.start));
  const prev = match?.[1];
  if (!prev) return false;
  // The product's own quantity ("sevnty chairs", "десяток с половиной кресел") qualifies nothing.
  if (line.number && line.number.start <= from + match.index && from + match.index < line.number.end)
    return false;
  const word = prev.toLowerCase();
  if (plainBefore.has(word) || numeral(word) || word.length < 3 || usualKind.test(word)) return false;
  // «4 старых сухих дерева», "3 tall dead pine trees": the product named by its own unit's noun (what
  // it counts); words before it say which ones, not another thing.
  const own = measureOf(line.product);
  if (
    own.startsWith('own:') &&
    new RegExp(String.raw`^(?:${ownNounText(own.slice(4))})$`, 'iu').test(text.slice(line.start, line.end))
  )
    return false;
  const names = [line.product.name, line.product.names?.ru, line.product.names?.en].join(' ');
  // A name's word, or one letter away from one ("ofice chairs").
  const key = wordKey(word);
  if (tokenize(names).some((t) => t.key === key || (key.length >= 5 && distance(t.key, key, 1) <= 1)))
    return false;
  if (/^[a-z]+$/u.test(word)) return /[a-z]/iu.test(text.slice(line.start, line.end));
  return adjectiveEnding.test(word);
}

/**
 * A number left over that counts a thing the catalog does not name ("20 Ergo Chairs and 20
 * footrests"): a word follows it that is no unit, measure or people; the total would leave it out.
 */
function countsOther(text: string, n: FoundNumber): boolean {
  const after = text.slice(n.end, n.end + 24);
  return (
    /^[\s\u00a0]+\p{L}{3,}/u.test(after) &&
    !unitAfter.test(after) &&
    !peopleAfter.test(after) &&
    !/^[\s\u00a0]+(?:рабоч\p{L}*\s+мест\p{L}*|workstations?|work\s*places?|desks?\s+for)/iu.test(after)
  );
}

/**
 * Why a number is no quantity, if it is none: a range, a fraction (except of a product sold by a
 * measure that divides, `fractional` in units.ts: "2,5 кг", "1.5 hours", to hundredths), out of range.
 */
function problemOf(n: FoundNumber, product?: ProductDoc): UnreadQuantity['reason'] | undefined {
  if (n.upTo !== undefined) return 'range';
  if (
    !Number.isInteger(n.value) &&
    !(product && fractional(measureOf(product)) && Number.isInteger(Math.round(n.value * 1e6) / 1e4))
  )
    return 'fraction';
  if (n.value < 1 || n.value > MAX_QUANTITY) return 'out-of-range';
  return undefined;
}
