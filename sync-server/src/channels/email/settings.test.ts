// E-mail settings: what the API accepts (clear 400s for bad hosts, ports, TLS modes, addresses),
// passwords sealed per team and field, and the connection check against real servers (on loopback,
// opened explicitly as an operator would: OUTBOUND_ALLOW_PRIVATE=127.0.0.1). The check cannot scan the
// server's network (issue 34): loopback not opened is refused before any connection, and with it
// opened, a closed port and a port of a service that is not a mail server get the same answer.
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dovecotMissing,
  startDovecot,
  startSmtpSink,
  type Dovecot,
  type SmtpSink,
} from '../../../test/mail-servers';
import { parsePrivateAllowList } from '@app/shared/agents';
import { outboundPolicy } from '../../ops/outbound';
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

const opened = outboundPolicy(parsePrivateAllowList('127.0.0.1'));

/** A service on loopback that is not a mail server: `banner` says something else, or nothing at all. */
async function otherService(
  banner?: string,
): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (banner) socket.write(banner);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      }),
  };
}

describe("connection check against the server's network (issue 34)", () => {
  const account = (port: number) => ({
    imap: { host: '127.0.0.1', port, tls: 'none' as const, user: 'u', password: 'p', mailbox: 'INBOX' },
    smtp: { host: '127.0.0.1', port, tls: 'none' as const, user: 'u', password: 'p' },
  });

  it('refuses loopback and private hosts the operator did not open, connecting to nothing', async () => {
    const ssh = await otherService('SSH-2.0-OpenSSH_9.6\r\n');
    try {
      for (const policy of [
        outboundPolicy(),
        outboundPolicy(parsePrivateAllowList(`127.0.0.1:${ssh.port + 1}`)),
      ]) {
        const result = await checkConnections(account(ssh.port), policy, 3_000);
        expect(result.ok).toBe(false);
        expect(result.imap).toMatchObject({
          ok: false,
          error: expect.stringMatching(/refused.*OUTBOUND_ALLOW_PRIVATE/),
        });
        expect(result.smtp).toMatchObject({
          ok: false,
          error: expect.stringMatching(/refused.*OUTBOUND_ALLOW_PRIVATE/),
        });
      }
      const metadata = await checkConnections(
        {
          imap: { ...account(993).imap, host: '169.254.169.254' },
          smtp: { ...account(25).smtp, host: '10.1.2.3' },
        },
        opened,
        3_000,
      );
      expect(metadata.imap.ok || metadata.smtp.ok).toBe(false);
      expect(JSON.stringify(metadata)).toMatch(/refused/);
      expect(ssh.connections()).toBe(0);
    } finally {
      await ssh.close();
    }
  });

  it('answers a closed port, a non-mail service and a silent one alike', async () => {
    const [ssh, silent, closedOne] = await Promise.all([
      otherService('SSH-2.0-OpenSSH_9.6\r\n'),
      otherService(),
      otherService(),
    ]);
    const closed = closedOne.port;
    await closedOne.close();
    try {
      const answers = await Promise.all(
        [closed, ssh.port, silent.port].map(async (port) => {
          const r = await checkConnections(account(port), opened, 2_000);
          return JSON.stringify(r).split(String(port)).join('<port>');
        }),
      );
      expect(answers[0]).toMatch(/could not connect or sign in/);
      expect(new Set(answers).size).toBe(1);
      expect(ssh.connections()).toBeGreaterThan(0);
    } finally {
      await Promise.all([ssh.close(), silent.close()]);
    }
  }, 30_000);
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
      const ok = await checkConnections(account('secret-sales', smtp.password), opened);
      expect(ok).toMatchObject({
        ok: true,
        imap: { ok: true, detail: 'INBOX: 0 messages' },
        smtp: { ok: true },
      });

      const wrong = await checkConnections(account('wrong-imap-pw', 'wrong-smtp-pw'), opened);
      expect(wrong.ok).toBe(false);
      expect(wrong.imap).toMatchObject({
        ok: false,
        error: expect.stringMatching(/could not connect or sign in/),
      });
      expect(wrong.smtp).toMatchObject({
        ok: false,
        error: expect.stringMatching(/could not connect or sign in/),
      });
      expect(JSON.stringify(wrong)).not.toMatch(/wrong-(imap|smtp)-pw/);

      const noBox = await checkConnections(account('secret-sales', smtp.password, 'Nope'), opened);
      expect(noBox.imap.ok).toBe(false);

      const closed = await checkConnections(
        { ...account('secret-sales', smtp.password), imap: { ...account('x', 'y').imap, port: 1 } },
        opened,
      );
      expect(closed.imap).toMatchObject({
        ok: false,
        error: expect.stringMatching(/could not connect or sign in to the IMAP server 127.0.0.1:1/),
      });
    }, 60_000);
  },
);
