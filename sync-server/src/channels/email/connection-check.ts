// The connection check of the e-mail settings: signs in to the IMAP server and looks at the mailbox,
// and signs in to the SMTP server (no mail is sent). Both connect only to addresses the outbound
// policy lets through (mail-target.ts): a private or loopback host the operator did not open is
// refused before any connection. Whatever else fails (nothing listening, a service that is not a mail
// server, TLS, a wrong user or password) gets one and the same answer, so the check cannot tell an
// open port from a closed one or say what answered; passwords never appear in answers. Only a
// mailbox that is missing after a good sign-in is named.
import type { SsrfPolicy } from '@app/shared/agents';
import { OutboundRefused } from '../../ops/outbound';
import { mailServerAt, pinnedMailTransport } from './mail-target';
import type { SmtpAccount } from './outbound';
import { imapOptions, type ImapAccount } from './mailbox';

export type CheckResult = { ok: true; detail?: string } | { ok: false; error: string };

const within = <T>(ms: number, what: string, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms).unref(),
    ),
  ]);

/** The one answer to a failure: the policy's refusal, or a reason that says nothing of what answered. */
function reason(err: unknown, what: 'IMAP' | 'SMTP', account: { host: string; port: number }): string {
  if (err instanceof OutboundRefused)
    return `${what} server ${account.host}:${account.port} is a private or special address: refused (a mail server on the server's network needs the operator's OUTBOUND_ALLOW_PRIVATE)`;
  return `could not connect or sign in to the ${what} server ${account.host}:${account.port}: check the host, port, TLS mode, user and password`;
}

export async function checkImap(
  imap: ImapAccount,
  policy: SsrfPolicy,
  timeoutMs = 15_000,
): Promise<CheckResult> {
  const { ImapFlow } = await import('imapflow');
  let client: InstanceType<typeof ImapFlow> | undefined;
  try {
    const target = await within(timeoutMs, 'IMAP', mailServerAt(imap, policy));
    client = new ImapFlow(
      imapOptions(imap, { ...target, disableAutoIdle: true, connectionTimeout: timeoutMs }),
    );
    client.on('error', () => undefined);
    await within(timeoutMs, 'IMAP', client.connect());
  } catch (err) {
    client?.close();
    return { ok: false, error: reason(err, 'IMAP', imap) };
  }
  try {
    const status = await within(
      timeoutMs,
      'IMAP',
      client.status(imap.mailbox, { messages: true, uidValidity: true }),
    );
    if (!status) return { ok: false, error: `mailbox ${imap.mailbox} not found` };
    return { ok: true, detail: `${imap.mailbox}: ${status.messages ?? 0} messages` };
  } catch {
    // Signed in: the server is the admin's IMAP server, and the mailbox is what failed.
    return { ok: false, error: `mailbox ${imap.mailbox} could not be opened` };
  } finally {
    await within(3_000, 'IMAP', client.logout()).catch(() => undefined);
    client.close();
  }
}

export async function checkSmtp(
  smtp: SmtpAccount,
  policy: SsrfPolicy,
  timeoutMs = 15_000,
): Promise<CheckResult> {
  const transport = pinnedMailTransport(smtp, policy);
  try {
    await within(timeoutMs, 'SMTP', transport.verify());
    return { ok: true };
  } catch (err) {
    return { ok: false, error: reason(err, 'SMTP', smtp) };
  } finally {
    transport.close();
  }
}

export async function checkConnections(
  account: { imap: ImapAccount; smtp: SmtpAccount },
  policy: SsrfPolicy,
  timeoutMs?: number,
): Promise<{ ok: boolean; imap: CheckResult; smtp: CheckResult }> {
  const [imap, smtp] = await Promise.all([
    checkImap(account.imap, policy, timeoutMs),
    checkSmtp(account.smtp, policy, timeoutMs),
  ]);
  return { ok: imap.ok && smtp.ok, imap, smtp };
}
