// A knowledge source's learned phrasings through a real server (issue 61): a web chat visitor's pick of an
// offered article keeps their question on that article's source (the demo team's knowledge); any member
// lists a source's phrasings, a rep removes one (then it is gone from the source), a viewer may not (403),
// and bad input is a 400, an unknown source or phrasing a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { call, eventually, startTestServer, tempDir, uniqueEmail } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let token: string;
let teamId: string;
const at = '2026-03-01T00:00:00.000Z';
const path = '/api/v1/knowledge/sources/licence/phrasings';

beforeAll(async () => {
  dir = tempDir('phrasings-');
  // No LLM_* variables: the offline provider answers.
  server = await startTestServer(dir.path, { SEED_DEMO: 'true' });
  teamId = server.seeded!.teamId;
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email: server.seeded!.email, password: server.seeded!.password },
  });
  token = login.body.accessToken as string;
  await server.store.teamDb(teamId, 'knowledge_sources').insert({
    _id: 'licence',
    title: 'Replacement dog licence',
    kind: 'markdown',
    status: 'ready',
    contentHash: 'h-licence',
    phrasings: ['My dog lost her tag', 'where do I get a new tag'],
    fieldUpdatedAt: {},
    createdAt: at,
    updatedAt: at,
  } as never);
}, 60_000);

afterAll(async () => {
  await server.close();
  dir.remove();
});

/** A member of the team with this role, signed in. */
async function member(role: 'viewer' | 'rep'): Promise<string> {
  const email = uniqueEmail(role);
  const invite = await call(server.url, 'POST', '/api/v1/members/invite', { token, body: { email, role } });
  await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
    body: { token: invite.body.inviteToken, password: `${role} password 12345` },
  });
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email, password: `${role} password 12345` },
  });
  return login.body.accessToken as string;
}

type Polled = { id: string; direction: string; choices?: { id: string; label: string }[] };

describe('learned phrasings', () => {
  it("are taught by a web chat visitor's pick of an offered article", async () => {
    const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', { token, body: {} });
    const base = `${server.url}/webchat/v1/${widget.body.key}`;
    const visitorId = 'v_phrasings_visitor_000001';
    const question = 'Is our data encrypted?';
    const post = (body: object) =>
      fetch(`${base}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en-US' },
        body: JSON.stringify({ visitorId, ...body }),
      });
    expect((await post({ clientMessageId: 'q1', text: question })).status).toBe(202);
    const offer = await eventually(async () => {
      const res = await fetch(`${base}/messages?visitorId=${visitorId}`);
      const { messages } = (await res.json()) as { messages: Polled[] };
      return messages.find((m) => m.direction === 'outbound' && m.choices?.length);
    }, 60_000);
    // The demo's security article is among the offered ones (README: "Is our data encrypted?" is offered).
    const source = await call(server.url, 'GET', '/api/v1/knowledge/sources/src-security-en', { token });
    const choice = offer.choices!.find((c) => c.label.includes(String(source.body.title)))!;
    expect(choice, JSON.stringify(offer.choices)).toBeDefined();
    expect(
      (await post({ clientMessageId: 'pick1', text: choice.label, choiceId: choice.id, replyTo: offer.id }))
        .status,
    ).toBe(202);
    const learned = await eventually(async () => {
      const res = await call(server.url, 'GET', '/api/v1/knowledge/sources/src-security-en/phrasings', {
        token,
      });
      return res.body.phrasings?.length ? res.body.phrasings : undefined;
    }, 60_000);
    expect(learned).toEqual([question]);
  }, 120_000);

  it('are listed to any member and removed by a rep, not by a viewer', async () => {
    const viewer = await member('viewer');
    const listed = await call(server.url, 'GET', path, { token: viewer });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      sourceId: 'licence',
      phrasings: ['My dog lost her tag', 'where do I get a new tag'],
    });
    const refused = await call(server.url, 'POST', `${path}/remove`, {
      token: viewer,
      body: { text: 'My dog lost her tag' },
    });
    expect(refused.status).toBe(403);

    const rep = await member('rep');
    const removed = await call(server.url, 'POST', `${path}/remove`, {
      token: rep,
      body: { text: 'my dog lost her TAG' },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.phrasings).toEqual(['where do I get a new tag']);
    const source = await call(server.url, 'GET', '/api/v1/knowledge/sources/licence', { token });
    expect(source.body.phrasings).toEqual(['where do I get a new tag']);
  }, 60_000);

  it('answers bad input with a 400 and an unknown source or phrasing with a 404', async () => {
    for (const body of [{}, { text: '' }, { text: 5 }, { text: 'x', extra: 1 }]) {
      const res = await call(server.url, 'POST', `${path}/remove`, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const unknown = await call(server.url, 'POST', `${path}/remove`, {
      token,
      body: { text: 'never learned' },
    });
    expect(unknown.status).toBe(404);
    const gone = await call(server.url, 'GET', '/api/v1/knowledge/sources/nope/phrasings', { token });
    expect(gone.status).toBe(404);
  }, 30_000);
});
