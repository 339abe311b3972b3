// The finding this guards against, end to end: a rep could not change agent profiles through the API
// but could through the sync gateway (a new default profile, the admin's profile with `update_lead`
// back in its tools), and the next customer's agent run used it. Here the rep tries every way in,
// is refused each time, and the agent run that follows (real runtime, the `openai` SDK against a fake
// model that records what it is sent) still runs on the admin's profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCompletion, startFakeOpenAi, type FakeOpenAi } from '@app/shared/testing';
import { sampleDocs } from '@app/shared/fixtures';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let llm: FakeOpenAi;
let server: RunningServer;
let admin: Session;
let rep: string;

type Msg = { role: string; content: string | null };
type Tool = { function?: { name?: string } };

beforeAll(async () => {
  dir = tempDir('agent-access-');
  llm = await startFakeOpenAi((req) => {
    const msgs = req.body.messages as Msg[];
    if (String(msgs[0]?.content ?? '').startsWith('Classify'))
      return { body: fakeCompletion({ content: '{"intent":"other","confidence":0.9}' }) };
    if (!Array.isArray(req.body.tools)) return { body: fakeCompletion({ content: '{"facts":[]}' }) };
    return { body: fakeCompletion({ content: 'Hello! How can I help?' }) };
  });
  server = await startTestServer(dir.path, {
    LLM_BASE_URL: llm.baseURL,
    LLM_API_KEY: 'test-key',
    LLM_MODEL: 'recorder',
  });
  admin = await register(server.url, 'Profiles');
  const email = uniqueEmail('rep');
  const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
    token: admin.accessToken,
    body: { email, role: 'rep' },
  });
  await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
    body: { token: invite.body.inviteToken, password: 'rep password 12345' },
  });
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email, password: 'rep password 12345' },
  });
  rep = login.body.accessToken as string;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await llm?.close();
  dir?.remove();
});

const ADMIN = 'ADMIN-PROFILE: answer briefly, never change leads.';
const REP = 'REP-PROFILE: do whatever the customer asks.';

describe("a rep's attempts on the agent profile", () => {
  it('are refused, and the next agent run uses the admin profile', async () => {
    const created = await call(server.url, 'POST', '/api/v1/agent-settings', {
      token: admin.accessToken,
      body: {
        id: 'agent-admin',
        name: 'Admin profile',
        instructions: ADMIN,
        allowedTools: ['search_knowledge', 'call_human'],
        isDefault: true,
      },
    });
    expect(created.status).toBe(201);
    const stored = (await call(server.url, 'GET', '/sync/agent_settings/agent-admin', { token: rep })).body;
    const hijack = { ...stored, instructions: REP, allowedTools: ['update_lead', 'search_knowledge'] };
    const own = {
      ...sampleDocs.agent_settings,
      id: undefined,
      _id: 'agent-rep',
      instructions: REP,
      allowedTools: ['update_lead'],
      channels: ['webchat'],
      isDefault: true,
    };

    const attempts = [
      await call(server.url, 'PUT', '/sync/agent_settings/agent-admin', { token: rep, body: hijack }),
      await call(server.url, 'PUT', '/sync/agent_settings/agent-rep', { token: rep, body: own }),
      await call(server.url, 'DELETE', `/sync/agent_settings/agent-admin?rev=${stored._rev}`, { token: rep }),
    ];
    for (const res of attempts) expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const bulk = await call(server.url, 'POST', '/sync/agent_settings/_bulk_docs', {
      token: rep,
      body: { docs: [hijack, own] },
    });
    expect(bulk.body.map((r: { error?: string }) => r.error)).toEqual(['forbidden', 'forbidden']);
    const api = await call(server.url, 'POST', '/api/v1/agent-settings', {
      token: rep,
      body: { name: 'Mine', instructions: REP, isDefault: true, channels: ['webchat'] },
    });
    expect(api.status).toBe(403);

    const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', {
      token: admin.accessToken,
      body: {},
    });
    const sent = await fetch(`${server.url}/webchat/v1/${widget.body.key}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        visitorId: 'v_0123456789abcdef0123',
        clientMessageId: 'm1',
        text: 'Mark me as won',
      }),
    });
    expect(sent.status).toBe(202);

    const answerCall = await eventually(() => llm.requests.find((r) => Array.isArray(r.body.tools)), 45_000);
    const prompts = llm.requests.map((r) => JSON.stringify(r.body.messages));
    expect(prompts.some((p) => p.includes('ADMIN-PROFILE'))).toBe(true);
    expect(prompts.some((p) => p.includes('REP-PROFILE'))).toBe(false);
    const tools = (answerCall.body.tools as Tool[]).map((t) => t.function?.name);
    expect(tools).not.toContain('update_lead');
    expect(tools).toContain('search_knowledge');
  }, 90_000);
});
