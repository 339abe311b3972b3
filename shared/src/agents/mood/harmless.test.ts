// Issue 62: no harmless catalog or knowledge sentence (the blind check sets in eval/mood and our own tuning
// sets in eval/mood-tune, both languages) is read as abuse from a customer, and none blocks the agent's reply
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
