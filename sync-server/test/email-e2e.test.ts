// The e-mail channel end to end through a real sync server: an admin connects the demo team's mailbox
// through the API (dovecot on loopback for IMAP, an SMTP server for outbound; test/mail-servers.ts),
// a customer's mail (IMAP APPEND) creates contact, lead and conversation and the agents answer it in
// its thread; the customer's reply lands in the same conversation and is answered in the thread; after
// a restart of the server nothing is taken in or answered twice. A commercial proposal sent in the
// thread arrives as a PDF attachment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { acceptInvite, call, startTestServer, tempDir, uniqueEmail, until } from './helpers';
import { dovecotMissing, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './mail-servers';

const address = 'sales@demo.test';
let dir: ReturnType<typeof tempDir>;
let dovecot: Dovecot;
let smtp: SmtpSink;
let server: RunningServer;
let token: string;
let teamId: string;

// The mail servers listen on loopback: opened explicitly, as an operator would (issue 34).
const env = { SEED_DEMO: 'true', OUTBOUND_ALLOW_PRIVATE: '127.0.0.1' };

async function signIn() {
  const seeded = server.seeded;
  const email = seeded?.email ?? process.env.EMAIL_E2E_LOGIN!;
  const password = seeded?.password ?? process.env.EMAIL_E2E_PASSWORD!;
  const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  token = login.body.accessToken;
  teamId = login.body.team.id;
  process.env.EMAIL_E2E_LOGIN = email;
  process.env.EMAIL_E2E_PASSWORD = password;
}

/** Waits until the team's mailbox has been read once (its checkpoint exists). */
async function mailboxRead() {
  await until(async () => {
    const { rows } = await server.store
      .systemDb('app_runtime')
      .list({ startkey: `cp:email:${teamId}:`, endkey: `cp:email:${teamId}:\ufff0` });
    return rows.length > 0;
  }, 30_000);
}

function mail(opts: {
  id: string;
  subject: string;
  body: string;
  inReplyTo?: string;
  references?: string[];
}) {
  return [
    'From: "Anna Smirnova" <anna@customer.test>',
    `To: ${address}`,
    `Subject: ${opts.subject}`,
    `Message-ID: <${opts.id}>`,
    ...(opts.inReplyTo ? [`In-Reply-To: <${opts.inReplyTo}>`] : []),
    ...(opts.references ? [`References: ${opts.references.map((r) => `<${r}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    opts.body,
    '',
  ].join('\r\n');
}

describe.skipIf(!!dovecotMissing)(
  `e-mail through the server${dovecotMissing ? ` (skipped: ${dovecotMissing})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = tempDir('email-e2e-');
      [dovecot, smtp] = await Promise.all([startDovecot({ users: ['sales'] }), startSmtpSink()]);
      server = await startTestServer(dir.path, env);
      await signIn();
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await Promise.all([dovecot?.stop(), smtp?.stop()]);
      dir?.remove();
    });

    const settings = () => ({
      address,
      fromName: 'Demo Sales',
      imap: { host: dovecot.host, port: dovecot.port, tls: 'none', user: 'sales', password: 'secret-sales' },
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: smtp.user, password: smtp.password },
    });

    it('an admin connects the mailbox: validated, passwords kept sealed, connection checked', async () => {
      // Admins only (the access table's channels row): a rep may neither see nor set them.
      const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
        token,
        body: { email: uniqueEmail('rep'), role: 'rep' },
      });
      const rep = await acceptInvite(server.url, invite.body);
      for (const [method, path] of [
        ['GET', '/api/v1/channels/email'],
        ['PUT', '/api/v1/channels/email'],
        ['POST', '/api/v1/channels/email/check'],
        ['DELETE', '/api/v1/channels/email'],
      ] as const) {
        const refused = await call(server.url, method, path, {
          token: rep.accessToken,
          ...(method === 'GET' ? {} : { body: settings() }),
        });
        expect(refused.status, `${method} ${path}`).toBe(403);
        expect(refused.body.error.code).toBe('role-forbidden');
      }

      const bad = await call(server.url, 'PUT', '/api/v1/channels/email', {
        token,
        body: { ...settings(), smtp: { ...settings().smtp, host: 'smtp.example.com' } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation-failed');
      expect(bad.body.error.message).toMatch(/smtp\.tls: tls 'none' sends the password in clear text/);

      // Private hosts the operator did not open (only loopback is, here): a 400 when saved, and the
      // check refuses them before connecting (issue 34).
      const tls = { tls: 'implicit', port: 993 };
      for (const host of ['169.254.169.254', '10.0.0.5', '192.168.1.1']) {
        const inside = await call(server.url, 'PUT', '/api/v1/channels/email', {
          token,
          body: { ...settings(), imap: { ...settings().imap, ...tls, host } },
        });
        expect(inside.status, host).toBe(400);
        expect(inside.body.error.message).toMatch(/imap\.host: .*OUTBOUND_ALLOW_PRIVATE/);
        const scan = await call(server.url, 'POST', '/api/v1/channels/email/check', {
          token,
          body: { ...settings(), imap: { ...settings().imap, ...tls, host } },
        });
        expect(scan.body.imap).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
      }

      const noPassword = await call(server.url, 'PUT', '/api/v1/channels/email', {
        token,
        body: { ...settings(), imap: { ...settings().imap, password: undefined } },
      });
      expect(noPassword.status).toBe(400);

      const check = await call(server.url, 'POST', '/api/v1/channels/email/check', {
        token,
        body: settings(),
      });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ ok: true, imap: { ok: true }, smtp: { ok: true } });

      const put = await call(server.url, 'PUT', '/api/v1/channels/email', { token, body: settings() });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        configured: true,
        address,
        imap: { port: dovecot.port, passwordSet: true },
      });
      expect(JSON.stringify(put.body)).not.toMatch(/secret-sales|smtp-secret/);
      const stored = await server.store.systemDb('app_channels').get(`channel:${teamId}:email`);
      expect(JSON.stringify(stored)).not.toMatch(/secret-sales|smtp-secret/);

      const got = await call(server.url, 'GET', '/api/v1/channels/email', { token });
      expect(got.body).toMatchObject({ configured: true, smtp: { user: smtp.user, passwordSet: true } });
      const stillOk = await call(server.url, 'POST', '/api/v1/channels/email/check', { token, body: {} });
      expect(stillOk.body.ok).toBe(true);
      await mailboxRead();
    }, 60_000);

    it('a customer mail creates contact, lead and conversation and gets a threaded answer; the reply stays in the thread', async () => {
      await dovecot.append(
        'sales',
        mail({
          id: 'q1@customer.test',
          subject: 'Поддержка',
          body: 'Здравствуйте! Во сколько работает техподдержка?\n\n-- \nАнна Смирнова\nООО Ромашка',
        }),
      );
      const [answer] = await smtp.waitFor(1, 45_000);
      expect(answer!.envelope.to).toEqual(['anna@customer.test']);
      expect(answer!.parsed.subject).toBe('Re: Поддержка');
      expect(answer!.parsed.inReplyTo).toBe('<q1@customer.test>');
      expect(answer!.parsed.references).toBe('<q1@customer.test>');
      expect(answer!.parsed.text).toMatch(/21:00/); // from the demo knowledge base's support page

      const contacts = await call(server.url, 'GET', '/api/v1/contacts?limit=200', { token });
      const contact = (contacts.body.items as Array<Record<string, unknown>>).find(
        (c) => c.id === 'contact:email:anna@customer.test',
      );
      expect(contact).toMatchObject({ name: 'Anna Smirnova', email: 'anna@customer.test' });
      const leads = await call(server.url, 'GET', '/api/v1/leads?limit=200', { token });
      expect(JSON.stringify(leads.body)).toContain('contact:email:anna@customer.test');
      const convs = await call(server.url, 'GET', '/api/v1/conversations?limit=200', { token });
      // The customer's thread (the demo team's sample e-mail chats, botId 'demo', are never sent to).
      const threads = (convs.body.items as Array<{ id: string; channel: string; botId?: string }>).filter(
        (c) => c.channel === 'email' && c.botId !== 'demo',
      );
      expect(threads).toHaveLength(1);

      // The customer answers our answer: the same conversation, answered in the thread.
      const ours = answer!.parsed.messageId!.replace(/[<>]/g, '');
      await dovecot.append(
        'sales',
        mail({
          id: 'q2@customer.test',
          subject: 'Re: Поддержка',
          inReplyTo: ours,
          references: ['q1@customer.test', ours],
          body: `Спасибо! А в выходные тоже?\n\nDemo Sales <${address}> пишет:\n> Поддержка работает…`,
        }),
      );
      const [, second] = await smtp.waitFor(2, 45_000);
      expect(second!.parsed.inReplyTo).toBe('<q2@customer.test>');
      expect(second!.parsed.references).toEqual(['<q1@customer.test>', `<${ours}>`, '<q2@customer.test>']);
      const messages = await call(
        server.url,
        'GET',
        `/api/v1/conversations/${encodeURIComponent(threads[0]!.id)}/messages?limit=200`,
        { token },
      );
      const texts = (messages.body.items as Array<{ direction: string; text: string }>)
        .filter((m) => m.direction === 'inbound')
        .map((m) => m.text);
      expect(texts).toEqual([
        'Поддержка\n\nЗдравствуйте! Во сколько работает техподдержка?',
        'Спасибо! А в выходные тоже?',
      ]);
    }, 120_000);

    it('after a restart nothing is taken in or answered twice, and new mail is', async () => {
      const docs = async () => {
        const { rows } = await server.store.teamDb(teamId, 'messages').list({ include_docs: true });
        return rows
          .filter((r) => !r.id.startsWith('_'))
          .map(
            (r) => r.doc as unknown as { _id: string; _rev: string; direction: string; replyToId?: string },
          );
      };
      const before = await docs();
      await server.close();
      server = await startTestServer(dir.path, env);
      await signIn();
      await dovecot.append(
        'sales',
        mail({
          id: 'q3@customer.test',
          subject: 'Доставка',
          body: 'Здравствуйте! Во сколько работает техподдержка?',
        }),
      );
      await smtp.waitFor(3, 60_000);
      // Three customer mails, three answers: nothing more, a while later either.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(smtp.received).toHaveLength(3);
      expect(smtp.received[2]!.parsed.inReplyTo).toBe('<q3@customer.test>');
      const after = await docs();
      const known = new Map(before.map((d) => [d._id, d._rev]));
      const added = after.filter((d) => !known.has(d._id));
      expect(added.filter((d) => d.direction === 'inbound')).toHaveLength(1);
      // The inbound docs taken in before the restart are as they were.
      for (const d of after.filter((x) => x.direction === 'inbound' && known.has(x._id)))
        expect(d._rev).toBe(known.get(d._id));
      const q3 = added.find((d) => d.direction === 'inbound')!;
      expect(added.filter((d) => d.direction === 'outbound' && d.replyToId === q3._id)).toHaveLength(1);
    }, 120_000);
    it("a commercial proposal sent in the customer's thread arrives as a PDF attachment with a note in Russian", async () => {
      const leads = await call(server.url, 'GET', '/api/v1/leads?limit=200', { token });
      const lead = (
        leads.body.items as Array<{ id: string; contactId?: string; conversationId?: string }>
      ).find((l) => l.contactId === 'contact:email:anna@customer.test' && l.conversationId)!;
      const quote = {
        currency: 'RUB',
        lines: [
          {
            sku: 'PLAN-TEAM',
            name: 'Тариф «Команда»',
            quantity: 5,
            unit: 'место',
            unitPrice: 990,
            discountPercent: 0,
            lineTotal: 4950,
          },
        ],
        subtotal: 4950,
        discount: 0,
        tax: 0,
        total: 4950,
      };
      const made = await call(server.url, 'POST', `/api/v1/leads/${lead.id}/proposals`, {
        token,
        body: { quote },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const sent = await call(server.url, 'POST', `/api/v1/leads/${lead.id}/proposals/${made.body.id}/send`, {
        token,
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      const mails = await smtp.waitFor(smtp.received.length + 1, 45_000);
      const mail = mails.at(-1)!;
      expect(mail.envelope.to).toEqual(['anna@customer.test']);
      expect(mail.parsed.subject).toMatch(/^Re: /);
      expect(mail.parsed.text).toContain(`коммерческое предложение № ${made.body.number}`);
      const [pdf] = mail.parsed.attachments;
      expect(pdf).toMatchObject({ filename: made.body.fileName, contentType: 'application/pdf' });
      expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf!.content.length).toBe(made.body.size);
      // E-mail cannot tell an opened PDF: the proposal stays sent.
      const after = await call(server.url, 'GET', `/api/v1/leads/${lead.id}`, { token });
      expect(after.body.commercialProposals[0]).toMatchObject({ status: 'sent' });
    }, 90_000);
  },
);
