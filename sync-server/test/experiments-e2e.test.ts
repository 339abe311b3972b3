// A/B tests of instructions end to end (issue 38): the real server with its agent runtime and the
// offline provider. An admin starts an experiment with two variants through the API; customers write
// through the web chat; each conversation gets the variant the shared hash gives it, written on the
// conversation, and its first reply opens with that variant's greeting. A won deal shows in the
// report's conversion per variant; stop assigns nothing new; promote writes the winner's instructions
// into the profile; a rep's writes are 403 and bad bodies 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantFor } from '@app/shared/agents';
import type { RunningServer } from '../src/server';
import type { Loose } from './api-kit';
import { acceptInvite, call, register, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let team: Session;
let rep: string;
let base: string;
let key: string;
let profileId: string;
let experiment: Loose;

const GREETING = { a: 'Вариант А: здравствуйте!', b: 'Вариант Б: добрый день!' } as const;
const api = (method: string, path: string, body?: unknown, token = team.accessToken) =>
  call(server.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
const conversationIdOf = (visitor: string) => `conv:webchat:${key}:${visitor}`;
const visitorOf = (i: number) => `v_experiment_visitor_${String(i).padStart(6, '0')}`;

/** Sends one message from a visitor and polls until the agents' reply: its text. */
async function chat(visitor: string, text: string): Promise<string> {
  const sent = await fetch(`${base}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    body: JSON.stringify({ visitorId: visitor, clientMessageId: `m-${visitor}`, text }),
  });
  expect(sent.status).toBe(202);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/messages?${new URLSearchParams({ visitorId: visitor, wait: '1' })}`);
    const body = (await res.json()) as { messages: { direction: string; text: string }[] };
    const reply = body.messages.find((m) => m.direction === 'outbound');
    if (reply) return reply.text;
  }
  throw new Error(`no reply to ${visitor} within 30 s`);
}

/** The runtime reads profiles from its mirror (a changes follower): a moment after a write it has it. */
const mirrorCatchesUp = () => new Promise((r) => setTimeout(r, 1500));

beforeAll(async () => {
  dir = tempDir('experiments-');
  server = await startTestServer(dir.path);
  team = await register(server.url, 'Experiment team');
  const invite = await api('POST', '/members/invite', { email: uniqueEmail('rep'), role: 'rep' });
  rep = (await acceptInvite(server.url, invite.body as Loose)).accessToken;
  const widget = await api('POST', '/channels/webchat', { title: 'Чат' });
  expect(widget.status).toBe(201);
  key = String((widget.body as Loose).key);
  base = `${server.url}/webchat/v1/${key}`;
  const profile = await api('POST', '/agent-settings', {
    name: 'Sales',
    persona: 'A sales assistant.',
    instructions: 'The profile’s own instructions.',
    channels: ['webchat'],
    isDefault: true,
  });
  expect(profile.status).toBe(201);
  profileId = String((profile.body as Loose).id);
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

describe('experiments through the API and the web chat', () => {
  it('refuses a rep’s writes and bad bodies', async () => {
    const good = {
      profileId: 'x',
      name: 'n',
      variants: [
        { name: 'A', instructions: 'a' },
        { name: 'B', instructions: 'b' },
      ],
    };
    expect((await api('POST', '/experiments', { ...good, profileId }, rep)).status).toBe(403);
    expect((await api('GET', '/experiments', undefined, rep)).status).toBe(200);
    expect((await api('POST', '/experiments', { ...good, profileId: 'nobody' })).status).toBe(404);
    const bad = [
      { ...good, profileId, variants: good.variants.slice(0, 1) },
      { ...good, profileId, variants: [{ ...good.variants[0], weight: -1 }, good.variants[1]] },
      { ...good, profileId, variants: [{ name: 'A' }, good.variants[1]] },
      { ...good, profileId, extra: true },
      { ...good, profileId, variants: [good.variants[0], { ...good.variants[1], id: '../x' }] },
      'not an object',
    ];
    for (const body of bad) {
      const res = await api('POST', '/experiments', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const same = [
      { id: 'x', ...good.variants[0] },
      { id: 'x', ...good.variants[1] },
    ];
    expect((await api('POST', '/experiments', { ...good, profileId, variants: same })).status).toBe(400);
    expect((await api('GET', '/experiments')).body).toEqual({ items: [] });
  });

  it('splits web chat conversations between the variants, each answered with its variant’s text', async () => {
    const created = await api('POST', '/experiments', {
      profileId,
      name: 'Opening line',
      variants: [
        { id: 'a', name: 'Brief', weight: 50, instructions: 'VARIANT A instructions', greeting: GREETING.a },
        { id: 'b', name: 'Warm', weight: 50, instructions: 'VARIANT B instructions', greeting: GREETING.b },
      ],
    });
    expect(created.status).toBe(201);
    experiment = created.body;
    expect(experiment).toMatchObject({ profileId, status: 'running', variants: [{ id: 'a' }, { id: 'b' }] });
    // A second one on the same profile waits until this one stops.
    const second = await api('POST', '/experiments', {
      profileId,
      name: 'Another',
      variants: experiment.variants.map(({ id: _id, ...v }: Loose) => v),
    });
    expect(second.status).toBe(409);
    await mirrorCatchesUp();

    // Two visitors per variant, by the same hash the agents use (the team's id, the experiment's, the chat's).
    const picked: Record<'a' | 'b', string[]> = { a: [], b: [] };
    for (let i = 0; picked.a.length < 2 || picked.b.length < 2; i++) {
      const variant = variantFor(team.team.id, experiment, conversationIdOf(visitorOf(i))).id as 'a' | 'b';
      if (picked[variant].length < 2) picked[variant].push(visitorOf(i));
    }
    for (const variant of ['a', 'b'] as const) {
      for (const visitor of picked[variant]) {
        const reply = await chat(visitor, 'Здравствуйте!');
        expect(reply.startsWith(`${GREETING[variant]}\n\n`), reply).toBe(true);
        const conversation = await api(
          'GET',
          `/conversations/${encodeURIComponent(conversationIdOf(visitor))}`,
        );
        expect((conversation.body as Loose).experiment).toMatchObject({
          experimentId: experiment.id,
          variantId: variant,
        });
      }
    }

    // One deal of variant A is won.
    const leads = (await api('GET', '/leads?limit=100')).body as Loose;
    const lead = leads.items.find((l: Loose) => l.conversationId === conversationIdOf(picked.a[0]!));
    expect(lead).toBeDefined();
    const won = await api('PATCH', `/leads/${encodeURIComponent(lead.id)}`, { stage: 'won' });
    expect(won.status).toBe(200);

    const report = await api('GET', `/experiments/${experiment.id}/report`);
    expect(report.status).toBe(200);
    const [a, b] = (report.body as Loose).variants;
    expect(a).toMatchObject({ variantId: 'a', conversations: 2, won: 1, conversion: 0.5 });
    expect(b).toMatchObject({ variantId: 'b', conversations: 2, won: 0, conversion: 0 });
    expect(a.conversionInterval.low).toBeCloseTo(0.0945, 3);
    expect(a.conversionInterval.high).toBeCloseTo(0.9055, 3);
    expect(a.medianFirstReplyMs).toBeGreaterThanOrEqual(0);
    expect(b.difference).toMatchObject({ vsVariantId: 'a', difference: -0.5 });
    expect((await api('GET', `/experiments/${experiment.id}/report`, undefined, rep)).status).toBe(200);
  }, 120_000);

  it('stops (nothing new is assigned) and promotes a winner into the profile', async () => {
    expect((await api('POST', `/experiments/${experiment.id}/stop`, undefined, rep)).status).toBe(403);
    const stopped = await api('POST', `/experiments/${experiment.id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'stopped' });
    expect((await api('POST', `/experiments/${experiment.id}/stop`)).status).toBe(409);
    expect((await api('PATCH', `/experiments/${experiment.id}`, { name: 'Late' })).status).toBe(409);
    await mirrorCatchesUp();
    const visitor = visitorOf(900);
    const reply = await chat(visitor, 'Здравствуйте!');
    expect(reply.startsWith('Вариант')).toBe(false);
    const conversation = await api('GET', `/conversations/${encodeURIComponent(conversationIdOf(visitor))}`);
    expect((conversation.body as Loose).experiment).toBeUndefined();

    const promote = (body: unknown, token?: string) =>
      api('POST', `/experiments/${experiment.id}/promote`, body, token);
    expect((await promote({ variantId: 'b' }, rep)).status).toBe(403);
    expect((await promote({})).status).toBe(400);
    expect((await promote({ variantId: 'zzz' })).status).toBe(404);
    expect((await api('POST', '/experiments/exp-unknown/promote', { variantId: 'a' })).status).toBe(404);
    const promoted = await promote({ variantId: 'b' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ status: 'promoted', winnerVariantId: 'b' });
    const profile = await api('GET', `/agent-settings/${profileId}`);
    expect((profile.body as Loose).instructions).toBe('VARIANT B instructions');
    expect((await promote({ variantId: 'a' })).status).toBe(409);
    const list = (await api('GET', '/experiments')).body as Loose;
    expect(list.items.map((e: Loose) => [e.id, e.status])).toEqual([[experiment.id, 'promoted']]);
  }, 60_000);
});
