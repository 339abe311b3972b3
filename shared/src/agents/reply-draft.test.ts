// The answer's draft as a customer may see it while the model writes it: whole words only, nothing
// that may be markup, toxic or off-language; withdrawn when the reply gate refuses the answer. Unit
// cases, then the engine streaming through the real `openai` SDK from a fake OpenAI-compatible server.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCompletion, fakeStream, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai-server';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createOpenAiProvider } from '../llm/openai-provider';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { createReplyDraft, visibleDraft } from './reply-draft';
import { inbound, sampleKnowledge } from './test-support';

describe('visibleDraft', () => {
  it('shows whole words of prose', () => {
    expect(visibleDraft('Доставка в Каз', 'ru')).toBe('Доставка в');
    expect(visibleDraft('Доставка в Казань стоит 500 рублей [1]. ', 'ru')).toBe(
      'Доставка в Казань стоит 500 рублей.',
    );
    expect(visibleDraft('Delivery', 'en')).toBe('');
  });

  it('never shows a citation marker, whole or still being written', () => {
    expect(visibleDraft('Доставка стоит 500 рублей [1, ', 'ru')).toBe('Доставка стоит 500 рублей');
    expect(visibleDraft('Доставка стоит 500 рублей [1][2] и занимает ', 'ru')).toBe(
      'Доставка стоит 500 рублей и занимает',
    );
    expect(visibleDraft('Delivery costs 500 RUB【1】. It takes [^2 ', 'en')).toBe(
      'Delivery costs 500 RUB. It takes',
    );
  });

  it('shows no sources label whose sources are still markers ("Источник: [1]" being written)', () => {
    const answer = 'Доставка стоит 500 рублей [1].\n\nИсточник: [1]';
    // Every moment of the stream from the label on, the last (maybe cut) word held back as always.
    for (let n = answer.indexOf('Источник'); n <= answer.length; n++)
      expect(visibleDraft(answer.slice(0, n), 'ru'), answer.slice(0, n)).toBe('Доставка стоит 500 рублей.');
    expect(visibleDraft(`${answer} `, 'ru')).toBe('Доставка стоит 500 рублей.');
    expect(visibleDraft('Delivery costs 500 RUB [1].\nSources: [1], [2] ', 'en')).toBe(
      'Delivery costs 500 RUB.',
    );
    // A label the model followed with a title is the model's sentence, shown as written.
    expect(visibleDraft('Доставка стоит 500 рублей.\nИсточник: Тарифы 2026 ', 'ru')).toBe(
      'Доставка стоит 500 рублей.\nИсточник: Тарифы 2026',
    );
  });

  it('shows nothing that may be markup, JSON, toxic or in another language', () => {
    for (const junk of [
      '<tool_call> {"name": "x"} ',
      '<tool_ca ',
      'Sure, here: <|im_start|> ',
      '{"facts": [ ',
      '{" ',
      '[TOOL_CALLS] ',
      '```json ',
      'Ответ: { ',
    ]) {
      expect(visibleDraft(junk, 'ru'), junk).toBe('');
    }
    expect(visibleDraft('The delivery to Kazan costs 500 roubles. ', 'ru')).toBe('');
    expect(visibleDraft('Ты идиот, доставка стоит ', 'ru')).toBe('');
  });

  it('shows no card or account number, not even its first digits (issue 60)', () => {
    for (const text of [
      'Итого 22 500 ₽. Оплатите на карту 4276 3800 ',
      'Итого 22 500 ₽. Оплатите на карту 4276-3800-1234-5678 ',
      'Pay to account 40817810 ',
    ])
      expect(visibleDraft(text, text.startsWith('Pay') ? 'en' : 'ru'), text).toBe('');
    expect(visibleDraft('Итого 22 500 ₽ за 20 шт., доставка 3–5 дней. ', 'ru')).toBe(
      'Итого 22 500 ₽ за 20 шт., доставка 3–5 дней.',
    );
  });

  it('tells only changes, and empties on reset', () => {
    const seen: string[] = [];
    const draft = createReplyDraft('en', (t) => seen.push(t));
    for (const d of ['Deli', 'very to ', 'Kazan ', '<tool', '_call> ']) draft.delta(d);
    expect(seen).toEqual(['Delivery to', 'Delivery to Kazan', '']);
    draft.reset();
    draft.delta('Ok then ');
    expect(seen.at(-1)).toBe('Ok then');
  });
});

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** An engine whose answer role streams `pieces` (routing and extraction answer sensibly). */
async function streamingEngine(pieces: string[]) {
  const server = await startFakeOpenAi((req) => {
    if (req.body.stream) return { stream: fakeStream(pieces) };
    const first = String((req.body.messages as { content: string }[])[0]?.content);
    return {
      body: fakeCompletion({
        content: first.startsWith('Classify') ? '{"intent":"price","confidence":0.9}' : '{"facts":[]}',
      }),
    };
  });
  servers.push(server);
  const llm = createLlmClient({
    providers: [createOpenAiProvider({ id: 'fake', baseURL: server.baseURL, model: 'big', timeoutMs: 2000 })],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  return createAgentEngine({
    store: createMemoryStore('team-1'),
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
    log: { info() {}, error() {}, warn() {} },
  });
}

describe('the engine drafting its answer', () => {
  it('drafts the answer word by word, each draft the start of the reply sent', async () => {
    const engine = await streamingEngine(['Тариф ', 'Команда ', 'стоит ', '990 ₽ ', 'в месяц [1].']);
    const drafts: string[] = [];
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'), {
      onDraft: (t) => drafts.push(t),
    });
    const reply = r.replies[0]!.text;
    // The marker leaves the text; the source is named on a closing line the draft never showed.
    expect(reply).toBe('Тариф Команда стоит 990 ₽ в месяц.\n\nИсточник: Тарифы и цены');
    expect(r.replies[0]!.citations).toMatchObject([{ chunkId: 'prices:0' }]);
    expect(drafts[0]).toBe('');
    expect(drafts.slice(1)).toEqual([
      'Тариф',
      'Тариф Команда',
      'Тариф Команда стоит',
      'Тариф Команда стоит 990 ₽',
      'Тариф Команда стоит 990 ₽ в месяц',
    ]);
    for (const d of drafts) expect(reply.startsWith(d)).toBe(true);
    for (const d of drafts) expect(d).not.toMatch(/\[/);
  });

  it('never drafts tool-call markup', async () => {
    const engine = await streamingEngine([
      '<tool_call>\n',
      '{"name": "save_client_info", ',
      '"arguments": {"name": "Ivan"}}\n',
      '</tool_call>',
    ]);
    const drafts: string[] = [];
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'), {
      onDraft: (t) => drafts.push(t),
    });
    expect(r.safety.replyGate).toMatch(/^markup/);
    expect(drafts.every((d) => d === '')).toBe(true);
  });

  it('withdraws the draft when the reply gate refuses the answer', async () => {
    // Prose that reads well while it streams, then cites a source the model was never given.
    const engine = await streamingEngine(['Тариф ', 'Команда ', 'стоит ', '990 ₽ ', 'в месяц [9].']);
    const drafts: string[] = [];
    const r = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'), {
      onDraft: (t) => drafts.push(t),
    });
    expect(r.safety.replyGate).toMatch(/^citation/);
    expect(drafts).toContain('Тариф Команда');
    expect(drafts.at(-1)).toBe('');
    expect(r.replies[0]!.text).not.toContain('[9]');
  });
});
