// Never a guessed quantity, through the web chat (issue 61): a customer asks the price of "несколько
// кресел" (a number-like word the reader cannot turn into a quantity); the agent asks back how many,
// in Russian, and quotes nothing; the customer answers "пятнадцать" and gets the quote for 15 with
// its volume tier, saved on the deal. The real server on the embedded store, the offline provider.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LeadDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let token: string;
let key: string;

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  dir = tempDir('quote-ask-back-');
  server = await startTestServer(dir.path);
  token = (await register(server.url, 'Chairs')).accessToken;
  const product = await call(server.url, 'POST', '/api/v1/products', {
    token,
    body: {
      sku: 'CH-1',
      name: 'Ergo Chair',
      names: { ru: 'Кресло Ergo', en: 'Ergo Chair' },
      prices: [{ currency: 'RUB', amount: 12000 }],
      discounts: [{ minQuantity: 10, percent: 5 }],
    },
  });
  expect(product.status, JSON.stringify(product.body)).toBe(201);
  const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', {
    token,
    body: { title: 'Prices' },
  });
  expect(widget.status).toBe(201);
  key = String(widget.body.key);
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

const visitor = 'v_ask_back_visitor_0001';

/** The visitor writes `text` as message `n`; the agent's replies so far (oldest first), once there are `n`. */
async function say(text: string, n: number): Promise<string[]> {
  const sent = await fetch(`${server.url}/webchat/v1/${key}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorId: visitor, clientMessageId: `m${n}`, text }),
  });
  expect(sent.status).toBe(202);
  return eventually(async () => {
    const res = await fetch(`${server.url}/webchat/v1/${key}/messages?visitorId=${visitor}`);
    const body = (await res.json()) as { messages: Array<{ direction: string; text: string }> };
    const replies = body.messages.filter((m) => m.direction === 'outbound').map((m) => plain(m.text));
    return replies.length >= n ? replies : undefined;
  }, 30_000);
}

it('asks how many for "несколько кресел", then prices the answer "пятнадцать"', async () => {
  const [asked] = await say('Сколько будут стоить несколько кресел Ergo?', 1);
  expect(asked).toMatch(/^Сколько штук «Кресло Ergo» вам нужно\?/);
  expect(asked).not.toMatch(/₽/);
  const replies = await say('пятнадцать', 2);
  expect(replies[1]).toContain('Кресло Ergo: 15 × 12 000 ₽ = 180 000 ₽; −5 % от 10 шт.: 171 000 ₽.');
  const leads = (await call(server.url, 'GET', '/api/v1/leads?limit=10', { token })).body.items as LeadDoc[];
  expect(leads.find((l) => l.quote)?.quote).toMatchObject({ total: 171000, lines: [{ quantity: 15 }] });
}, 60_000);
