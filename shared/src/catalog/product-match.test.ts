// Short distinctive words and generic heads in product names (issue 61): "DJ" alone names "DJ Service",
// an acronym the name writes in capitals counts unless it qualifies another noun, a generic head
// ("Rental", «Услуги») is not needed, and a function word ("it", «с») never names a product.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/products';
import { productMentions } from './product-match';

const at = '2026-03-01T00:00:00.000Z';
const product = (id: string, name: string, ru?: string): ProductDoc => ({
  id,
  sku: `SKU-${id.toUpperCase()}-1`,
  name,
  ...(ru ? { names: { ru, en: name } } : {}),
  prices: [{ currency: 'RUB', amount: 1000 }],
  createdAt: at,
  updatedAt: at,
});

const catalog = [
  product('dj', 'DJ Service', 'Услуги диджея'),
  product('vr', 'VR Headset Rental', 'Аренда VR-шлема'),
  product('tv-stand', 'TV Stand', 'Тумба под ТВ'),
  product('tv-mount', 'TV Wall Mount', 'Кронштейн для ТВ'),
  product('it', 'IT Support'),
  product('karaoke', 'Karaoke Machine', 'Караоке-система с микрофонами'),
];
const named = (text: string) => productMentions(text, catalog, { partial: true }).map((m) => m.product.id);

describe('a short word or an acronym of one product names it', () => {
  it.each([
    ['Can you send a DJ to our party on Friday?', ['dj']],
    ['we need a dj, what do you charge', ['dj']],
    ['Two DJs for the wedding, price?', ['dj']],
    ['Нам нужен диджей на выпускной', ['dj']],
    ['Сколько стоит DJ на корпоратив?', ['dj']],
    ['VR for a kids party, price?', ['vr']],
    ['Сколько стоит VR на день рождения?', ['vr']],
  ])('%s', (text, ids) => {
    expect(named(text)).toEqual(ids);
  });

  it('an acronym two products share names neither', () => {
    expect(named('How much is a TV for the lobby?')).toEqual([]);
    expect(named('Нужен ТВ в переговорную')).toEqual([]);
  });

  it('an acronym that qualifies another word is not the product ("VR goggles")', () => {
    expect(named('Do you have 10 VR goggles?')).toEqual([]);
    expect(named('VR headsets, 4 of them')).toEqual(['vr']);
  });

  it('a function word written as a name\'s acronym is not it ("it" of "IT Support")', () => {
    expect(named('Is it expensive to book it for 3 hours?')).toEqual([]);
    expect(named('What does IT support cost?')).toEqual(['it']);
  });
});

describe('a generic head word is not needed', () => {
  it.each([
    ['How much are 3 headsets for Saturday?', ['vr']],
    ['Сколько стоят 3 шлема на субботу?', ['vr']],
    ['Аренда диджея на 5 часов', ['dj']],
  ])('%s', (text, ids) => {
    expect(named(text)).toEqual(ids);
  });

  it('alone it names nothing', () => {
    expect(named('Do you offer equipment rental and hire?')).toEqual([]);
    expect(named('Какие у вас услуги и аренда?')).toEqual([]);
  });
});

describe('a noun ending like an adjective before a preposition', () => {
  it('«Диджей с 19:00» is the DJ, though «с» is a word of another name', () => {
    const withBooth = [...catalog, product('booth', 'Photo Booth', 'Фотобудка с печатью')];
    const ids = (text: string) =>
      productMentions(text, withBooth, { partial: true }).map((m) => m.product.id);
    expect(ids('Диджей с 19:00 до полуночи, сколько?')).toEqual(['dj']);
    expect(ids('Диджей с микрофоном на вечер')).toEqual(['dj']);
  });
});

// Sounds alike is not the same English word: "month" and "mount" both sound "mnt" (found by the wording
// helper of issue 61: "per month" named the TV Wall Mount).
describe('two English words are compared as spelt', () => {
  it.each([
    ['How much is it per month?', []],
    ['What do you charge a month for IT Support?', ['it']],
    ['Need 2 wall mounts for TVs', ['tv-mount']],
    ['Two karaoke machines for the weekend', ['karaoke']],
  ])('%s', (text, ids) => {
    expect(named(text)).toEqual(ids);
  });
});

// A plan's head stays "plan": "team" of "Team plan" is everyone's word (the fresh-clone CI found "three
// seats of CRM-TEAM" priced as the demo's Team plan once a generic head could be left out).
describe('a plan is not named by the word before "plan"', () => {
  const plans = [product('team', 'Team plan', 'Тариф «Команда»'), product('biz', 'Business plan')];
  const planNamed = (text: string) =>
    productMentions(text, plans, { partial: true }).map((m) => m.product.id);
  it.each([
    ['price for our team of 5', []],
    ['three seats of CRM-TEAM, and do you have them?', []],
    ['how much is the Team plan for 5 users?', ['team']],
    ['business plan for 3 seats', ['biz']],
  ])('%s', (text, ids) => {
    expect(planNamed(text)).toEqual(ids);
  });
});

// Everyday names (issue 61, after the blind set 6): a two-word Russian name in «-ная» + a feminine noun
// said as one noun in «-ка», and a service named by a derived word of its name's stem. Our own products.
describe('a product named in everyday words', () => {
  const svc = (id: string, en: string, ru: string, unit: string): ProductDoc => ({
    ...product(id, en, ru),
    kind: 'service',
    unit,
  });
  const shop = [
    product('card', 'Discount Card', 'Дисконтная карта'),
    product('book', 'Record Book', 'Зачётная книжка'),
    product('bench', 'Banquet Table', 'Банкетный стол'),
    svc('assembly', 'Furniture Assembly', 'Сборка мебели', 'hour'),
    svc('emboss', 'Foil Embossing', 'Тиснение фольгой', 'pcs'),
    svc('calligraphy', 'Calligraphy', 'Каллиграфия', 'hour'),
  ];
  const names = (text: string) => productMentions(text, shop, { partial: true }).map((m) => m.product.id);

  it.each([
    ['Сколько стоят 300 дисконток?', ['card']],
    ['Дисконтку одну можно?', ['card']],
    ['Нужно 20 зачёток и 50 дисконтных карт', ['book', 'card']],
    ['Нужно 6 банкеток', []],
    ['We need 40 invitations embossed', ['emboss']],
    ['Можно заказать 40 открыток с тиснением?', ['emboss']],
    ['a calligrapher for two hours', ['calligraphy']],
    ['Нужен каллиграф на 2 часа', ['calligraphy']],
    ['3 chairs, and have them assembled (2 hours)', []],
    ['Furniture assembly for 2 hours', ['assembly']],
  ])('%s', (text, ids) => {
    expect(names(text)).toEqual(ids);
  });
});

// quotes7 round 2: a head noun a two-word Russian name shares, followed by a noun of another object
// that is none of the product's name nor description words, names no product («Уборка снега» is not
// «Генеральная уборка квартиры»). Fails before 6910ba3d's successor.
describe('a shared head noun with another object names nothing', () => {
  const services = [
    {
      ...product('wash', 'Car Wash', 'Мойка автомобиля'),
      descriptions: { ru: 'Мойка кузова и колёс автомобиля', en: 'Body and wheels' },
    },
    product('mow', 'Lawn Mowing', 'Стрижка газона'),
  ];
  const namedIn = (text: string) =>
    productMentions(text, services, { partial: true }).map((m) => m.product.id);
  it.each([
    ['Мойка ковров, 12 кв. м, сколько?', []],
    ['Стрижка собаки почём?', []],
  ] as const)('%s', (text, ids) => {
    expect(namedIn(text)).toEqual(ids);
  });
});

// quotes7 round 2: a capitalised word right after a street's abbreviation («ул. Садовая») or before
// «улица» is the street's name, not a product's word.
describe("a street's name names no product", () => {
  const services = [
    product('design', 'Garden Design', 'Садовый дизайн'),
    product('mow', 'Lawn Mowing', 'Стрижка газона'),
  ];
  it.each([
    ['ул. Садовая 12, нужна стрижка газона', ['mow']],
    ['Живём на Садовой улице, стрижка газона почём?', ['mow']],
  ] as const)('%s', (text, ids) => {
    expect(productMentions(text, services, { partial: true }).map((m) => m.product.id)).toEqual(ids);
  });
});
