// Per-team knowledge embeddings end to end, on the real server with its runtime and fake
// OpenAI-compatible `/v1/embeddings` servers on loopback (the real `openai` SDK calls them; they answer
// the documented shape `{object: 'list', data: [{object: 'embedding', index, embedding}], model,
// usage}` and count calls and inputs). Team A chooses its provider through the API: its knowledge is
// embedded by that server, a question with no word in common with the text finds it through the
// vectors, the tokens land in the team's usage; a switch to another provider re-embeds, choosing it
// again calls nothing, back to the built-in one calls no provider. A provider answering 500 or junk,
// or hanging, never breaks a question (full text answers it, the status says so), nor a customer's
// answer; new knowledge waits for its vectors, searchable by text. Team B, with no choice, never
// reaches team A's servers. Team C embeds with GigaChat (OAuth token exchange, its embeddings API).
// Bad input is a 400, reps are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGigaChat, startFakeOpenAi, type FakeGigaChat, type FakeReply } from '@app/shared/testing';
import type { RunningServer } from '../src/server';
import {
  acceptInvite,
  call,
  eventually,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';
import { uploadKnowledge, webchatReply } from './knowledge-chat-kit';

type Behaviour = 'ok' | '500' | 'junk' | 'hang';

/** A fake embeddings server: a topic vector per text (delivery, payment, other), its calls counted. */
async function embeddingsServer() {
  const state = { behaviour: 'ok' as Behaviour, inputs: [] as string[], auth: new Set<string>() };
  const server = await startFakeOpenAi((req): FakeReply => {
    if (!req.path.endsWith('/embeddings')) return { status: 404, body: { error: { message: 'no' } } };
    const input = req.body.input as string[];
    state.inputs.push(...input);
    state.auth.add(String(req.headers.authorization));
    if (state.behaviour === '500') return { status: 500, body: { error: { message: 'boom' } } };
    if (state.behaviour === 'hang') return { delayMs: 60_000 };
    const vector = (t: string) =>
      state.behaviour === 'junk'
        ? ['x', null, 1]
        : /kazan|shipping|казан/i.test(t)
          ? [1, 0, 0.05]
          : /card|payment|оплат/i.test(t)
            ? [0, 1, 0.05]
            : [0, 0, 1];
    return {
      body: {
        object: 'list',
        model: String(req.body.model),
        data: input.map((t, index) => ({ object: 'embedding', index, embedding: vector(t) })),
        usage: { prompt_tokens: input.length * 10, total_tokens: input.length * 10 },
      },
    };
  });
  return { server, state };
}

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let one: Awaited<ReturnType<typeof embeddingsServer>>;
let two: Awaited<ReturnType<typeof embeddingsServer>>;
let giga: FakeGigaChat;
let teamA: Session;
let teamB: Session;
let teamC: Session;
const GIGA_KEY = 'ZmFrZS1jbGllbnQ6ZmFrZS1zZWNyZXQ=';

const api = (who: Session | string, method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: typeof who === 'string' ? who : who.accessToken,
    ...(body === undefined ? {} : { body }),
  });

const KNOWLEDGE = [
  '# Delivery',
  'Delivery to Kazan costs 500 roubles and takes 3 days.',
  '',
  '# Payment',
  'We accept cards and bank transfers.',
].join('\n');

async function addKnowledge(team: Session, text: string, fileName: string): Promise<void> {
  await uploadKnowledge(server.url, team.accessToken, fileName, text);
}

type Status = {
  provider: string;
  model: string;
  chunks: number;
  current: number;
  byModel: Array<{ provider: string; model: string; chunks: number }>;
  pending: number;
  queryFallbacks: number;
  state: string;
  lastError?: { stage: string; message: string };
  unavailable?: { message: string };
};
const statusOf = async (team: Session) => (await api(team, 'GET', '/embeddings')).body.status as Status;
/** Waits until every chunk of the team carries a vector of `provider`. */
const embeddedWith = (team: Session, provider: string) =>
  eventually(async () => {
    const s = await statusOf(team);
    return s?.provider === provider && s.state === 'ready' && s.chunks > 0 && s.current === s.chunks
      ? s
      : undefined;
  }, 30_000);
const search = async (team: Session, q: string) =>
  (await api(team, 'GET', `/embeddings/search?q=${encodeURIComponent(q)}`)).body as {
    mode: string;
    hits: Array<{ title: string; score: number }>;
  };

const provider = (id: string, url: string, embeddingsModel?: string) => ({
  id,
  kind: 'openai-compatible',
  baseURL: url,
  apiKey: `sk-${id}`,
  model: 'chat-model',
  ...(embeddingsModel ? { embeddingsModel } : {}),
  prices: { 'emb-1': { promptPerMTok: 1000, completionPerMTok: 0 } },
});

beforeAll(async () => {
  dir = tempDir('team-embeddings-');
  [one, two, giga] = await Promise.all([
    embeddingsServer(),
    embeddingsServer(),
    startFakeGigaChat({ authorizationKey: GIGA_KEY }),
  ]);
  server = await startTestServer(dir.path, { OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' });
  [teamA, teamB, teamC] = await Promise.all([
    register(server.url, 'Team A'),
    register(server.url, 'Team B'),
    register(server.url, 'Team C'),
  ]);
}, 90_000);

afterAll(async () => {
  await server?.close();
  await Promise.all([one?.server.close(), two?.server.close(), giga?.close()]);
  dir?.remove();
});

describe('per-team knowledge embeddings', () => {
  it('choose one of the team providers with an embeddings model; bad input is a 400; reps are refused', async () => {
    expect(
      (await api(teamA, 'POST', '/model-providers', provider('emb', one.server.baseURL, 'emb-1'))).status,
    ).toBe(201);
    expect((await api(teamA, 'POST', '/model-providers', provider('chat', one.server.baseURL))).status).toBe(
      201,
    );
    const before = await api(teamA, 'GET', '/embeddings');
    expect(before.status).toBe(200);
    expect(before.body.providerId).toBe('local');
    expect(before.body.choices).toEqual([{ id: 'emb', name: 'OpenAI-compatible', model: 'emb-1' }]);
    for (const [body, words] of [
      [{ providerId: 'nope' }, "no provider 'nope'"],
      [{ providerId: 'chat' }, 'no embeddings model'],
      [{ providerId: 5 }, 'providerId'],
      [{ providerId: 'emb', extra: 1 }, 'extra'],
      [{}, 'providerId'],
    ] as const) {
      const res = await api(teamA, 'PUT', '/embeddings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain(words);
    }
    expect((await api(teamA, 'GET', '/embeddings/search')).status).toBe(400);

    const email = uniqueEmail('rep');
    const invite = await api(teamA, 'POST', '/members/invite', { email, role: 'rep' });
    const rep = await acceptInvite(server.url, { inviteToken: invite.body.inviteToken as string, email });
    expect((await api(rep, 'GET', '/embeddings')).status).toBe(403);
    expect((await api(rep, 'PUT', '/embeddings', { providerId: 'local' })).status).toBe(403);
  }, 30_000);

  it("embeds the team's knowledge with its provider; a question finds it through those vectors; tokens are counted", async () => {
    const chose = await api(teamA, 'PUT', '/embeddings', { providerId: 'emb' });
    expect(chose.status).toBe(200);
    expect(chose.body.providerId).toBe('emb');
    await addKnowledge(teamA, KNOWLEDGE, 'delivery.md');
    await addKnowledge(teamB, `${KNOWLEDGE}\nTeam-B-only marker.`, 'delivery-b.md');
    const status = await embeddedWith(teamA, 'team:emb');
    expect(status).toMatchObject({ model: 'emb-1', pending: 0, queryFallbacks: 0 });
    expect(status.byModel).toEqual([{ provider: 'team:emb', model: 'emb-1', chunks: status.chunks }]);
    expect(one.state.inputs.some((t) => t.includes('Kazan'))).toBe(true);
    expect([...one.state.auth]).toEqual(['Bearer sk-emb']);

    // "shipping" is in no chunk: only the provider's vectors lead to the delivery chunk.
    const found = await search(teamA, 'shipping');
    expect(found.mode).toBe('hybrid');
    expect(found.hits[0]?.title).toMatch(/delivery/i);
    // Team B (the server's default, the local embedder) has no such vectors.
    const b = await search(teamB, 'shipping');
    expect(b.hits.some((h) => /delivery/i.test(h.title))).toBe(false);
    expect((await statusOf(teamB)).provider).toBe('local');

    const usage = await api(teamA, 'GET', '/usage');
    const emb = (usage.body.byModel as Array<{ provider: string; model: string; promptTokens: number }>).find(
      (m) => m.provider === 'emb',
    );
    expect(emb).toMatchObject({ model: 'emb-1' });
    expect(emb!.promptTokens).toBe(one.state.inputs.length * 10);
    expect((await api(teamB, 'GET', '/usage')).body.byModel).toEqual([]);
  }, 90_000);

  it('re-embeds on a switch of provider; choosing the same one again calls nothing', async () => {
    expect(
      (await api(teamA, 'POST', '/model-providers', provider('emb2', two.server.baseURL, 'emb-2'))).status,
    ).toBe(201);
    const embeddedByOne = one.state.inputs.length;
    expect((await api(teamA, 'PUT', '/embeddings', { providerId: 'emb2' })).status).toBe(200);
    const s2 = await embeddedWith(teamA, 'team:emb2');
    expect(s2.byModel).toEqual([{ provider: 'team:emb2', model: 'emb-2', chunks: s2.chunks }]);
    const chunkInputs = two.state.inputs.filter((t) => t !== 'dimension probe');
    expect(chunkInputs.length).toBe(s2.chunks);
    expect((await search(teamA, 'shipping')).hits[0]?.title).toMatch(/delivery/i);
    expect(one.state.inputs.length - embeddedByOne).toBe(0);

    // Choosing it again changes nothing: no call.
    const calls = two.state.inputs.length;
    expect((await api(teamA, 'PUT', '/embeddings', { providerId: 'emb2' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(two.state.inputs.length).toBe(calls);
  }, 90_000);

  it('falls back to full text when the provider fails a question (500, junk, a hang) and says so', async () => {
    for (const behaviour of ['500', 'junk', 'hang'] as const) {
      two.state.behaviour = behaviour;
      const before = (await statusOf(teamA)).queryFallbacks;
      const res = await search(teamA, 'Kazan delivery');
      expect(res.mode, behaviour).toBe('fulltext');
      expect(res.hits[0]?.title).toMatch(/delivery/i);
      const s = await statusOf(teamA);
      expect(s.queryFallbacks).toBe(before + 1);
      expect(s.lastError?.stage).toBe('query');
    }
    // New knowledge while the provider is down: searchable by its words, waiting for its vectors.
    two.state.behaviour = '500';
    await addKnowledge(teamA, '# Warranty\nEvery printer has a two-year warranty.', 'warranty.md');
    const waiting = await eventually(async () => {
      const s = await statusOf(teamA);
      return s.pending > 0 ? s : undefined;
    }, 30_000);
    expect(waiting.lastError?.stage).toBe('document');
    expect((await search(teamA, 'warranty printer')).hits[0]?.title).toMatch(/warranty/i);
    // A customer's question is still answered (by the offline provider, from full-text hits).
    const widget = await api(teamA, 'POST', '/channels/webchat', {});
    expect(widget.status).toBe(201);
    const visitorId = `v_${'1'.padStart(20, '0')}`;
    const reply = await webchatReply(
      server.url,
      widget.body.key,
      visitorId,
      'm1',
      'How much is delivery to Kazan?',
    );
    expect(reply).toMatch(/500/);
    // Team B is untouched by team A's failing provider.
    expect((await search(teamB, 'Kazan delivery')).mode).toBe('hybrid');
    expect((await statusOf(teamB)).queryFallbacks).toBe(0);
    expect(one.state.inputs.concat(two.state.inputs).some((t) => t.includes('Team-B-only'))).toBe(false);
    two.state.behaviour = 'ok';
  }, 90_000);

  it('back to the built-in embedder: the chunks are embedded locally, the provider is not called', async () => {
    const calls = two.state.inputs.length + one.state.inputs.length;
    const res = await api(teamA, 'PUT', '/embeddings', { providerId: 'local' });
    expect(res.body.providerId).toBe('local');
    const s = await eventually(async () => {
      const st = await statusOf(teamA);
      return st.provider === 'local' && st.state === 'ready' && st.current === st.chunks ? st : undefined;
    }, 30_000);
    expect(s.byModel.map((m) => m.provider)).toEqual(['local']);
    expect(two.state.inputs.length + one.state.inputs.length).toBe(calls);
    // Removing the chosen provider later leaves the choice at the default.
    expect((await api(teamA, 'PUT', '/embeddings', { providerId: 'emb' })).status).toBe(200);
    expect((await api(teamA, 'DELETE', '/model-providers/emb')).status).toBe(204);
    expect((await api(teamA, 'GET', '/embeddings')).body.providerId).toBe('local');
  }, 90_000);

  it("embeds with GigaChat's embeddings API after its OAuth token exchange", async () => {
    const added = await api(teamC, 'POST', '/model-providers', {
      id: 'giga',
      kind: 'gigachat',
      baseURL: giga.baseURL,
      authURL: giga.authURL,
      apiKey: GIGA_KEY,
      embeddingsModel: 'Embeddings',
    });
    expect(added.status).toBe(201);
    expect((await api(teamC, 'PUT', '/embeddings', { providerId: 'giga' })).status).toBe(200);
    await addKnowledge(teamC, KNOWLEDGE, 'delivery.md');
    const status = await embeddedWith(teamC, 'team:giga');
    expect(status.model).toBe('Embeddings');
    const oauth = giga.requests.filter((r) => r.path === '/api/v2/oauth');
    expect(oauth).toHaveLength(1);
    expect(oauth[0]!.headers.authorization).toBe(`Basic ${GIGA_KEY}`);
    const calls = giga.requests.filter((r) => r.path === '/api/v1/embeddings');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((r) => r.headers.authorization === `Bearer ${giga.issued[0]}`)).toBe(true);
    expect(calls.every((r) => r.body.model === 'Embeddings')).toBe(true);
    expect((await search(teamC, 'Kazan delivery')).mode).toBe('hybrid');
  }, 90_000);
});
