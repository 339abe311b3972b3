// Customer notifications on stage changes, end to end: an admin gives two stages a message (English
// and Russian) through the pipelines API; deals of real Telegram customers (grammY against the fake
// Bot API) move into them through the leads API and through the sync gateway (a lead write and its
// stage-change record, as the desktop replicates them), with two server processes on one store.
// Each move sends exactly one message, in the customer's language; writing the record again, a move
// that changes nothing, and a restart send nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import {
  stageChangeOf,
  type ConversationDoc,
  type ActivityDoc,
  type LeadDoc,
  type MessageDoc,
  type PipelineDoc,
} from '@app/shared/schemas';
import { conversationIdFor } from '@app/shared/ids';
import type { RunningServer } from '../src/server';
import { call, eventually, sameStoreEnv, startTestServer, tempDir } from './helpers';

let dirA: ReturnType<typeof tempDir>;
let dirB: ReturnType<typeof tempDir>;
let fake: FakeTelegram;
let a: RunningServer;
let b: RunningServer | undefined;
let token: string;
let userId: string;
let teamId: string;

const telegramEnv = () => ({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
const api = (method: string, path: string, body?: unknown) =>
  call(a.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
const sentTo = (chatId: number) => fake.sent.filter((s) => String(s.chatId) === String(chatId));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const templates = {
  en: 'Hello {{name}}, your deal "{{deal}}" is now at the stage: {{stage}}.',
  ru: 'Здравствуйте, {{name}}! Ваша сделка «{{deal}}» теперь на этапе: {{stage}}.',
};

beforeAll(async () => {
  dirA = tempDir('notify-a-');
  dirB = tempDir('notify-b-');
  fake = await startFakeTelegram();
  a = await startTestServer(dirA.path, { SEED_DEMO: 'true', ...telegramEnv() });
  // A second process on the same store: it follows the stage changes too (no bot of its own).
  b = await startTestServer(dirB.path, sameStoreEnv(a, dirA.path));
  teamId = a.seeded!.teamId;
  const login = await call(a.url, 'POST', '/api/v1/auth/login', {
    body: { email: a.seeded!.email, password: a.seeded!.password },
  });
  token = login.body.accessToken;
  userId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
}, 90_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
  await fake?.close();
  dirA?.remove();
  dirB?.remove();
});

/** A customer writes; once the agents answered, their deal (with its conversation). */
async function customerDeal(id: number, name: string, lang: 'en' | 'ru', text: string): Promise<LeadDoc> {
  fake.user({ id, first_name: name, language_code: lang }).says(text);
  await fake.waitForSent(1, { chatId: id, timeoutMs: 45_000 });
  return eventually(async () => {
    const res = await api('GET', `/leads?contactId=${encodeURIComponent(`contact:telegram:${id}`)}`);
    const lead = (res.body.items as LeadDoc[] | undefined)?.[0];
    return lead?.conversationId ? lead : undefined;
  }, 30_000);
}

/** Gives `stageIds` of the deal's pipeline the notification; answers the pipeline. */
async function notifyOn(pipelineId: string, pick: (p: PipelineDoc) => string[]): Promise<PipelineDoc> {
  const got = await api('GET', `/pipelines/${pipelineId}`);
  expect(got.status).toBe(200);
  const pipeline = got.body as PipelineDoc;
  const ids = pick(pipeline);
  const stages = pipeline.stages.map((s) =>
    ids.includes(s.id) ? { ...s, notify: { enabled: true, templates } } : s,
  );
  const res = await api('PATCH', `/pipelines/${pipelineId}`, { stages });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.pipeline as PipelineDoc;
}

const notifications = async () =>
  (
    await a.store.teamDb<MessageDoc>(teamId, 'messages').find({
      selector: { 'author.kind': 'system', 'author.name': 'stage-notification' },
      limit: 100,
    })
  ).docs;

let pipeline: PipelineDoc;
let target: string;
let won: string;

describe('customer notifications on stage changes', () => {
  it('a move through the API sends the stage message once, in Russian to a Russian customer', async () => {
    const lead = await customerDeal(5101, 'Анна', 'ru', 'Здравствуйте! Сколько стоит тариф для команды?');
    pipeline = await notifyOn(lead.pipelineId ?? 'default', (p) => {
      const open = p.stages.filter((s) => s.kind === 'open' && s.id !== lead.stage);
      target = open[open.length - 1]!.id;
      won = p.stages.find((s) => s.kind === 'won')!.id;
      return [target, won];
    });
    const moved = await api('PATCH', `/leads/${lead.id}`, { stage: target });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const sent = await fake.waitForSent(2, { chatId: 5101, timeoutMs: 30_000 });
    expect(sent[1]!.text).toBe(
      `Здравствуйте, Анна! Ваша сделка «${lead.title}» теперь на этапе: ${stageName(target, 'ru')}.`,
    );
    // The same stage again changes nothing; nothing more is sent (by either process).
    expect((await api('PATCH', `/leads/${lead.id}`, { stage: target })).status).toBe(200);
    await pause(2_500);
    expect(sentTo(5101)).toHaveLength(2);

    // The deal's stage history through the API: the move, by the admin, and the time in each stage.
    const history = await api('GET', `/leads/${encodeURIComponent(lead.id)}/stage-changes`);
    expect(history.status).toBe(200);
    const moves = history.body.items as { to: string; via?: string; by: { kind: string; id?: string } }[];
    expect(moves.at(-1)).toMatchObject({ to: target, via: 'api', by: { kind: 'rep', id: userId } });
    expect(moves.filter((m) => m.to === target)).toHaveLength(1);
    expect(history.body.timeInStage[target]).toBeGreaterThanOrEqual(0);
    expect((await api('GET', '/leads/no-such-lead/stage-changes')).status).toBe(404);

    // Logged: the message (a system author, its delivery) and an activity row.
    const [note] = (await notifications()).filter((m) => m.conversationId === lead.conversationId);
    expect(note).toMatchObject({ direction: 'outbound', channel: 'telegram', delivery: { status: 'sent' } });
    const log = await a.store
      .teamDb<ActivityDoc>(teamId, 'activity')
      .get(`${(note as unknown as { _id: string })._id}:log`);
    expect(log).toMatchObject({
      name: 'stage-notification',
      status: 'ok',
      conversationId: lead.conversationId,
    });
    expect(JSON.parse(log.output!)).toMatchObject({ language: 'ru' });
  }, 120_000);

  it('a replicated move (lead write and stage-change record through /sync) notifies once, in English', async () => {
    const lead = await customerDeal(5202, 'John', 'en', 'Hello, how much is the team plan?');
    expect(lead.pipelineId ?? 'default').toBe(pipeline.id);
    const stored = await call(a.url, 'GET', `/sync/leads/${encodeURIComponent(lead.id)}`, { token });
    expect(stored.status).toBe(200);
    const at = new Date().toISOString();
    const after = { ...stored.body, stage: won, stageChangedAt: at, updatedAt: at };
    const put = await call(a.url, 'PUT', `/sync/leads/${encodeURIComponent(lead.id)}`, {
      token,
      body: after,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const record = stageChangeOf(
      lead,
      { ...lead, stage: won, stageChangedAt: at },
      { kind: 'rep', id: userId },
      at,
      'board',
    )!;
    const { id, ...body } = record;
    // A rep may not write a move in someone else's name.
    const forged = await call(a.url, 'PUT', `/sync/stage_changes/${encodeURIComponent(`${id}x`)}`, {
      token,
      body: { ...body, by: { kind: 'agent' } },
    });
    expect(forged.status).toBe(403);
    const pushed = await call(a.url, 'POST', '/sync/stage_changes/_bulk_docs', {
      token,
      body: { docs: [{ _id: id, ...body }] },
    });
    expect(pushed.status).toBe(201);
    expect(pushed.body[0]).toMatchObject({ ok: true });
    const sent = await fake.waitForSent(2, { chatId: 5202, timeoutMs: 30_000 });
    expect(sent[1]!.text).toBe(
      `Hello John, your deal "${lead.title}" is now at the stage: ${stageName(won, 'en')}.`,
    );
    // The same record again (a device retrying its push): records are never rewritten, so it is
    // refused as an update of the stored one.
    const again = await call(a.url, 'POST', '/sync/stage_changes/_bulk_docs', {
      token,
      body: { docs: [{ _id: id, ...body }] },
    });
    expect(again.body[0]).toMatchObject({ error: 'forbidden' });
    await pause(2_500);
    expect(sentTo(5202)).toHaveLength(2);
    expect(await notifications()).toHaveLength(2);
  }, 120_000);

  it("web chat: the visitor's widget shows the message once, in the language the visitor writes", async () => {
    const created = await api('POST', '/channels/webchat', { title: 'Questions?' });
    expect(created.status).toBe(201);
    const base = `${a.url}/webchat/v1/${created.body.key}`;
    const visitorId = 'v_notify000000000000000';
    const widget = async () => {
      const res = await fetch(`${base}/messages?visitorId=${visitorId}`);
      const body = (await res.json()) as { messages: { direction: string; text: string }[] };
      return body.messages.filter((m) => m.direction === 'outbound');
    };
    const posted = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        visitorId,
        clientMessageId: 'n1',
        text: 'Добрый день! Подскажите, сколько стоит тариф?',
      }),
    });
    expect(posted.status).toBe(202);
    await eventually(async () => ((await widget()).length > 0 ? true : undefined), 45_000);
    const conv = await a.store
      .teamDb<ConversationDoc>(teamId, 'conversations')
      .get(conversationIdFor('webchat', created.body.key, visitorId));
    const lead = await eventually(async () => {
      const res = await api('GET', `/leads?contactId=${encodeURIComponent(conv.contactId)}`);
      return (res.body.items as LeadDoc[] | undefined)?.find((l) => l.conversationId);
    }, 30_000);
    const before = (await widget()).length;
    const stage = lead.stage === target ? won : target;
    expect((await api('PATCH', `/leads/${lead.id}`, { stage })).status).toBe(200);
    const shown = await eventually(async () => {
      const out = await widget();
      return out.length > before ? out : undefined;
    }, 30_000);
    expect(shown.at(-1)!.text).toContain(`на этапе: ${stageName(stage, 'ru')}.`);
    await pause(2_000);
    expect((await widget()).filter((m) => m.text.includes('Ваша сделка'))).toHaveLength(1);
  }, 120_000);

  it('a demo deal moved into the stage sends nothing (seeded data never reaches a channel)', async () => {
    const leads = (await api('GET', '/leads?limit=200')).body.items as LeadDoc[];
    const conversations = a.store.teamDb<ConversationDoc>(teamId, 'conversations');
    let demo: LeadDoc | undefined;
    for (const l of leads) {
      if (!l.conversationId || l.stage === target || (l.pipelineId ?? 'default') !== pipeline.id) continue;
      const conv = await conversations.get(l.conversationId).catch(() => undefined);
      if (conv?.botId === 'demo') demo = l;
    }
    expect(demo).toBeDefined();
    expect((await api('PATCH', `/leads/${demo!.id}`, { stage: target })).status).toBe(200);
    await pause(2_500);
    expect(await notifications()).toHaveLength(3);
  }, 30_000);

  it('after a restart of both processes nothing is sent again', async () => {
    await b?.close();
    b = undefined;
    await a.close();
    a = await startTestServer(dirA.path, { SEED_DEMO: 'true', ...telegramEnv() });
    await pause(4_000);
    expect(sentTo(5101)).toHaveLength(2);
    expect(sentTo(5202)).toHaveLength(2);
    expect(await notifications()).toHaveLength(3);
  }, 60_000);
});

function stageName(id: string, lang: 'en' | 'ru'): string {
  const stage = pipeline.stages.find((s) => s.id === id)!;
  const names: Record<string, Record<string, string>> = {
    en: {
      new: 'New',
      qualified: 'Qualified',
      proposal: 'Proposal',
      negotiation: 'Negotiation',
      won: 'Won',
      lost: 'Lost',
    },
    ru: {
      new: 'Новая',
      qualified: 'Квалифицирована',
      proposal: 'Предложение',
      negotiation: 'Переговоры',
      won: 'Выиграна',
      lost: 'Проиграна',
    },
  };
  return stage.name ?? names[lang]![id] ?? id;
}
