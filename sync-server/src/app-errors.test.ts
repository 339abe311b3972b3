// The error middleware's mapping of store failures (found by bench/faults.ts): an unreachable store
// and a full disk are known 503/507 answers, not 500 `internal-error`, and no file path leaks. Caller
// mistakes that body-parser or express find are coded 4xx answers that say what was wrong.
import express from 'express';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonBody } from './http/body';
import { errorMiddleware, toDomainError } from './app-errors';
import { listen } from './ops/listen';

/** What nano 11 throws when CouchDB cannot be reached, and when it answers an error. */
const unreachable = () =>
  new Error('error happened in your connection. Reason: Error: connect ECONNREFUSED 127.0.0.1:5984');
const couchError = (statusCode: number, reason: string) =>
  Object.assign(new Error(reason), { statusCode, error: 'bad_request', reason, scope: 'couch' });

describe('toDomainError for store failures', () => {
  it('answers an unreachable store 503 store-unavailable', () => {
    expect(toDomainError(unreachable())).toMatchObject({ code: 'store-unavailable', status: 503 });
  });

  it('answers a full disk 507 insufficient-storage', () => {
    const full = couchError(500, 'IO error: /data/couch/t_x_leads/000003.log: No space left on device');
    expect(toDomainError(full)).toMatchObject({ code: 'insufficient-storage', status: 507 });
  });

  it('leaves other store errors alone', () => {
    expect(toDomainError(couchError(500, 'something else'))).toBeUndefined();
    expect(toDomainError(new Error('boom'))).toBeUndefined();
  });

  it('sends the JSON error shape without the store file path', async () => {
    const app = express();
    app.get('/full', () => {
      throw couchError(500, 'IO error: /secret/path/000003.log: No space left on device');
    });
    app.get('/down', () => {
      throw unreachable();
    });
    app.use(errorMiddleware);
    const { server, port } = await listen(app, 0, '127.0.0.1');
    try {
      const full = await fetch(`http://127.0.0.1:${port}/full`);
      const text = await full.text();
      expect(full.status).toBe(507);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'insufficient-storage' } });
      expect(text).not.toContain('/secret/path');
      const down = await fetch(`http://127.0.0.1:${port}/down`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ error: { code: 'store-unavailable' } });
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('toDomainError for a caller mistake found by body-parser or express', () => {
  it('says what was wrong, with the limit, and nothing internal', async () => {
    const app = express();
    app.post('/small', parseJsonBody({ limit: '1kb' }), (_req, res) => void res.json({ ok: true }));
    app.get('/x/:id', (req, res) => void res.json({ id: req.params.id }));
    app.use(errorMiddleware);
    const { server, port } = await listen(app, 0, '127.0.0.1');
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${port}/small`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error: { code: string; message: string } },
      }));
    try {
      expect(await post('{"a":')).toMatchObject({ status: 400, body: { error: { code: 'invalid-json' } } });
      expect(await post(JSON.stringify({ a: 'x'.repeat(2000) }))).toMatchObject({
        status: 413,
        body: {
          error: { code: 'payload-too-large', message: 'The body is larger than the limit (1024 bytes)' },
        },
      });
      expect(await post('['.repeat(70) + ']'.repeat(70))).toMatchObject({
        status: 400,
        body: {
          error: { code: 'bad-request', message: `The body is nested deeper than ${MAX_JSON_DEPTH} levels` },
        },
      });
      const url = await fetch(`http://127.0.0.1:${port}/x/%E0%A4%A`);
      expect(url.status).toBe(400);
      expect(((await url.json()) as { error: { code: string } }).error.code).toBe('bad-request');
    } finally {
      server.close();
    }
  });
});
