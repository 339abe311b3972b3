// Issue 62: the Russian abuse model (abuse-model.ts) in front of the word lists, and the normaliser's masks.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAbuse } from './abuse';
import { abuseProbabilityRu, decodeModel } from './abuse-model';
import { abuseModelRu } from './abuse-model-ru.weights';
import { readCustomerMood } from './index';
import { tokenise } from './normalise';

describe('the shipped Russian abuse model', () => {
  it('is small, decodes once and reads only Cyrillic text', () => {
    expect(statSync(join(import.meta.dirname, 'abuse-model-ru.weights.ts')).size).toBeLessThan(300 * 1024);
    const m = decodeModel(abuseModelRu);
    expect(m.w.length).toBe(1 << abuseModelRu.bits);
    expect(abuseModelRu.threshold).toBeGreaterThan(0.3);
    expect(abuseModelRu.meta.data).toMatch(/tuning part/);
    expect(abuseProbabilityRu('you are fine', [])).toBeUndefined();
  });

  it('finds rude wording the lists leave mild or miss, and lets a blunt word in a plain sentence pass', () => {
    const p = (t: string) => abuseProbabilityRu(t, findAbuse(t))!;
    expect(p('ты клоун, иди скачи отсюда').abusive).toBe(true);
    expect(p('Вы тупые уроды, верните деньги').abusive).toBe(true);
    expect(p('Сучья и ветки вывозим после расчистки участка.').abusive).toBe(false);
    expect(p('Декоративная крыса, корм и клетки в разделе для грызунов.').abusive).toBe(false);
    // The reason names the model when no listed word was found.
    const m = readCustomerMood('ты клоун, иди скачи отсюда');
    expect(m.abuse.severity).toBe('mild');
    expect(m.angry).toBe(true);
  });

  it('the training script is in the repo and names the tuning part', () => {
    const src = readFileSync(join(import.meta.dirname, 'train/train.ts'), 'utf8');
    expect(src).toMatch(/splitOf\(r\.text\) === 'tune'/);
  });
});

describe('disguised spellings the normaliser undoes', () => {
  it('reads dots, % and # between letters as one masked letter, and 3.14 as «пи»', () => {
    const norm = (t: string) => tokenise(t).map((x) => x.norm);
    expect(norm('С..ка зае%ал 3.14здец')).toEqual(['с*ка', 'зае*ал', 'пиздец']);
    for (const t of ['С..ка', 'су.....ки', 'зае%ал', 'пи#да', '3.14здец', 'Пи...да'])
      expect(findAbuse(t).length, t).toBeGreaterThan(0);
    // A single dot inside a word is still dropped ("х.у.й"), and an ellipsis between words is no mask.
    expect(norm('х.у.й')).toEqual(['хуй']);
    expect(findAbuse('Ну... да, сказка')).toEqual([]);
  });
});
