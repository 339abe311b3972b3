// How a quote asks and says "how many" in the product's unit (issue 61, format-quote.ts): pieces as
// before, time and people "for how many", weight, area and length "how many of the unit", in Russian
// and English, and the heading of prices for one unit.
import { describe, expect, it } from 'vitest';
import {
  howManyOfEachQuestion,
  howManyOpening,
  howManyQuestion,
  perOneUnit,
  perUnitHeading,
  perUnitHeadingPattern,
  type UnitPhraseProduct,
} from './format-quote';

const stage = { ru: 'Сцена', en: 'Stage', units: { ru: 'день', en: 'day' } };
const sand = { ru: 'Песок для площадки', en: 'Play Sand', unit: 'kg' };
const carpet = { ru: 'Ковровое покрытие', en: 'Carpet', units: { ru: 'кв. м', en: 'sq m' } };
const clown = { ru: 'Аниматор', en: 'Entertainer', unit: 'hour' };
const photo = { ru: 'Услуги фотографа', en: 'Photographer', unit: 'hour' };
const garland = { ru: 'Гирлянда', en: 'Garland' };
const furniture = { ru: 'Мебель', en: 'Furniture Set', units: { ru: 'день', en: 'day' } };
const chef = { ru: 'Выездной повар', en: 'Private Chef', unit: 'guests' };
const awning = { ru: 'Шатёр-навес', en: 'Awning', units: { ru: 'сутки', en: 'day' } };

type Named = { ru: string; en: string; unit?: string; units?: { ru?: string; en?: string } };
const as = (p: Named, language: 'ru' | 'en'): UnitPhraseProduct => ({
  name: p[language],
  ...(p.unit ? { unit: p.unit } : {}),
  ...(p.units ? { units: p.units } : {}),
});

describe('the question for one product, in its unit', () => {
  it.each([
    [stage, 'На сколько дней нужна «Сцена»?', 'For how many days do you need the Stage?'],
    [sand, 'Сколько кг «Песок для площадки» вам нужно?', 'How many kg of Play Sand do you need?'],
    [carpet, 'Сколько кв. м «Ковровое покрытие» вам нужно?', 'How many sq m of Carpet do you need?'],
    [clown, 'На сколько часов нужен «Аниматор»?', 'For how many hours do you need the Entertainer?'],
    [photo, 'На сколько часов нужны «Услуги фотографа»?', 'For how many hours do you need the Photographer?'],
    [garland, 'Сколько штук «Гирлянда» вам нужно?', 'How many Garlands do you need?'],
    [
      furniture,
      'На сколько дней вам понадобится «Мебель»?',
      'For how many days do you need the Furniture Set?',
    ],
    [chef, 'На сколько гостей нужен «Выездной повар»?', 'For how many guests do you need the Private Chef?'],
    [awning, 'На сколько суток нужен «Шатёр-навес»?', 'For how many days do you need the Awning?'],
  ])('%o', (p, ru, en) => {
    expect(howManyQuestion(as(p, 'ru'), 'ru')).toBe(ru);
    expect(howManyQuestion(as(p, 'en'), 'en')).toBe(en);
    expect(howManyOpening.test(ru) && howManyOpening.test(en)).toBe(true);
  });

  it('a unit no table knows is kept as the team wrote it', () => {
    const box = { name: 'Конфетти', unit: 'коробка' };
    expect(howManyQuestion(box, 'ru')).toBe('Сколько «Конфетти» вам нужно (коробка)?');
    expect(howManyQuestion({ name: 'Confetti', unit: 'boxes' }, 'en')).toBe(
      'How many boxes of Confetti do you need?',
    );
  });
});

describe('the question for several products', () => {
  it('pieces as before', () => {
    expect(howManyOfEachQuestion([as(garland, 'ru'), { name: 'Шар' }], 'ru')).toBe(
      'Сколько штук вам нужно: «Гирлянда», «Шар»?',
    );
    expect(howManyOfEachQuestion([as(garland, 'en'), { name: 'Balloon' }], 'en')).toBe(
      'How many of each do you need: Garland, Balloon?',
    );
  });

  it('each with its unit when not all are pieces', () => {
    expect(howManyOfEachQuestion([as(stage, 'ru'), as(sand, 'ru')], 'ru')).toBe(
      'Сколько вам нужно: «Сцена» (дней), «Песок для площадки» (кг)?',
    );
    expect(howManyOfEachQuestion([as(stage, 'en'), as(sand, 'en')], 'en')).toBe(
      'How many of each do you need: Stage (days), Play Sand (kg)?',
    );
  });
});

describe('the price for one unit', () => {
  it.each([
    [[stage], 'Цена по каталогу за 1 день:', 'Catalog price per day:'],
    [[awning], 'Цена по каталогу за 1 сутки:', 'Catalog price per day:'],
    [[carpet], 'Цена по каталогу за 1 кв. м:', 'Catalog price per sq m:'],
    [[garland], 'Цена по каталогу за 1 шт.:', 'Catalog price per unit:'],
    [[clown, photo], 'Цена по каталогу за 1 час:', 'Catalog price per hour:'],
    [[stage, sand], 'Цена по каталогу за единицу:', 'Catalog price per unit:'],
  ])('%o', (ps, ru, en) => {
    expect(
      perUnitHeading(
        ps.map((p) => as(p, 'ru')),
        'ru',
      ),
    ).toBe(ru);
    expect(
      perUnitHeading(
        ps.map((p) => as(p, 'en')),
        'en',
      ),
    ).toBe(en);
    expect(perUnitHeadingPattern.test(ru) && perUnitHeadingPattern.test(en)).toBe(true);
  });

  it('after the amount', () => {
    expect(perOneUnit(as(sand, 'ru'), 'ru')).toBe('за 1 кг');
    expect(perOneUnit(as(sand, 'en'), 'en')).toBe('per kg');
    expect(perOneUnit(as(garland, 'en'), 'en')).toBe('per unit');
  });
});
