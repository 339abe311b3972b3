// A VK customer's photos and documents (issue 14), against the fake VK API serving the files on
// loopback and a real store: the message is written at once with what the event says of each file,
// then the largest size of a photo and a document are downloaded and stored in the team's files
// database, each doc id on its attachment. A document VK says is over the limit, and a photo whose
// bytes turn out over it, get a readable note on the message instead; a file VK fails to serve too.
// The same event delivered again stores nothing twice.
// Whoever posts an event chooses the URLs (issue 34): a file is fetched only from VK's file hosts
// (here the fake's loopback host, opened explicitly as the test's config does: VK_FILE_HOSTS and
// OUTBOUND_ALLOW_PRIVATE for the fake's port), each redirect checked again; a URL on the server's
// network is never requested, whatever the hop.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDoc } from '@app/shared/schemas';
import { startFakeVk, type FakeVk } from '../../../test/fake-vk';
import { eventually, startTestStore, type TestStore } from '../../../test/helpers';
import { parsePrivateAllowList } from '@app/shared/agents';
import { outboundPolicy } from '../../ops/outbound';
import type { ChannelFileAccess } from '../file-fetch';
import { handleVkEvent } from './events';
import { vkFileDocId } from './vk-files';

const log = pino({ level: 'silent' });
const teamId = 'tvkfiles';
const limits = { maxBytes: 64 * 1024, timeoutMs: 10_000 };
let vk: FakeVk;
let test: TestStore;
/** A service on the server's network: what it is asked is recorded, its answer is a secret. */
let secret: Server;
const secretHits: string[] = [];
/** Another loopback host of the channel (a CDN) that redirects as the test says. */
let cdn: Server;
let access: ChannelFileAccess;

const listen = async (server: Server) => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
let secretUrl: string;
let cdnUrl: string;

beforeAll(async () => {
  vk = await startFakeVk();
  test = await startTestStore('vk-files-');
  await test.store.ensureTeam(teamId);
  secret = createServer((req, res) => {
    secretHits.push(req.url ?? '');
    res.end('ROOT-SECRET');
  });
  secretUrl = await listen(secret);
  cdn = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '';
    res.writeHead(302, { location: to || req.url! }).end();
  });
  cdnUrl = await listen(cdn);
  access = {
    hosts: ['127.0.0.1'],
    policy: outboundPolicy(
      parsePrivateAllowList(`127.0.0.1:${new URL(vk.apiRoot).port},127.0.0.1:${new URL(cdnUrl).port}`),
    ),
  };
});
afterAll(async () => {
  await test?.close();
  await vk?.close();
  await new Promise((ok) => secret?.close(ok));
  await new Promise((ok) => cdn?.close(ok));
});

const deps = () => ({
  store: test.store,
  teamId,
  groupId: vk.groupId,
  log,
  fileLimits: limits,
  fileAccess: access,
});
const messages = () => test.store.teamDb<MessageDoc & { _id: string }>(teamId, 'messages');
const files = () => test.store.teamDb<Record<string, unknown>>(teamId, 'files');
const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);

async function fileDocs() {
  const all = await files().list();
  return all.rows.map((r) => r.id).filter((id) => id.startsWith('vkfile-'));
}

/** The message doc of an event, once every attachment has its file or its note. */
async function settled(id: string) {
  return eventually(async () => {
    const m = await messages().get(id);
    return m.attachments.every((a) =>
      a.kind !== 'photo' && a.kind !== 'document' ? true : a.fileDocId || a.caption,
    )
      ? m
      : undefined;
  });
}

const messageIdOf = (peer: number, id: number) => `msg:vk:${peer}:${id}`;

describe('VK photos and documents', () => {
  it('stores the largest size of a photo and a document with the message', async () => {
    const small = vk.file('p-small.jpg', bytes(100, 1), 'image/jpeg');
    const big = vk.file('p-big.jpg', bytes(5000, 2), 'image/jpeg');
    const pdf = vk.file('offer.pdf', bytes(3000, 3), 'application/pdf');
    const event = vk.messageEvent(501, 'Вот фото и КП', [
      vk.photo([small, big]),
      vk.doc(pdf, 'КП', 'pdf', 3000),
    ]);
    expect(await handleVkEvent(deps(), event.type, event.object)).toBe('created');
    const id = messageIdOf(501, (event.object as { message: { id: number } }).message.id);
    // Written at once, with what the event says of each file.
    const first = await messages().get(id);
    expect(first.attachments.map((a) => [a.kind, a.fileName, a.mimeType])).toEqual([
      ['photo', 'photo.jpg', 'image/jpeg'],
      ['document', 'КП.pdf', 'application/pdf'],
    ]);

    const m = await settled(id);
    expect(m.attachments[0]).toMatchObject({ fileDocId: vkFileDocId(id, 0), size: 5000 });
    expect(m.attachments[1]).toMatchObject({ fileDocId: vkFileDocId(id, 1), size: 3000 });
    const photo = await files().attachment.get(vkFileDocId(id, 0), 'original');
    expect(Buffer.compare(photo as Buffer, bytes(5000, 2))).toBe(0);
    const doc = await files().get(vkFileDocId(id, 1));
    expect(doc).toMatchObject({ kind: 'attachment', fileName: 'КП.pdf', messageId: id, size: 3000 });

    // The same event again (VK retries a callback): nothing new, nothing stored twice.
    const before = await fileDocs();
    const rev = (await messages().get(id))._rev;
    expect(await handleVkEvent(deps(), event.type, event.object)).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 500));
    expect(await fileDocs()).toEqual(before);
    expect((await messages().get(id))._rev).toBe(rev);
  });

  it('refuses a file over the limit with a readable note on the message, not a crash', async () => {
    const huge = vk.file('huge.zip', bytes(70 * 1024, 4), 'application/zip');
    // A photo's size is not in the event, nor here in the answer: its bytes are cut off at the limit.
    const bigPhoto = vk.file('huge.jpg', bytes(80 * 1024, 5), 'image/jpeg', { chunked: true });
    const missing = `${vk.apiRoot}/files/gone.pdf`;
    const event = vk.messageEvent(502, 'Архив', [
      vk.doc(huge, 'archive', 'zip', 70 * 1024),
      vk.photo([bigPhoto]),
      vk.doc(missing, 'gone', 'pdf', 10),
    ]);
    expect(await handleVkEvent(deps(), event.type, event.object)).toBe('created');
    const id = messageIdOf(502, (event.object as { message: { id: number } }).message.id);
    const m = await settled(id);
    expect(m.text).toBe('Архив');
    expect(m.attachments.map((a) => a.fileDocId)).toEqual([undefined, undefined, undefined]);
    expect(m.attachments[0]!.caption).toBe(
      '"archive.zip" (70 KiB) is over the 64 KiB limit for files: not stored (it stays in VK)',
    );
    expect(m.attachments[0]!.externalFileId).toMatch(/^doc1001_\d+$/);
    expect(m.attachments[1]!.caption).toMatch(
      /^"photo\.jpg" \(more than 64 KiB\) is over the 64 KiB limit for files: not stored/,
    );
    expect(m.attachments[2]!.caption).toMatch(
      /^"gone\.pdf" could not be downloaded from VK \(VK answered 404\)/,
    );
    expect(await fileDocs()).not.toContain(vkFileDocId(id, 0));
  });

  it("never fetches a URL off VK's file hosts or on a port not opened, nor follows a redirect there (issue 34)", async () => {
    const ok = vk.file('ok.pdf', bytes(300, 9), 'application/pdf');
    const to = (url: string) => `${cdnUrl}/r?to=${encodeURIComponent(url)}`;
    const cases: [string, { fileAccess?: ChannelFileAccess }][] = [
      // The server's defaults: VK's hosts only, no private target opened.
      [`${secretUrl}/secret.txt`, { fileAccess: undefined }],
      [ok, { fileAccess: undefined }],
      // The test's own opening, another loopback port: refused by the address policy.
      [`${secretUrl}/secret.txt`, {}],
      // An opened host redirecting to the secret, or to cloud metadata, or in a loop.
      [to(`${secretUrl}/secret.txt`), {}],
      [to('http://169.254.169.254/latest/meta-data/'), {}],
      [`${cdnUrl}/loop`, {}],
      [to('file:///etc/passwd'), {}],
    ];
    for (const [i, [url, extra]] of cases.entries()) {
      const event = vk.messageEvent(600 + i, `file ${i}`, [vk.doc(url, 'secret', 'txt', 11)]);
      const d = { ...deps(), ...extra };
      if (!d.fileAccess) delete (d as { fileAccess?: unknown }).fileAccess;
      expect(await handleVkEvent(d, event.type, event.object)).toBe('created');
      const id = messageIdOf(600 + i, (event.object as { message: { id: number } }).message.id);
      const m = await settled(id);
      expect(m.attachments[0]!.fileDocId, url).toBeUndefined();
      expect(m.attachments[0]!.caption, url).toMatch(/^"secret\.txt" was not downloaded \(.+\): not stored$/);
      expect(m.attachments[0]!.caption).not.toMatch(/ROOT-SECRET/);
    }
    expect(secretHits).toEqual([]);

    // A redirect that stays on the channel's hosts is followed.
    const event = vk.messageEvent(699, 'via cdn', [vk.doc(to(ok), 'ok', 'pdf', 300)]);
    await handleVkEvent(deps(), event.type, event.object);
    const id = messageIdOf(699, (event.object as { message: { id: number } }).message.id);
    expect((await settled(id)).attachments[0]).toMatchObject({ fileDocId: vkFileDocId(id, 0), size: 300 });
  });
});
