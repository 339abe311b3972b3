// Table tests of the reader's rules added after replaying the price-question sets 1 and 2 (issue 61,
// tuning data from 2026-12-06 22:45), each in Russian and English where the language has the form:
// misspelt cardinals one letter from one number, "and a half" after a counted noun, numeral nouns
// ("пятёрку"), head counts before a number ("team of 40"), purposes, colours and typos that do not make
// a product another thing, function words after a name ("along with"), "per chair", "quantity of", one
// each for a head count ("нас четверо, каждому по креслу", "one chair for each of our 14 employees");
// and what is still asked: a whole group ("на весь отдел", "for the whole team"), "не знаю, сколько".
// The sentences are new ones, not the sets' rows.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { findNumbers, findQuantities, numberLike } from './index';

const at = '2026-01-01T00:00:00.000Z';
const product = (id: string, ru: string, en: string, unit?: string): ProductDoc => ({
  id,
  sku: `${id.slice(0, 2).toUpperCase()}-1`,
  name: en,
  names: { ru, en },
  ...(unit ? { unit } : {}),
  prices: [{ currency: 'RUB', amount: 1000 }],
  createdAt: at,
  updatedAt: at,
});
const catalog = [
  product('chair', 'Офисное кресло', 'Office Chair'),
  product('desk', 'Стол с регулировкой высоты', 'Standing Desk'),
  product('arm', 'Кронштейн для двух мониторов', 'Dual Monitor Arm'),
  product('asm', 'Сборка мебели', 'Furniture Assembly', 'hour'),
];

const read = (text: string) => {
  const q = findQuantities(text, catalog);
  return {
    lines: q.lines.map((l) => [l.product.id, l.quantity ?? null] as const),
    unread: q.unread.map((u) => [u.productId, u.reason] as const),
  };
};

describe('reader rules from the tuning sets: read', () => {
  it.each([
    // A misspelt cardinal one letter from forms of one number only.
    ['почём восемнацать кресел?', [['chair', 18]]],
    ['нужно трицать столов', [['desk', 30]]],
    ['quote fourten standing desks', [['desk', 14]]],
    ['price of sevnty chairs', [['chair', 70]]],
    // "and a half" after a counted noun.
    ['дюжина с половиной кресел', [['chair', 18]]],
    ['два десятка с половиной кресел', [['chair', 25]]],
    ['a dozen and a half standing desks', [['desk', 18]]],
    ['two dozen and a half chairs', [['chair', 30]]],
    // Numeral nouns.
    ['закажем семёрку кресел', [['chair', 7]]],
    ['пятёрка столов с регулировкой высоты почём?', [['desk', 5]]],
    // A head count before another number.
    ['Our team of 40 wants 12 chairs', [['chair', 12]]],
    ['в команде из 40 человек нужно 12 кресел', [['chair', 12]]],
    // What a product is for, its colour, a misspelt word of its name: still that product.
    ['30 кресел для учебного класса', [['chair', 30]]],
    ['сорок кресел для колл-центра', [['chair', 40]]],
    ['12 столов для наших разработчиков', [['desk', 12]]],
    ['7 серых кресел', [['chair', 7]]],
    ['5 black chairs please', [['chair', 5]]],
    ['how much for 11 ofice chairs', [['chair', 11]]],
    // Function words after a name.
    [
      '4 desks together with 4 dual monitor arms',
      [
        ['desk', 4],
        ['arm', 4],
      ],
    ],
    ['6 hours of assembly work', [['asm', 6]]],
    // "per chair" asked at a quantity; "quantity of".
    ['price per chair if we order 30?', [['chair', 30]]],
    ['desks in a quantity of 15', [['desk', 15]]],
    // One each for a head count, the only other number.
    ['нас пятеро, каждому по столу с регулировкой высоты', [['desk', 5]]],
    ['кресла для девяти сотрудников, по одному на каждого', [['chair', 9]]],
    ['one standing desk for each of our 11 engineers', [['desk', 11]]],
    ['We are 8 people, each needs a chair', [['chair', 8]]],
  ] as const)('%s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [] });
  });
});

describe('reader rules from the tuning sets: still asked', () => {
  it.each([
    // One letter from two numbers (десяти, девяти).
    ['деяти столов', 'desk', 'typo'],
    // A head count after the product is no count of it.
    ['кресла, нас 15', 'chair', 'unplaced'],
    ['chairs, we are 15', 'chair', 'unplaced'],
    // Another thing: a table for negotiations, a desk lamp.
    ['5 столов для переговоров', 'desk', 'qualified'],
    ['8 desk lamps', 'desk', 'qualified'],
    // A whole group, a number not known, "one or two": how many is not said.
    ['кресла на весь наш филиал', 'chair', 'vague'],
    ['столы всем нашим менеджерам', 'desk', 'vague'],
    ['standing desks for the entire floor', 'desk', 'vague'],
    ['office chairs for everyone here', 'chair', 'vague'],
    ['сборка мебели, не знаем, сколько часов', 'asm', 'vague'],
    ['furniture assembly, not sure how many hours', 'asm', 'vague'],
    ['сборка мебели на денёк-другой', 'asm', 'vague'],
    ['plenty of chairs', 'chair', 'vague'],
    // One each, but another number or two per person: not sure.
    ['нас 15, каждому по 2 кресла', 'chair', 'unplaced'],
    ['a chair for each of our 15 staff and 3 for guests', 'chair', 'unplaced'],
  ] as const)('%s', (text, id, reason) => {
    expect(read(text)).toEqual({ lines: [[id, null]], unread: [[id, reason]] });
  });
});

describe('numbers: "and a half" after a counted noun, numeral nouns, typos', () => {
  it.each([
    ['a dozen and a half', 18],
    ['дюжина с половиной', 18],
    ['десяток с половиной', 15],
    ['пятёрку', 5],
    ['девятка', 9],
  ])('%s', (text, value) => {
    expect(findNumbers(text).map((n) => [n.value, text.slice(n.start, n.end)])).toEqual([[value, text]]);
  });

  it('a misspelt cardinal has its number only when one number is one letter away', () => {
    expect(numberLike('дватцать twleve деяти').map((v) => [v.text, v.value])).toEqual([
      ['дватцать', 20],
      ['twleve', 12],
      ['деяти', undefined],
    ]);
  });
});

// Issue 61 risk seen on set 3 ("10 часов сборки офисной мебели" asked about the chair): a product
// named only as what a service sold by the hour works on is no line of its own; the hours are the
// service's. A number between makes it a product counted (asked, as before).
describe('a service by the hour and what it works on', () => {
  it.each([
    ['Сколько стоят 10 часов сборки офисной мебели?', [['asm', 10]]],
    ['10 часов сборки кресел', [['asm', 10]]],
    ['сборка столов, 4 часа', [['asm', 4]]],
    ['How much for 10 hours of office chair assembly?', [['asm', 10]]],
    ['we need 6 hours of standing desk assembly', [['asm', 6]]],
    ['assembly of the desks, 5 hours', [['asm', 5]]],
    // Both asked for: each its own line.
    [
      '10 кресел и 3 часа сборки',
      [
        ['chair', 10],
        ['asm', 3],
      ],
    ],
    [
      '4 office chairs and 2 hours of assembly',
      [
        ['chair', 4],
        ['asm', 2],
      ],
    ],
  ] as const)('%s', (text, lines) => {
    expect(read(text)).toEqual({ lines, unread: [] });
  });

  it('сборка двух столов, часа 3: the desks are counted, still asked', () => {
    expect(read('Сколько стоит сборка двух столов, часа 3?').lines).toEqual([
      ['asm', null],
      ['desk', null],
    ]);
  });
});

// Issue 61 risk: a message naming one product sold and one not was asked back without saying which is
// not sold. A thing counted in a list beside the products read ("и 2 тумбочки", "and 2 whiteboards")
// is an item the catalog does not have: the products keep their quantities, the caller says so.
describe('a thing counted beside products sold, not in the catalog', () => {
  const others = (text: string) => {
    const q = findQuantities(text, catalog);
    return { ...read(text), others: q.others.map((o) => [o.text, o.quantity] as const) };
  };
  it.each([
    ['Посчитайте 5 кресел и 2 тумбочки', [['chair', 5]], [['2 тумбочки', 2]]],
    ['20 кресел и 20 подставок для ног', [['chair', 20]], [['20 подставок для ног', 20]]],
    ['3 дивана и 4 стола с регулировкой высоты, цена?', [['desk', 4]], [['3 дивана', 3]]],
    ['5 chairs and 2 whiteboards please', [['chair', 5]], [['2 whiteboards', 2]]],
    ['20 office chairs and 20 footrests', [['chair', 20]], [['20 footrests', 20]]],
    ['2 filing cabinets and 4 standing desks, how much?', [['desk', 4]], [['2 filing cabinets', 2]]],
  ] as const)('%s', (text, lines, items) => {
    expect(others(text)).toEqual({ lines, unread: [], others: items });
  });

  it.each([
    // Not a list item: counted per something, people, or joined by no list word.
    ['We need 10 chairs for each of our 3 offices', 'chair'],
    ['10 кресел и 20 новых сотрудников', 'chair'],
    ['20 Ergo Chairs with 20 footrests', 'chair'],
  ])('%s: still asked, no other item', (text, id) => {
    expect(others(text)).toMatchObject({ lines: [[id, null]], others: [] });
  });
});
