// Issue 62: the Russian abuse model (abuse-model.ts) in front of the word lists, and the normaliser's masks.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAbuse } from './abuse';
import { cueNames } from './abuse-cues';
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

describe('the word classes the model reads (abuse-cues.ts)', () => {
  const cues = (t: string) => cueNames(tokenise(t).map((x) => x.collapsed));

  it('finds name-calling, slurs and invented slurs, and to whom they are said', () => {
    expect(cues('Ваши операторы — кремлеботы и жополизы')).toEqual(
      expect.arrayContaining(['cue:insult', 'cue:insult2', 'cue:group', 'cue:coin', 'cue:you+insult']),
    );
    expect(cues('ты даун')).toEqual(expect.arrayContaining(['cue:you_insult', 'cue:bare-insult']));
    expect(cues('иди лечись, свинобот')).toEqual(expect.arrayContaining(['cue:order', 'cue:coin']));
    // A word with a harmless sense is a class of its own, never an insult.
    expect(cues('Подкидной дурак')).toEqual(['cue:ambiguous']);
  });

  it('leaves alone the innocent words that begin like a slur', () => {
    const text =
      'Работа в субботу, хохлома и совковая лопата, скотч, хачапури, жидкость, сепаратор, троллейбус, ' +
      'законченный ремонт, медведь, укропом, ватного диска, Варвара, урожай уродился, недоумение, падали листья, ' +
      'чмок, гомогенный, геймер, либеральный, кремлевский';
    const found = cues(text);
    for (const c of ['cue:insult', 'cue:group', 'cue:coin', 'cue:bare-insult'])
      expect(found, c).not.toContain(c);
  });

  it('a few words that call names are abuse whatever the model says; a title in quotes is not', () => {
    const read = (t: string) => abuseProbabilityRu(t, findAbuse(t))!;
    for (const t of ['Идиоты', 'Дебилы!', 'вы просто дебилы']) expect(read(t).abusive, t).toBe(true);
    // The lexicon finds «Идиот», but a book's title says nothing of the writer.
    expect(findAbuse('Книга «Идиот», Ф. М. Достоевский, 640 страниц.').length).toBeGreaterThan(0);
    expect(read('Книга «Идиот», Ф. М. Достоевский, 640 страниц.').abusive).toBe(false);
    expect(readCustomerMood('Роман «Идиот» Достоевского в твёрдой обложке').abuse.severity).toBe('none');
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

  it('reads a Latin z or d inside a Cyrillic word as з or д («пиzдец», «пиzdец»)', () => {
    expect(tokenise('пиzдец пиzdец').map((x) => x.norm)).toEqual(['пиздец', 'пиздец']);
    for (const t of ['Какой пиzдец', 'ну пиzdец']) expect(findAbuse(t)[0]?.severity, t).toBe('severe');
    // A Latin word keeps its letters.
    expect(tokenise('zoom dedup').map((x) => x.norm)).toEqual(['zoom', 'dedup']);
  });

  it('reads Latin letters without a Cyrillic look-alike by sound, a lower-case b as б and a capital B as в', () => {
    const norm = (t: string) => tokenise(t).map((x) => x.norm);
    expect(norm('еbaлo пidор бlядь Bата')).toEqual(['ебало', 'пидор', 'блядь', 'вата']);
    for (const t of ['поторговать там еbaloм', 'ну ты и пidор'])
      expect(findAbuse(t)[0]?.severity, t).toBe('severe');
    expect(norm('billing iPhone')).toEqual(['billing', 'iphone']);
  });

  it('joins one or two letters in brackets inside a word («хо(х)луш»), not a word in brackets', () => {
    const norm = (t: string) => tokenise(t).map((x) => x.norm);
    expect(norm('у хо(х)луш там')).toEqual(['у', 'хохлуш', 'там']);
    expect(norm('ноутбук(и) в наличии (склад)')).toEqual(['ноутбук', 'и', 'в', 'наличии', 'склад']);
  });

  it('finds a word glued to the obscene root by a linking vowel, and leaves bread and Gleb alone', () => {
    for (const t of ['от нищеёбов', 'дол..еб, ты', 'мудоёбы'])
      expect(findAbuse(t)[0]?.severity, t).toBe('severe');
    expect(findAbuse('Глеб купил хлеба и хлебов, небо ясное')).toEqual([]);
  });
});

describe('word classes of the model (abuse-cues.ts) over collapsed spellings', () => {
  const cues = (t: string) => cueNames(tokenise(t).map((x) => x.collapsed));
  it('knows a comparative of «тупой» and a few insults, in any case', () => {
    for (const t of ['ты тупее пробки', 'ты микроцефал', 'чокнутый', 'ссыкло', 'продажных шавок', 'неруси'])
      expect(cues(t), t).toContain('cue:insult');
    expect(cues('купите тупей')).not.toContain('cue:insult');
  });

  it('calls a person «мракобес», not the abstract «мракобесие»; counts «сиськи» as sexual', () => {
    expect(findAbuse('кучка мракобесов').length).toBe(1);
    expect(findAbuse('страна погружается в пучину мракобесия')).toEqual([]);
    expect(cues('пучину мракобесия')).not.toContain('cue:insult');
    expect(cues('маму твою за сиси')).toContain('cue:sex');
  });
});
