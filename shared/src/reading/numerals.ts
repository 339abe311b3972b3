// The numeral words the reader knows, Russian and English, every case and gender written out: a table
// (form -> what it is) rather than a stemmer, so "сорок" and "сорока" are 40 and "сорт" is nothing.
// Kinds: a unit (1-9), a teen (10-19), a ten (20-90), a hundred (100-900; Russian words), a multiplier
// (hundred in English, thousand, million, billion), a collective ("двое", "троих"), a counted noun
// ("десяток", "дюжина", "сотня": N of them), a half ("пол", "half"), one and a half ("полтора"), a pair
// ("пару", "couple") and an article ("a" before "dozen", "hundred", "couple"). Vague words ("несколько",
// "several", "dozens") are number-like but no number.

export type NumeralKind =
  | 'unit'
  | 'teen'
  | 'ten'
  | 'hundreds'
  | 'mult'
  | 'collective'
  | 'noun'
  | 'half'
  | 'oneAndHalf'
  | 'pair'
  | 'article';

export type Numeral = { kind: NumeralKind; value: number; lang: 'ru' | 'en' };

const table = new Map<string, Numeral>();

function add(lang: 'ru' | 'en', kind: NumeralKind, value: number, forms: string): void {
  for (const f of forms.split(/\s+/).filter(Boolean)) table.set(f, { kind, value, lang });
}

/** Stems of Russian numerals declined like "пять": -ь, -и, -ью. */
function ruSoft(value: number, kind: NumeralKind, stem: string) {
  add('ru', kind, value, `${stem}ь ${stem}и ${stem}ью`);
}

add('ru', 'unit', 0, 'ноль нуль ноля нуля');
add('ru', 'unit', 1, 'один одна одно одного одной одному одним одном одну');
add('ru', 'unit', 2, 'два две двух двум двумя');
add('ru', 'unit', 3, 'три трех трем тремя');
add('ru', 'unit', 4, 'четыре четырех четырем четырьмя');
add('ru', 'unit', 5, 'пять пяти пятью');
add('ru', 'unit', 6, 'шесть шести шестью');
add('ru', 'unit', 7, 'семь семи семью');
add('ru', 'unit', 8, 'восемь восьми восемью восьмью');
add('ru', 'unit', 9, 'девять девяти девятью');
add('ru', 'teen', 10, 'десять десяти десятью');
[
  'одиннадцат',
  'двенадцат',
  'тринадцат',
  'четырнадцат',
  'пятнадцат',
  'шестнадцат',
  'семнадцат',
  'восемнадцат',
  'девятнадцат',
].forEach((stem, i) => ruSoft(11 + i, 'teen', stem));
ruSoft(20, 'ten', 'двадцат');
ruSoft(30, 'ten', 'тридцат');
add('ru', 'ten', 40, 'сорок сорока');
add('ru', 'ten', 50, 'пятьдесят пятидесяти пятьюдесятью');
add('ru', 'ten', 60, 'шестьдесят шестидесяти шестьюдесятью');
add('ru', 'ten', 70, 'семьдесят семидесяти семьюдесятью');
add('ru', 'ten', 80, 'восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью');
add('ru', 'ten', 90, 'девяносто девяноста');
add('ru', 'hundreds', 100, 'сто ста');
add('ru', 'hundreds', 200, 'двести двухсот двумстам двумястами двухстах');
add('ru', 'hundreds', 300, 'триста трехсот тремстам тремястами трехстах');
add('ru', 'hundreds', 400, 'четыреста четырехсот четыремстам четырьмястами четырехстах');
for (const [v, nom, obl, ins] of [
  [500, 'пятьсот', 'пят', 'пятью'],
  [600, 'шестьсот', 'шест', 'шестью'],
  [700, 'семьсот', 'сем', 'семью'],
  [800, 'восемьсот', 'восьм', 'восемью восьмью'],
  [900, 'девятьсот', 'девят', 'девятью'],
] as const) {
  const instr = ins
    .split(' ')
    .map((s) => `${s}стами`)
    .join(' ');
  add('ru', 'hundreds', v, `${nom} ${obl}исот ${obl}истам ${obl}истах ${instr}`);
}
add('ru', 'hundreds', 150, 'полтораста полутораста');
add('ru', 'mult', 1000, 'тысяча тысячи тысяч тысячу тысячей тысячею тысячам тысячами тысячах тыс');
add('ru', 'mult', 1000, 'тыща тыщи тыщ тыщу тыщей');
add('ru', 'mult', 1e6, 'миллион миллиона миллионов миллиону миллионом миллионам миллионами миллионах млн');
add('ru', 'mult', 1e9, 'миллиард миллиарда миллиардов миллиарду миллиардом миллиардами миллиардах млрд');
add('ru', 'collective', 2, 'двое двоих двоим двоими оба обе обоих обеих обоим обеим');
add('ru', 'collective', 3, 'трое троих троим троими');
add('ru', 'collective', 4, 'четверо четверых четверым четверыми');
add('ru', 'collective', 5, 'пятеро пятерых пятерым пятерыми');
add('ru', 'collective', 6, 'шестеро шестерых шестерым шестерыми');
add('ru', 'collective', 7, 'семеро семерых семерым семерыми');
add('ru', 'collective', 8, 'восьмеро восьмерых восьмерым');
add('ru', 'collective', 9, 'девятеро девятерых девятерым');
add('ru', 'collective', 10, 'десятеро десятерых десятерым');
add(
  'ru',
  'noun',
  10,
  'десяток десятка десятку десятком десятке десятки десятков десяткам десятками десятках',
);
add('ru', 'noun', 12, 'дюжина дюжины дюжину дюжиной дюжине дюжин дюжинам дюжинами');
add('ru', 'noun', 100, 'сотня сотни сотню сотней сотне сотен сотням сотнями сотнях');
// Numeral nouns: "пятёрку столов", "четвёрка кресел" (ё is read as е). Not "двойка"/"тройка": one letter
// from "двойной"/"тройной".
for (const [v, stem] of [
  [4, 'четверк'],
  [5, 'пятерк'],
  [6, 'шестерк'],
  [7, 'семерк'],
  [8, 'восьмерк'],
  [9, 'девятк'],
] as const)
  add('ru', 'noun', v, `${stem}а ${stem}и ${stem}у ${stem}ой`);
add('ru', 'half', 0.5, 'пол');
add('ru', 'oneAndHalf', 1.5, 'полтора полторы полутора');
add('ru', 'pair', 2, 'пара пару пары парой паре');
// "полсотни", "полтысячи", "полмиллиона", "полдюжины", "полдесятка", "полсотня"
add('ru', 'unit', 50, 'полсотни полсотня полсотню полусотни');
add('ru', 'mult', 500, 'полтысячи полутысячи');
add('ru', 'mult', 5e5, 'полмиллиона полумиллиона');
add('ru', 'unit', 6, 'полдюжины');
add('ru', 'unit', 5, 'полдесятка');

const enUnits = 'zero one two three four five six seven eight nine'.split(' ');
enUnits.forEach((w, i) => add('en', 'unit', i, w));
'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
  .split(' ')
  .forEach((w, i) => add('en', 'teen', 10 + i, w));
'twenty thirty forty fifty sixty seventy eighty ninety'
  .split(' ')
  .forEach((w, i) => add('en', 'ten', 20 + 10 * i, w));
add('en', 'ten', 40, 'fourty');
add('en', 'mult', 100, 'hundred hundreds');
add('en', 'mult', 1000, 'thousand thousands grand');
add('en', 'mult', 1e6, 'million millions mln mio');
add('en', 'mult', 1e9, 'billion billions bn');
add('en', 'noun', 12, 'dozen dozens');
add('en', 'noun', 20, 'score');
add('en', 'half', 0.5, 'half');
add('en', 'pair', 2, 'couple pair');
add('en', 'article', 1, 'a an');
add('en', 'collective', 2, 'both');

export const numeral = (word: string): Numeral | undefined => table.get(word);

/** Every numeral form, for the typo check (numberLike). */
export const numeralForms = (): string[] => [...table.keys()];

/**
 * Words that count without a number: "несколько", "several", "dozens" (plural counted nouns are
 * vague only when no number is before them; the reader decides that).
 */
export const vagueWords = new Set(
  (
    'несколько нескольких нескольким несколькими много многих немного немало мало энное энного энное ' +
    'куча кучу уйма уйму ' +
    'several few many multiple numerous lots lot loads plenty bunch handful various'
  ).split(' '),
);

/** Plural counted nouns vague on their own ("десятки кресел", "dozens of chairs", "сотни", "тысячи"). */
export const vaguePlurals = new Set(
  'десятки десятков десятками сотни сотен сотнями тысячи тысяч тысячами dozens hundreds thousands millions'.split(
    ' ',
  ),
);
