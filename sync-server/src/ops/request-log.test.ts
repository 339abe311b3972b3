// The request logger keeps secrets out of the logs: the log lines of a request carrying them in
// headers and in its query string (and of a response setting a cookie) hold `[redacted]` instead,
// while what helps in reading logs (method, path, other parameters, the request id) stays.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../app-errors';
import { createRequestLogger, redactHeaders, redactUrl } from './request-log';

const lines: string[] = [];
let http: Server;
let base: string;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = express();
  app.use(createRequestLogger(pino({ level: 'info' }, sink)));
  app.get('/hook', (req, res) => {
    req.log.info('inside the handler');
    res.cookie('session', 'cookie-from-server-4f1e').json({ ok: true });
  });
  app.post('/fail', () => {
    throw new Error('boom');
  });
  app.use(errorMiddleware);
  http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => http.close(r)));

const secrets = {
  authorization: 'Bearer access-token-9c2d',
  cookie: 'refresh=cookie-value-77aa',
  'x-telegram-bot-api-secret-token': 'tg-secret-5b8e',
  'x-api-key': 'api-key-31f0',
  'x-widget-key': 'widget-key-a3c9',
  'x-metrics-token': 'metrics-token-e6d1',
};

describe('request logs', () => {
  it('redact secret headers, cookies and token query parameters, on every line of the request', async () => {
    lines.length = 0;
    const query =
      '?token=query-token-0d9a&visitorId=v_visitor_secret_0001&refresh_token=rt-22b1&cursor=keep-me';
    const ok = await fetch(`${base}/hook${query}`, {
      headers: { ...secrets, 'x-request-id': 'req-redact-1' },
    });
    expect(ok.status).toBe(200);
    const failed = await fetch(`${base}/fail?access_token=at-4c4c`, {
      method: 'POST',
      headers: secrets,
    });
    expect(failed.status).toBe(500);
    await new Promise((r) => setTimeout(r, 50));
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4); // handler line, two request lines, the 500's error
    for (const value of [
      ...Object.values(secrets),
      'access-token-9c2d',
      'query-token-0d9a',
      'v_visitor_secret_0001',
      'rt-22b1',
      'at-4c4c',
      'cookie-from-server-4f1e',
    ])
      expect(text, value).not.toContain(value);
    const entries = lines.map((l) => JSON.parse(l) as { req?: { headers: object; url: string } });
    const handler = entries.find((e) => (e as { msg?: string }).msg === 'inside the handler');
    expect(handler?.req?.headers).toMatchObject({
      authorization: '[redacted]',
      'x-telegram-bot-api-secret-token': '[redacted]',
    });
    expect(text).toContain('cursor=keep-me');
    expect(text).toContain('req-redact-1');
    expect(text).toContain('"set-cookie":"[redacted]"');
  });

  it('leave URLs without secret parameters as they are', () => {
    expect(redactUrl('/api/v1/leads?limit=50&cursor=abc')).toBe('/api/v1/leads?limit=50&cursor=abc');
    expect(redactUrl('/x?Token=a&b=c')).toBe('/x?Token=[redacted]&b=c');
    expect(redactUrl('/x?%74oken=a')).toBe('/x?%74oken=[redacted]');
    // A sign-in provider's callback and an invite accepted through one (sync-server/src/auth/oidc-router.ts).
    expect(redactUrl('/api/v1/auth/oidc/corp/callback?code=c-1&state=s-1&iss=x')).toBe(
      '/api/v1/auth/oidc/corp/callback?code=[redacted]&state=[redacted]&iss=x',
    );
    expect(redactUrl('/api/v1/auth/oidc/corp/start?invite=inv-1')).toBe(
      '/api/v1/auth/oidc/corp/start?invite=[redacted]',
    );
    expect(redactHeaders({ location: 'http://x/app/#sso=handoff-1', 'x-a': 'b' })).toEqual({
      location: 'http://x/app/#[redacted]',
      'x-a': 'b',
    });
    expect(redactHeaders({ Location: 'https://idp/auth?client_id=w&state=s-1' })).toEqual({
      Location: 'https://idp/auth?client_id=w&state=[redacted]',
    });
    expect(redactUrl('/telegram/webhook/team-1')).toBe('/telegram/webhook/team-1');
  });

  it('hide the token of a calendar feed URL, which is its credential', () => {
    const token = `${'a1'.repeat(16)}${'B'.repeat(43)}`;
    expect(redactUrl(`/api/v1/calendar/feeds/${token}.ics?lang=ru`)).toBe(
      '/api/v1/calendar/feeds/[redacted]?lang=ru',
    );
    expect(redactUrl(`/api/v1/Calendar/Feeds/${token}.ics`)).toBe('/api/v1/Calendar/Feeds/[redacted]');
    expect(redactUrl('/api/v1/calendar/feed')).toBe('/api/v1/calendar/feed');
  });
});
