// Channel secrets (encrypted at rest, masked in answers) and knowledge uploads (allow-list, limits,
// the original stored as an attachment, the ingest hook).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../app-errors';
import { getChannelSecrets } from '../channels/telegram/secrets';
import { createApiRouter } from './index';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';

let t: ApiTestServer;
let team: TestTeam;
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_x';

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Channels');
});
afterAll(() => t?.close());

describe('channel settings', () => {
  it('stores the bot token encrypted, answers only a masked hint, and hands it to the bot runtime', async () => {
    const admin = t.as(team.admin);
    expect((await admin('GET', '/channels')).body).toEqual({ telegram: { configured: false } });
    expect((await t.as(team.rep)('PUT', '/channels/telegram', { token: TOKEN })).status).toBe(403);
    expect((await admin('PUT', '/channels/telegram', { token: 'nope' })).status).toBe(400);
    expect((await admin('PUT', '/channels/telegram', { mode: 'polling' })).status).toBe(400);
    expect((await admin('PUT', '/channels/telegram', { token: TOKEN, mode: 'webhook' })).status).toBe(400);

    const put = await admin('PUT', '/channels/telegram', { token: TOKEN, mode: 'polling' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      configured: true,
      mode: 'polling',
      botId: '123456789',
      tokenHint: '123456789:…aw_x',
    });
    const answers = JSON.stringify([put.body, (await admin('GET', '/channels')).body]);
    expect(answers).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');

    const raw = await t.server.store.systemDb('app_channels').get(`channel:${team.teamId}:telegram`);
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 20));

    const secrets = await getChannelSecrets(t.server.store, t.encryptionKey, team.teamId);
    expect(secrets.telegram).toMatchObject({
      token: TOKEN,
      mode: 'polling',
      enabled: true,
      botId: '123456789',
    });
    expect(secrets.telegram!.webhookSecret.length).toBeGreaterThan(20);
    await expect(getChannelSecrets(t.server.store, Buffer.alloc(32, 7), team.teamId)).rejects.toThrow();

    // The mode changes without sending the token again; the secret stays the same.
    const webhook = await admin('PUT', '/channels/telegram', {
      mode: 'webhook',
      webhookUrl: 'https://bots.example.com/tg',
    });
    expect(webhook.body).toMatchObject({ mode: 'webhook', tokenHint: '123456789:…aw_x' });
    const after = await getChannelSecrets(t.server.store, t.encryptionKey, team.teamId);
    expect(after.telegram).toMatchObject({
      token: TOKEN,
      mode: 'webhook',
      webhookSecret: secrets.telegram!.webhookSecret,
    });

    // A sealed token copied into another team's doc does not decrypt there.
    const other = await t.team('Other');
    await t.server.store.systemDb('app_channels').insert({
      ...(raw as object),
      _id: `channel:${other.teamId}:telegram`,
      _rev: undefined,
      teamId: other.teamId,
    });
    await expect(getChannelSecrets(t.server.store, t.encryptionKey, other.teamId)).rejects.toThrow();

    expect((await admin('DELETE', '/channels/telegram')).status).toBe(204);
    expect(await getChannelSecrets(t.server.store, t.encryptionKey, team.teamId)).toEqual({});
  });
});

async function uploadFile(token: string, name: string, type: string, bytes: Buffer | string) {
  const form = new FormData();
  form.append('title', 'Prices');
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${t.base}/api/v1/knowledge/sources`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

describe('knowledge upload', () => {
  it('stores the original as an attachment and a pending source; deduplicates by content', async () => {
    const md = '# Prices\n\nTeam plan: 990 RUB per user.';
    const res = await uploadFile(team.rep, 'prices.md', 'text/markdown', md);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Prices',
      kind: 'markdown',
      status: 'pending',
      fileName: 'prices.md',
      size: Buffer.byteLength(md),
    });
    const files = t.server.store.teamDb(team.teamId, 'files');
    const attachment = await files.attachment.get(res.body.fileDocId, 'original');
    expect(attachment.toString('utf8')).toBe(md);
    const download = await fetch(`${t.base}/api/v1/knowledge/sources/${res.body.id}/file`, {
      headers: { authorization: `Bearer ${team.viewer}` },
    });
    expect(await download.text()).toBe(md);

    const again = await uploadFile(team.rep, 'copy.md', 'text/markdown', md);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, duplicate: true });

    const raw = await fetch(`${t.base}/api/v1/knowledge/sources?fileName=doc.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.rep}`, 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n%fake but starts right\n'),
    });
    expect(raw.status).toBe(201);
    expect(((await raw.json()) as Loose).kind).toBe('pdf');
    expect((await t.as(team.viewer)('GET', '/knowledge/sources')).body.items).toHaveLength(2);

    expect((await t.as(team.rep)('DELETE', `/knowledge/sources/${res.body.id}`)).status).toBe(204);
    await expect(files.get(res.body.fileDocId)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses other types, disguised files, empty and oversized uploads, and viewers', async () => {
    const cases: [string, string, Buffer | string, number, string][] = [
      ['evil.exe', 'application/octet-stream', 'MZ....', 415, 'unsupported-file'],
      ['noext', 'text/plain', 'hello', 415, 'unsupported-file'],
      ['fake.pdf', 'application/pdf', 'not a pdf', 415, 'unsupported-file'],
      ['fake.docx', 'application/octet-stream', '%PDF-1.4', 415, 'unsupported-file'],
      ['notes.txt', 'image/png', 'hello', 415, 'unsupported-file'],
      ['binary.txt', 'text/plain', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]), 415, 'unsupported-file'],
      ['empty.md', 'text/markdown', '', 422, 'file-empty'],
      ['big.txt', 'text/plain', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 413, 'file-too-large'],
    ];
    for (const [name, type, bytes, status, code] of cases) {
      const res = await uploadFile(team.rep, name, type, bytes);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status, code });
    }
    expect((await uploadFile(team.viewer, 'a.txt', 'text/plain', 'x')).status).toBe(403);
  });

  it('calls the ingest hook with the team and source id', async () => {
    const calls: [string, string, string][] = [];
    const app = express();
    app.use((_req, res, next) => {
      res.locals.auth = { userId: 'u1', teamId: team.teamId, role: 'rep', email: 'r@example.com' };
      next();
    });
    app.use(
      '/api/v1',
      createApiRouter({
        store: t.server.store,
        log: pino({ level: 'silent' }),
        encryptionKey: Buffer.alloc(32),
        now: () => new Date(),
        requireAuth: (_req, _res, next) => next(),
        ingest: (teamId, sourceId, bytes) => {
          calls.push([teamId, sourceId, Buffer.from(bytes ?? []).toString()]);
        },
      }),
    );
    app.use(errorMiddleware);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/knowledge/sources?fileName=faq.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'question,answer\nЦена?,990 RUB\n',
      });
      const body = (await res.json()) as Loose;
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 20));
      // With the bytes just stored, so ingestion need not read them back from the store.
      expect(calls).toEqual([[team.teamId, body.id, 'question,answer\nЦена?,990 RUB\n']]);
    } finally {
      server.close();
    }
  });
});
