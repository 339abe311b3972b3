// Table tests of a product's own unit (issue 61, quotes7 round 2): the unit a product is sold by, when
// it is no unit of the table («дверь», "shrub") or a general measure added to it (сотка/sotka, куб. м/cu
// m/м3/кубометр), is a unit word of that product in every form: a number on it, adjectives between, or
// the noun earlier in the sentence with the one number left, is the quantity. Square metres for a product
// sold by the sotka are read in sotkas when whole; metres for one sold by the square metre are square
// metres. A whole object with no size («на всём участке», "for my garden", «четырёхкомнатный»), or a
// vague word before the product's noun ("some shrubs"), is asked back. Sentences and products are new
// ones, not the price-question sets'. Every row fails on the reader before this change (6910ba3d).
import { describe, expect, it } from 'vitest';
import { measureOf } from '../catalog/units';
import type { ProductDoc } from '../schemas/products';
import { readLines, testProduct } from '../testing/test-product';

const product = (
  id: string,
  ru: string,
  en: string,
  unit: string,
  units: { ru: string; en: string },
): ProductDoc => testProduct(id, ru, en, { unit, units, amount: 700 });
const catalog = [
  product('paint', 'Покраска дверей', 'Door Painting', 'door', { ru: 'дверь', en: 'door' }),
  product('sod', 'Укладка рулонного газона', 'Turf Laying', 'sotka', { ru: 'сотка', en: 'sotka (100 sq m)' }),
  product('rubble', 'Вывоз строительного мусора', 'Rubble Removal', 'cu m', { ru: 'куб. м', en: 'cu m' }),
  product('shrub', 'Обрезка кустов', 'Shrub Trimming', 'shrub', { ru: 'куст', en: 'shrub' }),
  product('office', 'Влажная уборка офиса', 'Office Cleaning', 'sq m', { ru: 'кв. м', en: 'sq m' }),
];
const read = (text: string) => readLines(text, catalog);

describe('measures of a product sold by the sotka or the cubic metre', () => {
  it('reads them from the unit fields', () => {
    expect(catalog.map((p) => measureOf(p))).toEqual([
      'own:door|дверь',
      'sotka',
      'cum',
      'own:shrub|куст',
      'sqm',
    ]);
  });
});

describe("a product's own unit word counts it", () => {
  it.each([
    ['Укладка рулонного газона на восемнадцати сотках', [['sod', 18]]],
    ['Вывоз строительного мусора, девять кубов', [['rubble', 9]]],
    ['Вывоз строительного мусора 3 м3, когда сможете?', [['rubble', 3]]],
    ['Укладка рулонного газона, 7 сот., цена?', [['sod', 7]]],
    ['вывоз строительного мусора 12 кубометров', [['rubble', 12]]],
    ['Rubble removal, eight cubic metres', [['rubble', 8]]],
    ['Turf laying on 14 sotkas', [['sod', 14]]],
    ['turf laying 30 sotok at the dacha', [['sod', 30]]],
    ['Door painting for 6 doors please', [['paint', 6]]],
    ['Shrub trimming for 15 shrubs please', [['shrub', 15]]],
    ['We have 4 tall old shrubs, what would shrub trimming cost?', [['shrub', 4]]],
    ['A couple of doors need it, quote door painting?', [['paint', 2]]],
    ['3 старых деревянных двери у входа, покраска почём?', [['paint', 3]]],
    ['С девятью дверями справитесь? Покраска дверей почём?', [['paint', 9]]],
    ['Дверей в квартире у меня семь. Покраска дверей сколько?', [['paint', 7]]],
    ['Двери все старые, их у нас четыре. Сколько стоит покраска дверей?', [['paint', 4]]],
    ['Обрезка кустов: кустов у нас двенадцать', [['shrub', 12]]],
    ['Обрезка кустов у забора, 3 высоких куста высотой метра 2', [['shrub', 3]]],
    ['Влажная уборка офиса 85 метров', [['office', 85]]],
    ['Укладка рулонного газона, площадь 500 м2', [['sod', 5]]],
    ['Turf laying for a 700 m² garden', [['sod', 7]]],
  ] as const)('%s', (text, lines) => {
    const r = read(text);
    expect(r.lines).toEqual(lines);
    expect(r.unread).toEqual([]);
  });
});

describe('no size said: asked back', () => {
  it.each([
    ['Укладка рулонного газона, площадь 550 м2', 'sod'],
    ['Обрезка кустов на всём участке, цена?', 'shrub'],
    ['Влажная уборка офиса, офис у нас четырёхкомнатный', 'office'],
    ['How much is turf laying for my garden?', 'sod'],
    ['We have some shrubs to cut back, what is shrub trimming?', 'shrub'],
  ] as const)('%s', (text, id) => {
    const r = read(text);
    expect(r.lines.find(([p]) => p === id)?.[1]).toBeNull();
    expect(r.unread.some((u) => u.productId === id)).toBe(true);
  });
});

// The quotes7 round's other classes: a week said beside the same number of days agrees; a day and
// month with a dot («можно 15.07?»), a list's count ("Two things:"), a flat or room number ("apt 12",
// «кв. 48») are no counts; "thre" before a unit's word is three.
describe('other numbers beside a quantity', () => {
  const more = [...catalog, product('tent', 'Аренда шатра', 'Tent Hire', 'day', { ru: 'сутки', en: 'day' })];
  const readMore = (text: string) => readLines(text, more);
  it.each([
    ['Аренда шатра на неделю, то есть 7 суток', [['tent', 7]]],
    ['tent hire for a week, 7 days', [['tent', 7]]],
    ['Обрезка кустов, 6 кустов, можно 15.07?', [['shrub', 6]]],
    [
      'Two things: door painting for 3 doors and shrub trimming for 5 shrubs',
      [
        ['paint', 3],
        ['shrub', 5],
      ],
    ],
    ['Door painting for 4 doors, apt 12, second entrance', [['paint', 4]]],
    ['кв. 48, покраска дверей, цена?', [['paint', null]]],
    ['tent hire for thre days', [['tent', 3]]],
  ] as const)('%s', (text, lines) => {
    const r = readMore(text);
    expect(r.lines).toEqual(lines);
    expect(r.unread).toEqual([]);
  });
});
