// Ordinal numbers written in words, Russian and English, 1 to 99: «первого», «двадцать пятое»,
// «тридцать первого», «третьей», "first", "twenty-first", "thirty first". Russian ordinals in every
// case, gender and number (перв + ый/ая/ое/ого/ому/ым/ом/ую/ой/ые/ых/ыми; трет + ий/ья/ье/ьего/…), a
// compound's tens as a cardinal («двадцать первого»). Not numbers for findNumbers (an ordinal counts
// nothing: "второй этаж", "50th birthday"); a reader that wants one asks for it (a day in a date:
// «первого марта», "the first of March", packs/events-agency/event-date.ts).

export type FoundOrdinal = { value: number; start: number; end: number };

/** Russian ordinal stems 1–19 and the tens, as the word starts (ё written as е). */
const ruStems: [string, number][] = [
  ['перв', 1],
  ['втор', 2],
  ['четверт', 4],
  ['пят', 5],
  ['шест', 6],
  ['седьм', 7],
  ['восьм', 8],
  ['девят', 9],
  ['десят', 10],
  ['одиннадцат', 11],
  ['двенадцат', 12],
  ['тринадцат', 13],
  ['четырнадцат', 14],
  ['пятнадцат', 15],
  ['шестнадцат', 16],
  ['семнадцат', 17],
  ['восемнадцат', 18],
  ['девятнадцат', 19],
  ['двадцат', 20],
  ['тридцат', 30],
  ['сороков', 40],
  ['пятидесят', 50],
  ['шестидесят', 60],
  ['семидесят', 70],
  ['восьмидесят', 80],
  ['девяност', 90],
];
/** Adjective endings of an ordinal (hard stem), every case, gender and number. */
const ruEndings = new Set(['ый', 'ой', 'ая', 'ое', 'ые', 'ого', 'ому', 'ым', 'ом', 'ую', 'ых', 'ыми', 'ою']);
/** «третий»: a soft stem with its own endings. */
const thirdEndings = new Set([
  'ий',
  'ья',
  'ье',
  'ьи',
  'ьего',
  'ьему',
  'ьим',
  'ьем',
  'ью',
  'ьей',
  'ьих',
  'ьими',
  'ьею',
]);
const ruTens: Record<string, number> = {
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  пятьдесят: 50,
  шестьдесят: 60,
  семьдесят: 70,
  восемьдесят: 80,
  девяносто: 90,
};

const enUnits: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
};
const enTens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** The value of one ordinal word ("первого", "третьей", "fifth"), else undefined. */
export function ordinalWord(word: string): number | undefined {
  const w = word.toLowerCase().replace(/ё/gu, 'е');
  if (enUnits[w] !== undefined) return enUnits[w];
  if (w.startsWith('трет') && thirdEndings.has(w.slice(4))) return 3;
  // The longest stem first: «пятнадцатого» is not «пят» + «надцатого».
  let best: [string, number] | undefined;
  for (const stem of ruStems)
    if (
      w.startsWith(stem[0]) &&
      ruEndings.has(w.slice(stem[0].length)) &&
      stem[0].length > (best?.[0].length ?? 0)
    )
      best = stem;
  return best?.[1];
}

/** Every ordinal in words in the text, a compound ("двадцать первого", "twenty-first") as one. */
export function findOrdinals(text: string): FoundOrdinal[] {
  const out: FoundOrdinal[] = [];
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({
    word: m[0].toLowerCase().replace(/ё/gu, 'е'),
    start: m.index,
    end: m.index + m[0].length,
  }));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const tens = ruTens[w.word] ?? enTens[w.word];
    const next = words[i + 1];
    if (tens !== undefined && next && /^[\s\u00a0-]{1,2}$/u.test(text.slice(w.end, next.start))) {
      const unit = ordinalWord(next.word);
      if (unit !== undefined && unit < 10) {
        out.push({ value: tens + unit, start: w.start, end: next.end });
        i++;
        continue;
      }
    }
    const value = ordinalWord(w.word);
    if (value !== undefined) out.push({ value, start: w.start, end: w.end });
  }
  return out;
}
