import { describe, expect, it } from 'vitest';
import { analyze, createMixedTokenizer, tokenize } from './tokenizer';

describe('mixed Russian/English tokenizer', () => {
  it('stems Russian case forms to one stem', () => {
    const forms = ['доставка', 'доставки', 'доставкой', 'доставку', 'Доставке'];
    expect(new Set(forms.flatMap(tokenize)).size).toBe(1);
  });

  it('stems each word by its own script in mixed text and drops both languages’ stop words', () => {
    expect(tokenize('Доставка of the iPhones в Москву')).toEqual(['доставк', 'iphon', 'москв']);
  });

  it('keeps Cyrillic (Orama’s default tokenizer drops it) and treats ё as е', () => {
    expect(createMixedTokenizer().tokenize('Ёлка и елка')).toEqual(['елк', 'елк']);
  });

  it('keeps numbers and reports offsets into the original text', () => {
    const tokens = analyze('Цена: 1500 рублей');
    expect(tokens.map((t) => t.term)).toEqual(['цен', '1500', 'рубл']);
    expect(tokens[2]).toMatchObject({ start: 11, end: 17, word: 'рублей' });
  });

  it('falls back to the stop words when a query has nothing else', () => {
    expect(tokenize('the')).toEqual(['the']);
  });
});
