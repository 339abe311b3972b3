// GigaChat end to end through the API: an admin adds a GigaChat provider (authorization key, scope,
// the OAuth and API URLs of a fake GigaChat on loopback serving HTTPS with a certificate of its own
// "Russian" CA); without the CA the connection test says the certificate is not trusted, with the CA
// (PEM, `caCert`) it lists the models and chats; an agent profile picks it and a customer's message
// is answered by GigaChat's chat API (OAuth token exchanged once, then reused).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigachatCompletion, startFakeGigaChat, type FakeGigaChat } from '@app/shared/testing';
import type { RunningServer } from '../src/server';
import { call, register, startTestServer, tempDir, type Session } from './helpers';
import { uploadKnowledge, webchatReply } from './knowledge-chat-kit';

const KEY = 'Z2lnYS1jbGllbnQ6Z2lnYS1zZWNyZXQ=';
const ANSWER = 'Доставка в Казань стоит 500 рублей, GigaChat подтверждает [1].';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let giga: FakeGigaChat;
let admin: Session;
let ca: string;

/** A CA and a certificate for 127.0.0.1 signed by it (openssl), as GigaChat's Russian CA setup. */
function makeCerts(at: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: at, stdio: 'ignore' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=Test Russian Trusted Root CA',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'srv.key',
    '-out',
    'srv.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(join(at, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'srv.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'srv.pem',
    '-days',
    '1',
    '-extfile',
    'ext.cnf',
  );
  const read = (f: string) => readFileSync(join(at, f), 'utf8');
  return { ca: read('ca.pem'), key: read('srv.key'), cert: read('srv.pem') };
}

beforeAll(async () => {
  dir = tempDir('gigachat-e2e-');
  const certs = makeCerts(dir.path);
  ca = certs.ca;
  giga = await startFakeGigaChat({
    authorizationKey: KEY,
    tls: { key: certs.key, cert: certs.cert },
    chat: (body) => {
      const first = String((body.messages as Array<{ content?: string }>)[0]?.content ?? '');
      if (first.startsWith('Classify'))
        return gigachatCompletion({ content: '{"intent":"delivery","confidence":0.95}' });
      if (first.startsWith('Extract facts')) return gigachatCompletion({ content: '{"facts":[]}' });
      return gigachatCompletion({ content: ANSWER });
    },
  });
  server = await startTestServer(join(dir.path, 'data'), { OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' });
  admin = await register(server.url, 'Giga team');
  await uploadKnowledge(
    server.url,
    admin.accessToken,
    'delivery.md',
    '# Доставка\nДоставка в Казань стоит 500 рублей и занимает 3 дня. Сколько стоит доставка: 500 рублей.',
  );
}, 90_000);

afterAll(async () => {
  await server?.close();
  await giga?.close();
  dir?.remove();
});

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, {
    token: admin.accessToken,
    ...(body === undefined ? {} : { body }),
  });

describe('GigaChat through the API', () => {
  it('needs its CA, then tests and answers customers', async () => {
    const provider = {
      kind: 'gigachat',
      baseURL: giga.baseURL,
      authURL: giga.authURL,
      apiKey: KEY,
      scope: 'GIGACHAT_API_CORP',
      model: 'GigaChat-Pro',
    };
    expect((await api('POST', '/model-providers', { id: 'giga', ...provider })).status).toBe(201);
    const untrusted = await api('POST', '/model-providers/giga/test', {});
    expect(untrusted.status).toBe(200);
    expect(untrusted.body.ok).toBe(false);
    expect(untrusted.body.chat.error).toMatch(
      /^GigaChat OAuth is unreachable \([A-Z_]+\): its TLS certificate is not trusted; add the provider's CA certificate/,
    );

    expect(
      (await api('PUT', '/model-providers/giga', { ...provider, apiKey: undefined, caCert: 'not a cert' }))
        .status,
    ).toBe(400);
    const withCa = await api('PUT', '/model-providers/giga', { ...provider, apiKey: undefined, caCert: ca });
    expect(withCa.status).toBe(200);
    expect(withCa.body).toMatchObject({ hasKey: true, scope: 'GIGACHAT_API_CORP' });
    const trusted = await api('POST', '/model-providers/giga/test', {});
    expect(trusted.body).toMatchObject({
      ok: true,
      models: { ok: true, models: ['GigaChat', 'GigaChat-Pro', 'GigaChat-Max'] },
      chat: { ok: true },
    });
    const oauth = giga.requests.filter((r) => r.path === '/api/v2/oauth');
    expect(oauth.at(-1)!.form?.get('scope')).toBe('GIGACHAT_API_CORP');

    const profile = await api('POST', '/agent-settings', {
      name: 'Giga',
      isDefault: true,
      models: { answer: { provider: 'giga', model: 'GigaChat-Max' } },
    });
    expect(profile.status).toBe(201);
    const widget = await api('POST', '/channels/webchat', {});
    const visitorId = 'v_00000000000000000042';
    const reply = await webchatReply(
      server.url,
      widget.body.key,
      visitorId,
      'g1',
      'Сколько стоит доставка в Казань?',
    );
    // GigaChat's answer as the customer reads it: the [1] marker became the source's title.
    expect(reply).toMatch(/^Доставка в Казань стоит 500 рублей, GigaChat подтверждает\.\n\nИсточник: \S.*$/);
    const chats = giga.requests.filter((r) => r.path === '/api/v1/chat/completions');
    expect(chats.some((r) => r.body.model === 'GigaChat-Max')).toBe(true);
    // The runtime exchanged the key once and reused the token for every call of the run.
    const runtimeTokens = new Set(chats.slice(-3).map((r) => r.headers.authorization));
    expect(runtimeTokens.size).toBe(1);
  }, 120_000);
});
