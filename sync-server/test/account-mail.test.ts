// Account mail through the team's e-mail channel (a real SMTP server on loopback, dovecot for the
// channel's mailbox): an admin's invite reaches the invitee with a link that joins the team, and a
// forgotten password is reset with a single-use link that ends every session. Asking for a link
// answers alike whether or not the e-mail has an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { call, login, startTestServer, tempDir, uniqueEmail, until, TEST_PASSWORD } from './helpers';
import { dovecotMissing, startDovecot, startSmtpSink, type Dovecot, type SmtpSink } from './mail-servers';

const address = 'sales@demo.test';
const publicUrl = 'https://crm.example.test';
let dir: ReturnType<typeof tempDir>;
let dovecot: Dovecot;
let smtp: SmtpSink;
let server: RunningServer;
let admin: string;

/** The token of the link (`<PUBLIC_URL>/app/#<kind>=<token>`) in the last mail to `to`. */
function linkToken(to: string, kind: 'reset' | 'invite'): string {
  const mail = [...smtp.received].reverse().find((m) => m.envelope.to.includes(to));
  expect(mail, `a mail to ${to}`).toBeDefined();
  const text = mail!.parsed.text ?? '';
  const match = new RegExp(`${publicUrl.replace(/\./g, '\\.')}/app/#${kind}=([A-Za-z0-9_%-]+)`).exec(text);
  expect(match, text).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

describe.skipIf(!!dovecotMissing)(
  `account mail${dovecotMissing ? ` (skipped: ${dovecotMissing})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = tempDir('account-mail-');
      [dovecot, smtp] = await Promise.all([startDovecot({ users: ['sales'] }), startSmtpSink()]);
      server = await startTestServer(dir.path, {
        SEED_DEMO: 'true',
        PUBLIC_URL: publicUrl,
        OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
      });
      const seeded = server.seeded!;
      admin = (await login(server.url, seeded.email, seeded.password)).accessToken;
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await Promise.all([dovecot?.stop(), smtp?.stop()]);
      dir?.remove();
    });

    it('without an e-mail channel the invite is not mailed, and the admin is told so', async () => {
      const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
        token: admin,
        body: { email: uniqueEmail('nomail'), role: 'rep' },
      });
      expect(invite.status).toBe(201);
      expect(invite.body.emailed).toBe(false);
      expect(smtp.received).toHaveLength(0);
    });

    it('an invite goes out by mail, and its link joins the team', async () => {
      const put = await call(server.url, 'PUT', '/api/v1/channels/email', {
        token: admin,
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
      const email = uniqueEmail('invitee');
      const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
        token: admin,
        body: { email, role: 'rep' },
      });
      expect(invite.status).toBe(201);
      expect(invite.body.emailed).toBe(true);
      await smtp.waitFor(1, 10_000);
      const mail = smtp.received[0]!;
      expect(mail.parsed.from?.value[0]?.address).toBe(address);
      expect(mail.parsed.subject).toMatch(/Приглашение.*Invitation/);
      const token = linkToken(email, 'invite');
      expect(token).toBe(invite.body.inviteToken);
      const accepted = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
        body: { token, password: TEST_PASSWORD },
      });
      expect(accepted.status).toBe(202);
      expect((await login(server.url, email, TEST_PASSWORD)).user.role).toBe('rep');
    });

    it('a forgotten password is reset with a single-use link that ends every session', async () => {
      const email = uniqueEmail('forgetful');
      const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
        token: admin,
        body: { email, role: 'rep' },
      });
      await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
        body: { token: invite.body.inviteToken, password: TEST_PASSWORD },
      });
      const before = await login(server.url, email, TEST_PASSWORD);
      const mailsBefore = smtp.received.length;

      // An unknown e-mail gets the same answer, and no mail.
      const unknown = await call(server.url, 'POST', '/api/v1/auth/forgot-password', {
        body: { email: uniqueEmail('nobody') },
      });
      const asked = await call(server.url, 'POST', '/api/v1/auth/forgot-password', { body: { email } });
      expect(asked.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body.message).toBe(asked.body.message);
      await smtp.waitFor(mailsBefore + 1, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(mailsBefore + 1);
      const token = linkToken(email, 'reset');

      // Malformed and weak input: a clear 400, and the link still works after.
      expect(
        (await call(server.url, 'POST', '/api/v1/auth/reset-password', { body: { token } })).status,
      ).toBe(400);
      const weak = await call(server.url, 'POST', '/api/v1/auth/reset-password', {
        body: { token, password: 'password1' },
      });
      expect(weak.status).toBe(400);
      const wrong = await call(server.url, 'POST', '/api/v1/auth/reset-password', {
        body: { token: `${token}x`, password: 'Another-long-passphrase-42' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('token-invalid');

      const reset = await call(server.url, 'POST', '/api/v1/auth/reset-password', {
        body: { token, password: 'Another-long-passphrase-42' },
      });
      expect(reset.status).toBe(200);
      // The old password and the old session end; the new password signs in.
      expect(
        (await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } }))
          .status,
      ).toBe(401);
      expect(
        (
          await call(server.url, 'POST', '/api/v1/auth/refresh', {
            body: { refreshToken: before.refreshToken },
          })
        ).status,
      ).toBe(401);
      await until(
        async () =>
          (await call(server.url, 'GET', '/api/v1/me', { token: before.accessToken })).status === 401,
        5_000,
      );
      const after = await login(server.url, email, 'Another-long-passphrase-42');
      expect(after.user.email).toBe(email);
      // Once only.
      const again = await call(server.url, 'POST', '/api/v1/auth/reset-password', {
        body: { token, password: 'Yet-another-passphrase-43' },
      });
      expect(again.status).toBe(401);
    });

    it('a link mailed before the password changed no longer works', async () => {
      const email = uniqueEmail('changer');
      const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
        token: admin,
        body: { email, role: 'viewer' },
      });
      await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
        body: { token: invite.body.inviteToken, password: TEST_PASSWORD },
      });
      const mails = smtp.received.length;
      await call(server.url, 'POST', '/api/v1/auth/forgot-password', { body: { email } });
      await smtp.waitFor(mails + 1, 10_000);
      const token = linkToken(email, 'reset');
      const session = await login(server.url, email, TEST_PASSWORD);
      const changed = await call(server.url, 'POST', '/api/v1/auth/password', {
        token: session.accessToken,
        body: { currentPassword: TEST_PASSWORD, newPassword: 'Changed-in-settings-77' },
      });
      expect(changed.status).toBe(200);
      const late = await call(server.url, 'POST', '/api/v1/auth/reset-password', {
        body: { token, password: 'Another-long-passphrase-42' },
      });
      expect(late.status).toBe(401);
      expect(late.body.error.message).toMatch(/no longer valid/);
    });

    it('asking for links is rate limited per e-mail', async () => {
      const email = uniqueEmail('spammed');
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(
          (await call(server.url, 'POST', '/api/v1/auth/forgot-password', { body: { email } })).status,
        );
      expect(answers).toEqual([202, 202, 202, 429]);
    });
  },
);
