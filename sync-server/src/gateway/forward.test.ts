// The gateway passes CouchDB's answers on, except (found by bench/faults.ts) a full disk: 507 in the
// API's error shape, without the store's file paths (other store 5xx stay 502); and a store that drops
// the connection mid-answer: 503 store-unavailable, not 500.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../app-errors';
import { listen } from '../ops/listen';
import { createMetrics } from '../ops/metrics';
import { createForwarder } from './forward';
import { createUpstream } from './upstream';

const store = createServer((req, res) => {
  if (req.url === '/dropped') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"results":[');
    setTimeout(() => res.destroy(), 20);
    return;
  }
  const body =
    req.url === '/full'
      ? {
          error: 'bad_request',
          reason: 'IO error: /secret/couch/t_x_leads/000003.log: No space left on device',
        }
      : req.url === '/broken'
        ? { error: 'unknown_error', reason: 'function_clause' }
        : { error: 'conflict', reason: 'Document update conflict.' };
  res.writeHead(req.url === '/conflict' ? 409 : 500, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});
let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  await new Promise<void>((ok) => store.listen(0, '127.0.0.1', ok));
  const upstream = createUpstream(`http://127.0.0.1:${(store.address() as AddressInfo).port}`);
  const fwd = createForwarder(upstream, createMetrics());
  const app = express();
  app.get('/read/:what', (req, res, next) => {
    fwd
      .call('test', { method: 'GET', path: `/${req.params.what}` })
      .then((up) => fwd.json(up))
      .then((body) => res.json(body), next);
  });
  app.get('/:what', (req, res, next) => {
    fwd
      .call('test', { method: 'GET', path: `/${req.params.what}` })
      .then((up) => fwd.pipe('test', up, res), next);
  });
  app.use(errorMiddleware);
  const { server, port } = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  close = async () => {
    upstream.close();
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    store.closeAllConnections();
    await new Promise((ok) => store.close(ok));
  };
});
afterAll(() => close());

describe('forwarder', () => {
  it('answers a full disk 507 insufficient-storage without file paths', async () => {
    const res = await fetch(`${base}/full`);
    const text = await res.text();
    expect(res.status).toBe(507);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'insufficient-storage' } });
    expect(text).not.toContain('/secret/');
  });

  it('answers a store that drops the connection mid-answer 503 store-unavailable', async () => {
    const res = await fetch(`${base}/read/dropped`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'store-unavailable' } });
  });

  it('keeps other store errors as before: 5xx -> 502, 4xx as is', async () => {
    const broken = await fetch(`${base}/broken`);
    expect(broken.status).toBe(502);
    expect(await broken.json()).toMatchObject({ error: 'unknown_error' });
    const conflict = await fetch(`${base}/conflict`);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: 'conflict' });
  });
});
