// The gazetteer's table test (issue 61): places in their grammatical forms in both languages, names
// that are also common words only where a place preposition comes first, the longest name winning,
// and the table's size and speed.
import { describe, expect, it } from 'vitest';
import { placeTable } from './data';
import { allPlaces, findPlace, findPlaces, placeNamed } from './match';

const cases: [string, string | null][] = [
  ['Хотим корпоратив в Подмосковье на 60 гостей', 'Moscow Oblast'],
  ['площадка в Московской области', 'Moscow Oblast'],
  ['тимбилдинг под Казанью', 'Kazan'],
  ['гости приедут из Екатеринбурга', 'Yekaterinburg'],
  ['конференция в Нижнем Новгороде', 'Nizhny Novgorod'],
  ['в Н.Новгороде', 'Nizhny Novgorod'],
  ['свадьба в Питере', 'Saint Petersburg'],
  ['в Санкт-Петербурге', 'Saint Petersburg'],
  ['выезд в Ленобласть', 'Leningrad Oblast'],
  ['на Кубани', 'Krasnodar Krai'],
  ['в Краснодарском крае', 'Krasnodar Krai'],
  ['в Ставрополе', 'Stavropol'],
  ['в Ставрополье', 'Stavropol Krai'],
  ['в Ростове-на-Дону', 'Rostov-on-Don'],
  ['в Набережных Челнах', 'Naberezhnye Chelny'],
  ['в Йошкар-Оле', 'Yoshkar-Ola'],
  ['в Улан-Удэ', 'Ulan-Ude'],
  ['в Татарстане', 'Republic of Tatarstan'],
  ['в Перми', 'Perm'],
  ['Москвой', 'Moscow'],
  ['в Екб', 'Yekaterinburg'],
  ['в Кемерове', 'Kemerovo'],
  ['во Владимире', 'Vladimir'],
  ['в Орле', 'Oryol'],
  ['в Сочи', 'Sochi'],
  ['в Дубае', 'Dubai'],
  ['в Анталье', 'Antalya'],
  ['в Тбилиси', 'Tbilisi'],
  ['в Ереване', 'Yerevan'],
  ['в Минске', 'Minsk'],
  ['в Алматы', 'Almaty'],
  ['в Баку', 'Baku'],
  ['на Бали', 'Bali'],
  ['в Стамбуле', 'Istanbul'],
  ['в Нью-Йорке', 'New York City'],
  ['a party in New York', 'New York City'],
  ['NYC, 120 people', 'New York City'],
  ['in St. Petersburg', 'Saint Petersburg'],
  ['in São Paulo', 'Sao Paulo'],
  ['Montréal', 'Montreal'],
  ["London's best venue", 'London'],
  ['a gala in Nice', 'Nice'],
  ['in LA', 'Los Angeles'],
  // Common words and names that are not places here.
  ['Владимир Иванович, добрый день', null],
  ['орёл на гербе', null],
  ['устроить бал', null],
  ['на нижнем этаже', null],
  ['a nice venue', null],
  ['la la land', null],
  ['вены и артерии', null],
  ['музей Пушкина', null],
  ['улица Кирова', null],
];

describe('places gazetteer', () => {
  it.each(cases)('%s -> %s', (text, en) => {
    expect(findPlace(text)?.place.en ?? null).toBe(en);
  });

  it('takes the longest name and skips where guests come from', () => {
    expect(findPlaces('в Нижнем Новгороде').map((m) => m.place.en)).toEqual(['Nizhny Novgorod']);
    expect(findPlace('дилеры из Екатеринбурга, конференция в Сочи')?.place.en).toBe('Sochi');
  });

  it('holds every federal subject, the large Russian cities and the world cities in both languages', () => {
    const places = allPlaces();
    // 85 federal subjects: 82 regions and the federal cities Moscow, Saint Petersburg, Sevastopol.
    expect(places.filter((p) => p.kind === 'region' && p.country === 'RU').length).toBe(82);
    for (const city of ['Moscow', 'Saint Petersburg', 'Sevastopol'])
      expect(placeNamed(city)?.kind).toBe('city');
    expect(places.filter((p) => p.kind === 'city' && p.country === 'RU').length).toBeGreaterThanOrEqual(170);
    expect(places.filter((p) => p.country !== 'RU').length).toBeGreaterThanOrEqual(250);
    expect(places.every((p) => p.en && /[а-яё]/iu.test(p.ru))).toBe(true);
    expect(placeNamed('Москва')?.en).toBe('Moscow');
    expect(placeNamed('New York')?.ru).toBe('Нью-Йорк');
    expect(new TextEncoder().encode(placeTable).length).toBeLessThan(300_000);
  });

  it('reads a long message quickly', () => {
    const text = 'Корпоратив в Подмосковье на 60 гостей 26 декабря, бюджет миллион рублей. '.repeat(30);
    findPlaces(text);
    const t = performance.now();
    for (let i = 0; i < 20; i++) findPlaces(text);
    expect((performance.now() - t) / 20).toBeLessThan(50);
  });
});
