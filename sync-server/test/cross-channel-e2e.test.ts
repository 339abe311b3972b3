// One customer across channels, through a real sync server: the demo team's Telegram bot (real grammY
// against the fake Bot API) and its mailbox (dovecot for IMAP, an SMTP server for the answers), both
// on loopback. A Telegram customer whose e-mail a rep confirmed then writes from that address: the
// mail joins their contact and open lead, and the twin cites messages of both channels. An address the
// customer only typed (claimed) joins nothing: the mail gets its own contact and the reps a merge
// proposal; once a rep confirms the address, the next thread from it joins the Telegram contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { ActivityDoc, ContactDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually, startTestServer, tempDir, until } from './helpers';
import { dovecotMissing, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './mail-servers';

const address = 'sales@demo.test';
let dir: ReturnType<typeof tempDir>;
let dovecot: Dovecot;
let smtp: SmtpSink;
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let teamId: string;

function mail(from: string, id: string, subject: string, body: string) {
  return [
    `From: ${from}`,
    `To: ${address}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

type Doc = Record<string, unknown>;
const get = async (path: string) => call(server.url, 'GET', path, { token });
const contact = async (id: string) => get(`/api/v1/contacts/${encodeURIComponent(id)}`);
const items = async (path: string) => (await get(path)).body.items as Doc[];

/** The first mail to `to` among those the sink got after its first `before`. */
async function answerTo(to: string, before: number) {
  return eventually(() => smtp.received.slice(before).find((m) => m.envelope.to.includes(to)), 45_000);
}

/** The customer's e-mail conversation of a thread (by the first message's Message-ID). */
async function emailConversationOf(contactId: string) {
  return eventually(async () => {
    const convs = await items('/api/v1/conversations?limit=200');
    return convs.filter((c) => c.channel === 'email' && c.contactId === contactId && c.botId !== 'demo');
  });
}

/** The rep confirms the address on the contact page (ClaimedContactPoints.tsx writes the same). */
async function confirmEmail(contactId: string, value: string) {
  const res = await call(server.url, 'PATCH', `/api/v1/contacts/${encodeURIComponent(contactId)}`, {
    token,
    body: {
      contactPoints: { email: { value, status: 'verified', source: 'rep', at: new Date().toISOString() } },
    },
  });
  expect(res.status).toBe(200);
}

/** The channel of each message id, from both conversations' messages. */
async function channelsOf(conversationIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of conversationIds)
    for (const m of await items(`/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=200`))
      out.set(String(m.id), String(m.channel));
  return out;
}

describe.skipIf(!!dovecotMissing)(
  `one customer across Telegram and e-mail${dovecotMissing ? ` (skipped: ${dovecotMissing})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = tempDir('cross-channel-');
      [dovecot, smtp, fake] = await Promise.all([
        startDovecot({ users: ['sales'] }),
        startSmtpSink(),
        startFakeTelegram(),
      ]);
      server = await startTestServer(dir.path, {
        SEED_DEMO: 'true',
        // The mail servers listen on loopback: opened explicitly (issue 34).
        OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      const seeded = server.seeded!;
      teamId = seeded.teamId;
      const login = await call(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: seeded.email, password: seeded.password },
      });
      token = login.body.accessToken;
      const put = await call(server.url, 'PUT', '/api/v1/channels/email', {
        token,
        body: {
          address,
          fromName: 'Demo Sales',
          imap: {
            host: dovecot.host,
            port: dovecot.port,
            tls: 'none',
            user: 'sales',
            password: 'secret-sales',
          },
          smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: smtp.user, password: smtp.password },
        },
      });
      expect(put.status).toBe(200);
      // The mailbox has been read once (its checkpoint exists): mail appended now is new mail.
      await until(async () => {
        const { rows } = await server.store
          .systemDb('app_runtime')
          .list({ startkey: `cp:email:${teamId}:`, endkey: `cp:email:${teamId}:\ufff0` });
        return rows.length > 0;
      }, 30_000);
    }, 90_000);

    afterAll(async () => {
      await server?.close();
      await Promise.all([dovecot?.stop(), smtp?.stop(), fake?.close()]);
      dir?.remove();
    });

    it('an e-mail from an address a rep confirmed joins the Telegram contact and lead; the twin cites both channels', async () => {
      const tg = 'contact:telegram:5151';
      const boris = fake.user({ id: 5151, first_name: 'Boris', language_code: 'en' });
      boris.says(
        'Hi, I am Boris, my email is boris@client.test. Our budget is 300000 rubles. What are your support hours?',
      );
      await fake.waitForSent(1, { chatId: 5151, timeoutMs: 45_000 });
      const typed = await eventually(async () => {
        const c = (await contact(tg)).body as ContactDoc;
        return c.email === 'boris@client.test' ? c : undefined;
      });
      expect(typed.contactPoints?.email?.status).toBe('claimed');
      await confirmEmail(tg, 'boris@client.test');

      const before = smtp.received.length;
      await dovecot.append(
        'sales',
        mail(
          '"Boris K." <boris@client.test>',
          'b1@client.test',
          'Team size',
          'We are a team of 25 people. Do you work on weekends?',
        ),
      );
      await answerTo('boris@client.test', before);

      // One contact: the address's own contact was never made; the mail's conversation is Boris's.
      expect((await contact('contact:email:boris@client.test')).status).toBe(404);
      const [thread] = await emailConversationOf(tg);
      expect(thread).toBeDefined();
      const tgConv = (await items('/api/v1/conversations?limit=200')).find(
        (c) => c.channel === 'telegram' && c.contactId === tg,
      )!;
      // The contact's open lead carries on: the e-mail thread is linked to the Telegram chat's lead.
      const leads = (await items('/api/v1/leads?limit=200')).filter((l) => l.contactId === tg);
      expect(leads).toHaveLength(1);
      expect(thread!.leadId).toBe(leads[0]!.id);
      expect(tgConv.leadId).toBe(leads[0]!.id);

      const merged = await eventually(async () => {
        const c = (await contact(tg)).body as ContactDoc;
        return c.twin.facts.some((f) => f.key === 'team_size') ? c : undefined;
      });
      expect(merged.identities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ channel: 'telegram', externalId: '5151' }),
          { channel: 'email', externalId: 'boris@client.test' },
        ]),
      );
      const channels = await channelsOf([String(tgConv.id), String(thread!.id)]);
      const cited = (key: string) =>
        channels.get(
          String(merged.twin.facts.find((f) => f.key === key && f.status === 'active')?.sourceMessageId),
        );
      expect(cited('budget')).toBe('telegram');
      expect(cited('team_size')).toBe('email');
      const sources = new Set(merged.twin.facts.map((f) => channels.get(String(f.sourceMessageId))));
      expect([...sources].sort()).toEqual(['email', 'telegram']);
    }, 120_000);

    it('an e-mail from an address the customer only typed joins nothing: its own contact and a merge proposal; after a rep confirms, the next thread joins', async () => {
      const tg = 'contact:telegram:6161';
      const vera = fake.user({ id: 6161, first_name: 'Vera', language_code: 'en' });
      vera.says('Hello, my email is vera@client.test. What are your support hours?');
      await fake.waitForSent(1, { chatId: 6161, timeoutMs: 45_000 });
      await eventually(
        async () => ((await contact(tg)).body as ContactDoc).email === 'vera@client.test' || undefined,
      );

      let before = smtp.received.length;
      await dovecot.append(
        'sales',
        mail(
          'Vera <vera@client.test>',
          'v1@client.test',
          'Trial',
          'We are a team of 12 people. Do you work on weekends?',
        ),
      );
      await answerTo('vera@client.test', before);

      const own = 'contact:email:vera@client.test';
      expect((await contact(own)).status).toBe(200);
      const [ownThread] = await emailConversationOf(own);
      expect(ownThread).toBeDefined();
      const claimant = (await contact(tg)).body as ContactDoc;
      expect(claimant.contactPoints?.email?.status).toBe('claimed');
      expect(claimant.identities.some((i) => i.channel === 'email')).toBe(false);
      expect(claimant.twin.facts.some((f) => String(f.sourceMessageId).startsWith('msg:email:'))).toBe(false);
      expect(await emailConversationOf(tg)).toEqual([]);

      // The reps' proposal: on the claiming contact, naming the mail's contact and the address.
      const proposals = await eventually(async () => {
        const { docs } = await server.store
          .teamDb<ActivityDoc>(teamId, 'activity')
          .find({ selector: { name: 'contact-merge-proposed' }, limit: 20 });
        return docs.length ? docs : undefined;
      });
      expect(proposals).toHaveLength(1);
      expect(proposals[0]).toMatchObject({ contactId: tg, conversationId: ownThread!.id, role: 'runtime' });
      expect(JSON.parse(proposals[0]!.input!)).toMatchObject({
        address: 'vera@client.test',
        claimedBy: tg,
        mailContactId: own,
      });

      // A rep confirms the address on the Telegram contact: the next thread from it joins Vera there.
      await confirmEmail(tg, 'vera@client.test');
      before = smtp.received.length;
      await dovecot.append(
        'sales',
        mail('Vera <vera@client.test>', 'v2@client.test', 'Prices', 'What does the Pro plan cost?'),
      );
      await answerTo('vera@client.test', before);
      const joined = await emailConversationOf(tg);
      expect(joined).toHaveLength(1);
      expect(joined[0]!.id).not.toBe(ownThread!.id);
    }, 150_000);
  },
);
