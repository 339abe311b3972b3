// Knowledge from upload to answer through a real server: a rep uploads a file, the server indexes it
// (status `ready` with its chunk count), and the agents answer a web chat visitor from it with the
// file as the citation. A broken file ends `failed` with a readable reason and leaves no chunks.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { call, register, startTestServer, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let token: string;
let teamId: string;

beforeAll(async () => {
  dir = tempDir('knowledge-');
  server = await startTestServer(
    dir.path,
    {},
    process.env.TEST_LOG ? { log: pino({ level: process.env.TEST_LOG }) } : {},
  );
  const session = await register(server.url, 'Knowledge team');
  token = session.accessToken;
  teamId = session.team.id;
}, 60_000);

afterAll(async () => {
  await server.close();
  dir.remove();
});

async function upload(fileName: string, body: string | Uint8Array, type: string) {
  const res = await fetch(`${server.url}/api/v1/knowledge/sources?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return { status: res.status, body: (await res.json()) as { id: string; error?: { code: string } } };
}

async function settled(id: string): Promise<{ status: string; chunkCount?: number; error?: string }> {
  const t0 = Date.now();
  for (;;) {
    const res = await call(server.url, 'GET', `/api/v1/knowledge/sources/${encodeURIComponent(id)}`, {
      token,
    });
    if (res.body.status === 'ready' || res.body.status === 'failed') return res.body;
    if (Date.now() - t0 > 30_000) throw new Error(`still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('knowledge upload', () => {
  it('is indexed and answers customers, with the file as the citation', async () => {
    const md = [
      '# Гарантия',
      '',
      'На все модели пылесосов «Вихрь» действует гарантия 36 месяцев. Ремонт по гарантии бесплатный.',
      '',
      '# Warranty',
      '',
      'All Vortex vacuum cleaners come with a 36-month warranty; warranty repairs are free of charge.',
    ].join('\n');
    const up = await upload('warranty.md', md, 'text/markdown');
    expect(up.status).toBe(201);
    const source = await settled(up.body.id);
    expect(source, JSON.stringify(source)).toMatchObject({ status: 'ready' });
    expect(source.chunkCount).toBeGreaterThan(0);

    const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', { token, body: {} });
    const base = `${server.url}/webchat/v1/${widget.body.key}`;
    const visitorId = 'v_knowledge000000000000';
    const t0 = Date.now();
    let reply: { text: string } | undefined;
    await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId, clientMessageId: 'q1', text: 'Какая гарантия на пылесосы?' }),
    });
    while (!reply && Date.now() - t0 < 30_000) {
      const res = await fetch(`${base}/messages?visitorId=${visitorId}&wait=1`);
      reply = ((await res.json()) as { messages: Array<{ direction: string; text: string }> }).messages.find(
        (m) => m.direction === 'outbound',
      );
    }
    expect(reply?.text).toMatch(/36/);
    const { docs } = await server.store
      .teamDb(teamId, 'messages')
      .find({ selector: { direction: 'outbound' } });
    expect(JSON.stringify(docs)).toContain(up.body.id); // cited
  }, 60_000);

  it('a broken file fails with a reason and leaves nothing half-indexed', async () => {
    const truncatedPdf = new TextEncoder().encode(
      '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%garbage',
    );
    const up = await upload('price-list.pdf', truncatedPdf, 'application/pdf');
    expect(up.status).toBe(201);
    const source = await settled(up.body.id);
    expect(source.status).toBe('failed');
    expect(source.error).toMatch(/pdf|read|damaged|unreadable/i);
    const { docs } = await server.store
      .teamDb(teamId, 'knowledge_chunks')
      .find({ selector: { sourceId: up.body.id } });
    expect(docs).toEqual([]);
  }, 60_000);
});
