// The screens walk's text checks (ui-text.ts) on texts of their own: what the machine-data scan
// must find (the examples issue 37 found on the screens) and what it must leave (a rep's normal text).
import { describe, expect, it } from 'vitest';
import { foreignWords, leadTitleData, machineData } from './ui-text';

describe('machine data in shown text', () => {
  it('finds each kind the screens showed', () => {
    expect(machineData('Timing — Meeting planned 2026-11-20T11:00:00.000Z')).toEqual([
      'iso-time: 2026-11-20T11:00:00.000Z',
    ]);
    expect(machineData('starts 2026-11-20T11:00')).toEqual(['iso-time: 2026-11-20T11:00']);
    expect(machineData('answered from 2 knowledge articles · 0.79 ▸')).toEqual(['bare-confidence: 0.79']);
    expect(machineData('answered from 2 knowledge articles · 0.79')).toEqual(['bare-confidence: 0.79']);
    expect(machineData('0.79')).toEqual(['bare-confidence: 0.79']);
    expect(machineData(' 0,81 ')).toEqual(['bare-confidence: 0,81']);
    expect(machineData('the AI is unsure (0.21 < 0.35)')).toEqual([
      'bare-confidence: 0.21',
      'bare-confidence: 0.35',
    ]);
    expect(machineData('This device: device-5c9ccd54 · web app')).toEqual(['device-id: device-5c9ccd54']);
    expect(machineData('from message lead:2f9c1a7b-41')).toEqual(['doc-id: lead:2f9c1a7b-41']);
    expect(machineData('contact:john')).toEqual(['doc-id: contact:john']);
    expect(machineData('id 3f2b8a10-6c4e-4d7a-9b1e-0a5c2d7e9f11')).toEqual([
      'uuid: 3f2b8a10-6c4e-4d7a-9b1e-0a5c2d7e9f11',
    ]);
    expect(machineData('run 5c9ccd54e1')).toEqual(['hex-id: 5c9ccd54e1']);
  });

  it('leaves prices, phones, dates, times, durations and percentages alone', () => {
    for (const text of [
      '240 000 ₽',
      '$125,500',
      'RUB 9,310,000 + $125,500 + €25,500',
      '1 500,50 $',
      '$0.50',
      '+7 900 123-45-67',
      '+79001234567',
      '8 (800) 555-35-35',
      '20.11.2026',
      '11/20/2026, 11:00 AM (2:00 PM Moscow Time)',
      '20.11.2026, 11:00 (14:00 Москва)',
      '2026-11-20',
      '07:29',
      'median 0.8 min · 90th percentile 12 min',
      '0,8 мин',
      '1.5 sec',
      'answered from 2 knowledge articles · 79% confident ▸',
      'уверенность 79 %',
      'Version 2.0.1',
      'Score 72',
      'Meeting planned for 11/20/26, 11:00 AM',
      'contact: Anna',
      'Lead: the Acme deal',
      'accepted, defaced, facade',
      '12345678',
      'Ноябрь 2026',
    ])
      expect(machineData(text), text).toEqual([]);
  });

  it("leaves an auto-created deal's title to the check when its words and the name differ in language (issue 64)", () => {
    const data = (title: string) => [leadTitleData(title)];
    const title = 'Lead: Посетитель сайта';
    expect(foreignWords(title, 'ru', data(title))).toEqual(['Lead']);
    for (const ok of ['Заявка: Посетитель сайта', 'Lead: Website visitor', 'Office chairs for Acme'])
      expect(foreignWords(ok, ok.startsWith('З') ? 'ru' : 'en', data(ok)), ok).toEqual([]);
  });

  it('still finds English words in a Russian text (the language check beside it)', () => {
    expect(foreignWords('Сохранить Save', 'ru', [])).toEqual(['Save']);
    expect(foreignWords('Telegram и CSV', 'ru', [])).toEqual([]);
  });
});
