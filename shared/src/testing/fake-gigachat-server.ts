// A fake GigaChat on loopback, following Sber's documented protocol, for tests that drive the real
// client: POST /api/v2/oauth (Basic authorization key, an RqUID uuid4, form `scope=`) answers
// `{access_token, expires_at}` (ms); /api/v1/models, /api/v1/chat/completions (functions and
// function_call) and /api/v1/embeddings want `Bearer <token>` and answer 401 `{status, message}` on
// an unknown or expired token.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type FakeGigaChatRequest = {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  form?: URLSearchParams;
};

export type FakeGigaChatOptions = {
  /** The authorization key clients must send (Basic). */
  authorizationKey: string;
  /** How long a token lives (ms; default 30 min, as GigaChat's). */
  tokenTtlMs?: number;
  /** The chat's answer to one request (default: "Привет!"). */
  chat?: (body: Record<string, unknown>, index: number) => unknown;
  now?: () => number;
  /** Serve HTTPS with this key and certificate (PEM), as GigaChat does with its Russian CA. */
  tls?: { key: string; cert: string };
};

export type FakeGigaChat = {
  /** The API base (…/api/v1) and the OAuth endpoint. */
  baseURL: string;
  authURL: string;
  requests: FakeGigaChatRequest[];
  /** Tokens issued so far. */
  issued: string[];
  /** Makes every issued token expired now (as if its time had passed). */
  expireTokens(): void;
  close(): Promise<void>;
};

const uuid4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const scopes = ['GIGACHAT_API_PERS', 'GIGACHAT_API_B2B', 'GIGACHAT_API_CORP'];

/** A GigaChat chat completion body: text, or a function call (arguments as an object). */
export function gigachatCompletion(opts: {
  content?: string;
  functionCall?: { name: string; arguments: Record<string, unknown> };
  model?: string;
  usage?: { prompt: number; completion: number };
}) {
  return {
    choices: [
      {
        message: {
          role: 'assistant',
          content: opts.content ?? '',
          ...(opts.functionCall
            ? { function_call: opts.functionCall, functions_state_id: randomUUID() }
            : {}),
        },
        index: 0,
        finish_reason: opts.functionCall ? 'function_call' : 'stop',
      },
    ],
    created: 1_700_000_000,
    model: opts.model ?? 'GigaChat:1.0.26.20',
    object: 'chat.completion',
    usage: {
      prompt_tokens: opts.usage?.prompt ?? 20,
      completion_tokens: opts.usage?.completion ?? 4,
      total_tokens: (opts.usage?.prompt ?? 20) + (opts.usage?.completion ?? 4),
    },
  };
}

export async function startFakeGigaChat(o: FakeGigaChatOptions): Promise<FakeGigaChat> {
  const now = o.now ?? Date.now;
  const ttl = o.tokenTtlMs ?? 30 * 60_000;
  const tokens = new Map<string, number>();
  const requests: FakeGigaChatRequest[] = [];
  const issued: string[] = [];
  let chats = 0;

  const listener: RequestListener = (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/api/v2/oauth') {
        const form = new URLSearchParams(text);
        requests.push({ path, headers: req.headers, body: {}, form });
        if (req.headers.authorization !== `Basic ${o.authorizationKey}`)
          return send(401, { code: 6, message: 'Can not decode credentials' });
        if (!uuid4.test(String(req.headers.rquid ?? '')))
          return send(400, { code: 5, message: 'Invalid RqUID' });
        if (!scopes.includes(form.get('scope') ?? ''))
          return send(400, { code: 7, message: 'scope is invalid' });
        const token = `tok-${randomUUID()}`;
        const expiresAt = now() + ttl;
        tokens.set(token, expiresAt);
        issued.push(token);
        return send(200, { access_token: token, expires_at: expiresAt });
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text || '{}') as Record<string, unknown>;
      } catch {
        return send(400, { status: 400, message: 'Invalid JSON' });
      }
      requests.push({ path, headers: req.headers, body });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiresAt = token ? tokens.get(token) : undefined;
      if (expiresAt === undefined) return send(401, { status: 401, message: 'Unauthorized' });
      if (expiresAt <= now()) return send(401, { status: 401, message: 'Token has expired' });
      if (path === '/api/v1/models' && req.method === 'GET')
        return send(200, {
          object: 'list',
          data: ['GigaChat', 'GigaChat-Pro', 'GigaChat-Max'].map((id) => ({
            id,
            object: 'model',
            owned_by: 'salutedevices',
          })),
        });
      if (path === '/api/v1/chat/completions' && req.method === 'POST')
        return send(200, o.chat?.(body, chats++) ?? gigachatCompletion({ content: 'Привет!' }));
      if (path === '/api/v1/embeddings' && req.method === 'POST') {
        const input = Array.isArray(body.input) ? body.input : [body.input];
        return send(200, {
          object: 'list',
          model: body.model,
          data: input.map((t, index) => ({
            object: 'embedding',
            index,
            embedding: [String(t).length, 1, 0.5],
            usage: { prompt_tokens: 3 },
          })),
        });
      }
      return send(404, { status: 404, message: 'Not found' });
    });
  };
  const server = o.tls ? createHttpsServer(o.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const root = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    baseURL: `${root}/api/v1`,
    authURL: `${root}/api/v2/oauth`,
    requests,
    issued,
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
