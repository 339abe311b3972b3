// The offline sentiment of mentions (sentiment.ts) on the labelled set (social-eval.ts): accuracy on
// the tuning and the held-out halves, per language, printed as a table; the held-out half must reach
// 0.75 in each language. Negation and stemming on their own.
import { describe, expect, it } from 'vitest';
import { sentimentOf } from './sentiment';
import { labelledMentions, splitOf } from './social-eval';

describe('offline sentiment of mentions', () => {
  it('reads the labelled set, held-out half included', () => {
    const rows = labelledMentions.map(([label, text], i) => ({
      split: splitOf(i),
      language: sentimentOf(text).language,
      ok: sentimentOf(text).label === label,
    }));
    const acc = (split: string, language?: string) => {
      const of = rows.filter((r) => r.split === split && (!language || r.language === language));
      return { n: of.length, accuracy: of.filter((r) => r.ok).length / of.length };
    };
    const table = ['| split | n | accuracy | ru | en |', '| --- | --- | --- | --- | --- |'];
    for (const split of ['tuning', 'held-out'])
      table.push(
        `| ${split} | ${acc(split).n} | ${acc(split).accuracy.toFixed(3)} | ${acc(split, 'ru').accuracy.toFixed(3)} | ${acc(split, 'en').accuracy.toFixed(3)} |`,
      );
    console.info(table.join('\n'));
    expect(acc('held-out', 'ru').accuracy).toBeGreaterThanOrEqual(0.75);
    expect(acc('held-out', 'en').accuracy).toBeGreaterThanOrEqual(0.75);
  });

  it('turns a word around after a negator, and reads a word in any of its forms', () => {
    expect(sentimentOf('Нам понравилось').label).toBe('positive');
    expect(sentimentOf('Нам совсем не понравилось').label).toBe('negative');
    expect(sentimentOf('Прошло без проблем и отлично').label).toBe('positive');
    expect(sentimentOf('Ужасная организация').label).toBe('negative');
    expect(sentimentOf('I did not like it').label).toBe('negative');
    expect(sentimentOf('Начало в 19:00').label).toBe('neutral');
  });
});
