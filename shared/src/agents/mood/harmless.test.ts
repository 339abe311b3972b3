// Issue 62: no harmless catalog or knowledge sentence (the blind check sets in eval/mood and eval/mood4 and
// our own tuning sets in eval/mood-tune, both languages) is read as abuse from a customer, and none blocks the agent's reply
// when the team's catalog holds it; a reply that insults is still blocked, with the word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReplyAbuse, readCustomerMood } from './index';

const root = join(import.meta.dirname, '../../../eval');
const files = [
  'mood/harmless-ru.jsonl',
  'mood/harmless-en.jsonl',
  'mood-tune/harmless-ru.jsonl',
  'mood-tune/harmless-en.jsonl',
  // The blind set of the third round (tuning data since its 6 flagged rows were fixed by class).
  'mood4/harmless-ru.jsonl',
  'mood4/harmless-en.jsonl',
];
const rows = (file: string) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);

describe.each(files)('harmless sentences of %s', (file) => {
  const texts = rows(file);

  it('has the rows it should', () => {
    expect(texts.length).toBeGreaterThanOrEqual(100);
  });

  it('none reads as abuse from a customer', () => {
    const flagged = texts.filter((t) => readCustomerMood(t).abuse.severity !== 'none');
    expect(flagged).toEqual([]);
  });

  it('none blocks a reply when the catalog holds them, and an insult added to each still does', () => {
    const vocabulary = texts;
    expect(texts.filter((t) => checkReplyAbuse(t, { vocabulary }).blocked)).toEqual([]);
    // Every row, one insult after it that no row uses: still blocked, and named.
    const [insult, word] = file.endsWith('-ru.jsonl') ? ['Вы дебил.', 'дебил'] : ['You moron.', 'moron'];
    for (const t of texts) expect(checkReplyAbuse(`${t} ${insult}`, { vocabulary }).terms, t).toContain(word);
  });
});

// A knowledge-base question a customer asked (banking77-style, issue 61's evaluation found it read as "rude").
describe("the speaker's own animal or thing is not a name called", () => {
  it.each([
    'my dog lost her tag, can i get a new one',
    'Our dog chewed the cable, do you sell a spare?',
    'Моя собака погрызла кабель, у вас есть запасной?',
  ])('%s', (text) => {
    expect(readCustomerMood(text).abuse.severity).toBe('none');
  });

  it.each(['you dog, give me my money back', 'ты собака, верни деньги'])('still: %s', (text) => {
    expect(readCustomerMood(text).abuse.severity).not.toBe('none');
  });
});

// Issue 62, the blind set eval/mood4 (6 of 258 rows flagged): fixed by class, both languages. Each harmless
// row is checked as a customer message and as the agent's reply (the lexicon alone, no vocabulary).
const harmlessByClass = (texts: string[]) => {
  for (const t of texts) {
    expect(readCustomerMood(t).abuse, t).toEqual({ severity: 'none', terms: [] });
    expect(checkReplyAbuse(t), t).toEqual({ blocked: false, terms: [] });
  }
};
const stillAbuse = (texts: string[]) => {
  for (const t of texts) {
    expect(readCustomerMood(t).abuse.severity, t).not.toBe('none');
    expect(checkReplyAbuse(t).blocked, t).toBe(true);
  }
};

describe('whole words: a longer word that merely begins with an abusive one is not it', () => {
  it('names, places and terms', () => {
    harmlessByClass([
      'Wankel rotary engine, a cutaway model for the classroom',
      'Twatt and Dounby: local delivery across Orkney',
      'Psychology textbook for first-year students',
      'Cretinism is caused by a lack of iodine in the diet',
      'Niigata rice, 5 kg bag',
      'A niggling squeak in the hinge? Use our silicone spray.',
      'Turducken for Thanksgiving, 5 kg, order by Monday',
      // A clinical term is not the insult it shares a stem with.
      'Дегенеративные изменения суставов: крем с глюкозамином',
      'Идиотия и кретинизм — устаревшие термины медицины, объясняет наш справочник',
      'Дебильность — устаревший термин психиатрии',
    ]);
  });

  it('still: the words, their inflections and compounds, and a word glued to an ellipsis or an entity', () => {
    stillAbuse([
      'wankers',
      'you twat',
      'twats',
      'nigglet',
      'I hate you, cunt.&#8221',
      "you're an asshole..oh well",
      'these douche bags again',
      'дегенераты',
      'кретины',
      'идиоты',
    ]);
  });
});

describe('doubled letters: only a disguise is collapsed', () => {
  it('a doubled consonant of a real word stays ("Hatter" is not "hater")', () => {
    harmlessByClass([
      'Mad Hatter tea party set for kids',
      'Twatt pottery mugs, set of 4',
      'Дурра сахарная (сорго), семена 10 г',
    ]);
  });

  it('still: doubled vowels, a doubled first letter, runs of three', () => {
    stillAbuse(['гниида', 'мраазь', 'biiatch', 'ссученыш', 'сууука', 'fuuuuck']);
  });
});

describe('a word with a thing, tool or plant sense counts only of a person', () => {
  it('dumb cane, a ratchet, wood blocks', () => {
    harmlessByClass([
      'Dumb cane (Dieffenbachia) in a 17 cm pot',
      'Caulking gun with ratchet action',
      'Socket wrench set: ratchet and 12 sockets',
      'Берёзовые чурки для камина, сетка 40 л',
      'Осиновые чурки для бани, колотые',
    ]);
  });

  it('still: next to a person or said of someone', () => {
    stillAbuse([
      'you dumb idiot',
      'you are dumb',
      'you are so dumb',
      'you ratchet',
      'so ratchet',
      'вы чурки',
      'ты чурка',
    ]);
  });
});
