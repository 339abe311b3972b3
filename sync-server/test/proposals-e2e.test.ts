// Commercial proposals end to end (issue 38), on the real server with its demo team and its bot on the
// fake Bot API: a Russian customer writes in Telegram; the admin sets the company details, a deal with
// a quote gets a proposal (rendered in a worker thread, stored, listed on the deal), downloadable by the
// team only (404 to another team; a viewer may read but not make one); sent through the deal's
// conversation, the fake receives the PDF as a document and the note in Russian; accepted, the deal's
// value follows. The timeline shows sent and accepted in both languages. Bad input answers 4xx. A deal the
// agent quoted from the catalog ("Сколько стоят 20 Widget Pro?") gets its proposal from that quote; with
// the profile's `sendsProposals` on, "Пришлите КП" has the agent send it (sendDocument) by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import { extractPdf } from '@app/shared/knowledge';
import type { RunningServer } from '../src/server';
import type { AgentSettingsDoc, LeadDoc } from '@app/shared/schemas';
import { contactIdFor, conversationIdFor } from '@app/shared/ids';
import { acceptInvite, call, eventually, register, uniqueEmail, until } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;

const botId = FAKE_TOKEN.split(':')[0]!;
const chatId = 5461;
const conversationId = `conv:telegram:${botId}:${chatId}`;
const contactId = `contact:telegram:${chatId}`;
const api = (method: string, path: string, body?: unknown, as = token) =>
  call(server.url, method, `/api/v1${path}`, { token: as, ...(body === undefined ? {} : { body }) });
const download = async (path: string, as = token) => {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${as}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
};
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

const quote = {
  currency: 'RUB',
  lines: [
    {
      sku: 'CRM-PRO',
      name: 'Лицензия CRM Pro',
      quantity: 10,
      unit: 'шт',
      unitPrice: 2500,
      discountPercent: 10,
      lineTotal: 22500,
    },
    {
      sku: 'ONB',
      name: 'Обучение команды',
      quantity: 1,
      unit: 'день',
      unitPrice: 30000,
      discountPercent: 0,
      lineTotal: 30000,
    },
  ],
  subtotal: 55000,
  discount: 2500,
  tax: 0,
  total: 52500,
};

beforeAll(async () => {
  ({ dir, fake, server, token } = await startDemoTelegram('proposals-e2e-'));
}, 240_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir?.remove();
});

describe('commercial proposals', () => {
  let leadId: string;
  let proposalId: string;
  let pdf: Uint8Array;

  it('a deal with a quote gets a Russian proposal PDF, stored and listed on the deal', async () => {
    fake
      .user({ id: chatId, first_name: 'Мария', language_code: 'ru' })
      .says('Здравствуйте! Пришлите, пожалуйста, предложение.');
    await fake.waitForSent(1, { chatId, timeoutMs: 45_000 });
    const company = await api('PUT', '/team/company', {
      name: 'ООО «Вектор»',
      details: 'Москва, Тверская 1\nИНН 7701000001',
      logo: { mimeType: 'image/png', data: Buffer.from('not a png').toString('base64') },
    });
    expect(company.status).toBe(415);
    expect(
      (await api('PUT', '/team/company', { name: 'ООО «Вектор»', details: 'ИНН 7701000001' })).status,
    ).toBe(200);

    const created = await api('POST', '/leads', { title: 'Внедрение CRM', contactId, conversationId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    leadId = created.body.id;
    const made = await api('POST', `/leads/${leadId}/proposals`, { quote });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'draft', language: 'ru', currency: 'RUB', total: 52500 });
    proposalId = made.body.id;

    const got = await download(`/leads/${leadId}/proposals/${proposalId}/pdf`);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/pdf');
    pdf = got.bytes;
    const { sections } = await extractPdf('p.pdf', pdf);
    const text = flat(sections.map((s) => s.text).join(' '));
    expect(text).toContain('Коммерческое предложение');
    expect(text).toContain('ООО «Вектор»');
    expect(text).toContain('Мария');
    expect(text).toContain('Лицензия CRM Pro');
    expect(text).toContain('Обучение команды');
    expect(text).toContain('52 500,00 ₽');
    expect(text).toContain('22 500,00 ₽');
    expect(text).toContain(made.body.number);

    const listed = await api('GET', `/leads/${leadId}`);
    expect(listed.body.commercialProposals).toHaveLength(1);
    expect(listed.body.commercialProposals[0]).toMatchObject({
      id: proposalId,
      fileDocId: made.body.fileDocId,
    });
  }, 120_000);

  it('the team downloads it; another team gets 404; a viewer reads but may not make one', async () => {
    const other = await register(server.url, 'Other team');
    expect((await download(`/leads/${leadId}/proposals/${proposalId}/pdf`, other.accessToken)).status).toBe(
      404,
    );
    expect((await api('GET', `/leads/${leadId}/proposals`, undefined, other.accessToken)).status).toBe(404);
    const invite = await api('POST', '/members/invite', { email: uniqueEmail('viewer'), role: 'viewer' });
    expect(invite.status).toBe(201);
    const viewer = (await acceptInvite(server.url, invite.body)).accessToken;
    expect((await download(`/leads/${leadId}/proposals/${proposalId}/pdf`, viewer)).status).toBe(200);
    expect((await api('POST', `/leads/${leadId}/proposals`, { quote }, viewer)).status).toBe(403);
    expect(
      (await api('POST', `/leads/${leadId}/proposals/${proposalId}/send`, undefined, viewer)).status,
    ).toBe(403);
    expect((await api('PUT', '/team/company', { name: 'x' }, viewer)).status).toBe(403);
  }, 60_000);

  it('bad input is refused with 4xx', async () => {
    const base = `/leads/${leadId}/proposals`;
    expect((await api('POST', base, { quote: { ...quote, lines: [] } })).status).toBe(400);
    const many = Array.from({ length: 201 }, () => quote.lines[0]);
    expect((await api('POST', base, { quote: { ...quote, lines: many } })).status).toBe(400);
    expect((await api('POST', base, { quote: { ...quote, currency: 'rub' } })).status).toBe(400);
    expect((await api('POST', base, { quote, extra: 1 })).status).toBe(400);
    expect((await api('POST', base, {})).status).toBe(409);
    expect((await api('POST', '/leads/lead-none/proposals', { quote })).status).toBe(404);
    expect((await api('POST', `${base}/abcdef/send`)).status).toBe(404);
    expect((await api('POST', `${base}/NOT_HEX/accept`)).status).toBe(400);
    const lonely = await api('POST', '/leads', { title: 'Без переписки' });
    const draft = await api('POST', `/leads/${lonely.body.id}/proposals`, { quote, language: 'en' });
    expect(draft.status).toBe(201);
    expect((await api('POST', `/leads/${lonely.body.id}/proposals/${draft.body.id}/send`)).status).toBe(409);
  }, 60_000);

  it('sent through Telegram: the customer gets the PDF and a note in Russian; accepted, the value follows', async () => {
    const sent = await api('POST', `/leads/${leadId}/proposals/${proposalId}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.proposal).toMatchObject({ status: 'sent', messageId: sent.body.messageId });
    await until(
      () => fake.sent.some((s) => String(s.chatId) === String(chatId) && s.method === 'sendDocument'),
      30_000,
    );
    const doc = fake.sent.find((s) => String(s.chatId) === String(chatId) && s.method === 'sendDocument')!;
    expect(doc.file?.name).toMatch(/^КП P-\d{8}-[0-9A-F]{4}\.pdf$/);
    expect(Buffer.from(doc.file!.bytes).equals(Buffer.from(pdf))).toBe(true);
    await until(
      () =>
        fake.sent.some(
          (s) => String(s.chatId) === String(chatId) && s.text.includes('коммерческое предложение'),
        ),
      20_000,
    );
    const note = fake.sent.find((s) => s.text.includes('коммерческое предложение'))!;
    expect(flat(note.text)).toContain('на сумму 52 500,00 ₽');
    // Sending again writes no second message.
    expect((await api('POST', `/leads/${leadId}/proposals/${proposalId}/send`)).body.messageId).toBe(
      sent.body.messageId,
    );

    const accepted = await api('POST', `/leads/${leadId}/proposals/${proposalId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.proposal.status).toBe('accepted');
    const lead = await api('GET', `/leads/${leadId}`);
    expect(lead.body.value).toEqual({ amount: 52500, currency: 'RUB' });

    const timeline = (await api('GET', `/leads/${leadId}/proposals`)).body.timeline as {
      step: string;
      text: { en: string; ru: string };
    }[];
    expect(timeline.map((e) => e.step)).toEqual(['draft', 'sent', 'accepted']);
    expect(timeline[1]!.text.ru).toMatch(/^КП P-\S+ отправлено$/);
    expect(timeline[2]!.text.en).toMatch(/^Proposal P-\S+ accepted$/);
    await until(
      async () =>
        fake.sent.filter((s) => s.method === 'sendDocument' && String(s.chatId) === String(chatId)).length ===
        1,
      1_000,
    );
  }, 90_000);
});

describe("a proposal of the deal's own quote", () => {
  const quotedChat = 5462;
  const pdfText = async (leadId: string, id: string) => {
    const got = await download(`/leads/${leadId}/proposals/${id}/pdf`);
    expect(got.status).toBe(200);
    const { sections } = await extractPdf('p.pdf', got.bytes);
    return flat(sections.map((s) => s.text).join(' '));
  };

  it('the agent quotes 20 Widget Pro from the catalog; a proposal without a quote in the body uses it', async () => {
    const product = await api('POST', '/products', {
      sku: 'WP-1',
      name: 'Widget Pro',
      names: { ru: 'Виджет Про' },
      unit: 'pcs',
      prices: [{ currency: 'RUB', amount: 1250 }],
      discounts: [{ minQuantity: 10, percent: 10 }],
    });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    fake
      .user({ id: quotedChat, first_name: 'Пётр', language_code: 'ru' })
      .says('Сколько стоят 20 Widget Pro?');
    const [reply] = await fake.waitForSent(1, { chatId: quotedChat, timeoutMs: 60_000 });
    expect(flat(String(reply?.text))).toContain('22 500 ₽');
    const conv = `conv:telegram:${botId}:${quotedChat}`;
    const lead = await eventually(async () => {
      const items = (await api('GET', '/leads?limit=200')).body.items as LeadDoc[];
      return items.find((l) => l.conversationId === conv && l.quote);
    }, 20_000);
    expect(lead.quote).toMatchObject({
      total: 22500,
      currency: 'RUB',
      lines: [{ sku: 'WP-1', quantity: 20 }],
    });
    // The team's default leaves the deal's amount to a rep: the quote proposes it, accepting sets it.
    expect(lead.value?.amount).not.toBe(22500);

    const made = await api('POST', `/leads/${lead.id}/proposals`, {});
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'draft', language: 'ru', currency: 'RUB', total: 22500 });
    const text = await pdfText(lead.id, made.body.id);
    expect(text).toContain('Коммерческое предложение');
    // Issue 64: the product's Russian name and unit, and the deal's title in Russian (was "Lead: Пётр").
    expect(text).toMatch(/Виджет Про .*\b20 шт\./);
    expect(text).not.toContain('Widget Pro');
    expect(text).toContain('Заявка: Пётр');
    expect(text).not.toMatch(/\bLead\b/);
    expect(text).toContain('1 250,00 ₽');
    expect(text).toContain('22 500,00 ₽');
    expect(text).not.toContain('Subtotal');

    const accepted = await api('POST', `/leads/${lead.id}/proposals/${made.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect((await api('GET', `/leads/${lead.id}`)).body.value).toEqual({ amount: 22500, currency: 'RUB' });
  }, 150_000);

  it('the agent sends the proposal when the quoted customer asks for it and the profile allows', async () => {
    const profiles = (await api('GET', '/agent-settings?limit=100')).body.items as AgentSettingsDoc[];
    for (const p of profiles) {
      const patched = await api('PATCH', `/agent-settings/${encodeURIComponent(p.id)}`, {
        sendsProposals: true,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    const docs = () =>
      fake.sent.filter((s) => String(s.chatId) === String(quotedChat) && s.method === 'sendDocument');
    expect(docs()).toHaveLength(0);
    const before = fake.sent.filter((s) => String(s.chatId) === String(quotedChat)).length;
    fake.user({ id: quotedChat, first_name: 'Пётр', language_code: 'ru' }).says('Пришлите КП, пожалуйста');
    await until(() => docs().length === 1, 60_000);
    expect(docs()[0]!.file?.name).toMatch(/^КП P-\d{8}-[0-9A-F]{4}\.pdf$/);
    await until(
      () =>
        fake.sent.some(
          (s) =>
            String(s.chatId) === String(quotedChat) &&
            s.text.includes('Отправил вам коммерческое предложение'),
        ),
      30_000,
    );
    expect(fake.sent.filter((s) => String(s.chatId) === String(quotedChat)).length).toBeGreaterThan(before);
    const conv = `conv:telegram:${botId}:${quotedChat}`;
    const items = (await api('GET', '/leads?limit=200')).body.items as LeadDoc[];
    const lead = items.find((l) => l.conversationId === conv)!;
    const mine = (lead.commercialProposals ?? []).filter((p) => p.sentBy === 'agent');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'sent', total: 22500, currency: 'RUB', language: 'ru' });
  }, 120_000);
});

describe('a proposal sent in web chat', () => {
  it('shows the visitor its PDF as a link only they can download, and the deal says it was opened', async () => {
    const widget = await api('POST', '/channels/webchat', { title: 'Proposals' });
    expect(widget.status).toBe(201);
    const key = widget.body.key as string;
    const visitor = 'visitor-proposal-00000001';
    const chat = `${server.url}/webchat/v1/${encodeURIComponent(key)}`;
    const posted = await fetch(`${chat}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ru-RU' },
      body: JSON.stringify({ visitorId: visitor, clientMessageId: 'm1', text: 'Здравствуйте! Пришлите КП.' }),
    });
    expect(posted.status).toBe(202);
    const lead = await api('POST', '/leads', {
      title: 'КП в веб-чате',
      contactId: contactIdFor('webchat', visitor),
      conversationId: conversationIdFor('webchat', key, visitor),
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const made = await api('POST', `/leads/${lead.body.id}/proposals`, { quote });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const sent = await api('POST', `/leads/${lead.body.id}/proposals/${made.body.id}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    type Listed = { id: string; text: string; files?: { index: number; name: string; size?: number }[] };
    const shown = await eventually(async () => {
      const res = await fetch(`${chat}/messages?visitorId=${visitor}`);
      const { messages } = (await res.json()) as { messages: Listed[] };
      return messages.find((m) => m.files?.length);
    }, 20_000);
    expect(shown.text).toContain('коммерческое предложение');
    expect(shown.files).toEqual([{ index: 0, name: made.body.fileName, size: made.body.size }]);

    const file = (id: string, index: number, who: string) =>
      fetch(`${chat}/files/${encodeURIComponent(id)}/${index}?visitorId=${who}`);
    // Another visitor, another message, another index, a malformed visitor: nothing to download.
    expect((await file(shown.id, 0, 'visitor-someone-else-0001')).status).toBe(404);
    expect((await file('proposal:unknown', 0, visitor)).status).toBe(404);
    expect((await file(shown.id, 3, visitor)).status).toBe(404);
    expect((await file(shown.id, 0, 'bad id')).status).toBe(400);
    expect((await file(shown.id, 99, visitor)).status).toBe(400);
    // Nothing was opened by those.
    expect((await api('GET', `/leads/${lead.body.id}`)).body.commercialProposals[0].status).toBe('sent');

    const got = await file(shown.id, 0, visitor);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      Buffer.from(await got.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const opened = (await api('GET', `/leads/${lead.body.id}`)).body.commercialProposals[0];
    expect(opened).toMatchObject({ status: 'opened' });
    expect(opened.openedAt).toBeTruthy();
    const timeline = (await api('GET', `/leads/${lead.body.id}/proposals`)).body.timeline as {
      step: string;
    }[];
    expect(timeline.map((e) => e.step)).toEqual(['draft', 'sent', 'opened']);
  }, 90_000);
});
