// E-mail settings: what the API accepts (clear 400s for bad hosts, ports, TLS modes, addresses),
// passwords sealed per team and field, and the connection check against real servers.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dovecotMissing,
  startDovecot,
  startSmtpSink,
  type Dovecot,
  type SmtpSink,
} from '../../../test/mail-servers';
import { checkConnections } from './connection-check';
import { buildChannelDoc, emailSettingsInput, publicView, unsealSettings } from './settings';

const key = randomBytes(32);
const by = { userId: 'u1', at: '2025-03-03T10:00:00.000Z' };
const valid = {
  address: 'Sales@Shop.example',
  imap: { host: 'imap.shop.example', password: 'imap-pw' },
  smtp: { host: 'smtp.shop.example', tls: 'starttls' },
};

describe('e-mail settings', () => {
  it('fills defaults: ports by TLS mode, users from the address, SMTP password from IMAP', () => {
    const input = emailSettingsInput.parse(valid);
    const doc = buildChannelDoc(key, 't1', input, null, by);
    expect(publicView(doc)).toEqual({
      enabled: true,
      address: 'sales@shop.example',
      imap: {
        host: 'imap.shop.example',
        port: 993,
        tls: 'implicit',
        user: 'Sales@Shop.example',
        mailbox: 'INBOX',
        passwordSet: true,
      },
      smtp: {
        host: 'smtp.shop.example',
        port: 587,
        tls: 'starttls',
        user: 'Sales@Shop.example',
        passwordSet: true,
      },
      mode: 'idle',
      pollSeconds: 60,
      readExisting: false,
      updatedAt: by.at,
    });
    expect(JSON.stringify(doc)).not.toContain('imap-pw');
    const clear = unsealSettings(key, doc);
    expect(clear.imap.password).toBe('imap-pw');
    expect(clear.smtp.password).toBe('imap-pw');
    // Sealed for this team: a copy in another team's doc does not open.
    expect(() => unsealSettings(key, { ...doc, teamId: 't2' })).toThrow();
    // A left-out password keeps the stored one.
    const next = buildChannelDoc(
      key,
      't1',
      emailSettingsInput.parse({ ...valid, imap: { host: 'imap2.shop.example' } }),
      doc,
      by,
    );
    expect(unsealSettings(key, next).imap.password).toBe('imap-pw');
  });

  it('refuses bad input, naming the field', () => {
    const bad = (patch: Record<string, unknown>) => emailSettingsInput.safeParse({ ...valid, ...patch });
    const issues = (r: ReturnType<typeof bad>) =>
      r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(issues(bad({ address: 'not-an-address' }))).toEqual(['address']);
    expect(issues(bad({ imap: { host: 'bad host!', password: 'x' } }))).toEqual(['imap.host']);
    expect(issues(bad({ imap: { host: 'imap.x', port: 70000, password: 'x' } }))).toEqual(['imap.port']);
    expect(issues(bad({ smtp: { host: 'smtp.x', tls: 'ssl3' } }))).toEqual(['smtp.tls']);
    expect(issues(bad({ smtp: { host: 'smtp.x', tls: 'none' } }))).toEqual(['smtp.tls']);
    expect(issues(bad({ smtp: { host: '127.0.0.1', tls: 'none' } }))).toEqual([]);
    expect(issues(bad({ pollSeconds: 1 }))).toEqual(['pollSeconds']);
    expect(issues(bad({ extra: true }))).toEqual(['']);
    expect(() =>
      buildChannelDoc(key, 't1', emailSettingsInput.parse({ ...valid, imap: { host: 'imap.x' } }), null, by),
    ).toThrow(/imap.password is needed/);
  });
});

describe.skipIf(!!dovecotMissing)(
  `connection check${dovecotMissing ? ` (skipped: ${dovecotMissing})` : ''}`,
  () => {
    let dovecot: Dovecot;
    let smtp: SmtpSink;
    beforeAll(async () => {
      [dovecot, smtp] = await Promise.all([startDovecot({ users: ['sales'] }), startSmtpSink()]);
    }, 30_000);
    afterAll(async () => {
      await Promise.all([dovecot?.stop(), smtp?.stop()]);
    });

    it('signs in to both servers, and says why when it cannot', async () => {
      const account = (imapPassword: string, smtpPassword: string, mailbox = 'INBOX') => ({
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          tls: 'none' as const,
          user: 'sales',
          password: imapPassword,
          mailbox,
        },
        smtp: {
          host: smtp.host,
          port: smtp.port,
          tls: 'none' as const,
          user: smtp.user,
          password: smtpPassword,
        },
      });
      const ok = await checkConnections(account('secret-sales', smtp.password));
      expect(ok).toMatchObject({
        ok: true,
        imap: { ok: true, detail: 'INBOX: 0 messages' },
        smtp: { ok: true },
      });

      const wrong = await checkConnections(account('wrong-imap-pw', 'wrong-smtp-pw'));
      expect(wrong.ok).toBe(false);
      expect(wrong.imap).toMatchObject({ ok: false, error: expect.stringMatching(/sign-in refused/) });
      expect(wrong.smtp).toMatchObject({ ok: false, error: expect.stringMatching(/sign-in refused/) });
      expect(JSON.stringify(wrong)).not.toMatch(/wrong-(imap|smtp)-pw/);

      const noBox = await checkConnections(account('secret-sales', smtp.password, 'Nope'));
      expect(noBox.imap.ok).toBe(false);

      const closed = await checkConnections({
        ...account('secret-sales', smtp.password),
        imap: { ...account('x', 'y').imap, port: 1 },
      });
      expect(closed.imap).toMatchObject({
        ok: false,
        error: expect.stringMatching(/nothing answers at 127.0.0.1:1/),
      });
    }, 60_000);
  },
);
