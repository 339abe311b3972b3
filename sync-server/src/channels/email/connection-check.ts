// The connection check of the e-mail settings: signs in to the IMAP server and looks at the mailbox,
// and signs in to the SMTP server (no mail is sent). Each answers ok or a reason an admin can act on
// (wrong password, host unreachable, no such mailbox, TLS refused); passwords never appear in them.
import { createMailTransport, type SmtpAccount } from './outbound';
import { imapOptions, type ImapAccount } from './mailbox';

export type CheckResult = { ok: true; detail?: string } | { ok: false; error: string };

const within = <T>(ms: number, what: string, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms).unref(),
    ),
  ]);

/** A reason without secrets: the error's code and the server's words. */
function reason(err: unknown, account: { host: string; port: number; password: string }): string {
  const e = err as {
    message?: string;
    code?: string;
    responseText?: string;
    response?: string;
    authenticationFailed?: boolean;
  };
  const parts = [
    e.authenticationFailed || e.code === 'EAUTH'
      ? 'sign-in refused (check the user and password)'
      : undefined,
    e.code === 'ECONNREFUSED' ? `nothing answers at ${account.host}:${account.port}` : undefined,
    e.code === 'ENOTFOUND' ? `host ${account.host} not found` : undefined,
    e.responseText ?? e.response ?? e.message ?? String(err),
  ].filter((p): p is string => !!p);
  return parts.join(': ').split(account.password).join('***').slice(0, 500);
}

export async function checkImap(imap: ImapAccount, timeoutMs = 15_000): Promise<CheckResult> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow(imapOptions(imap, { disableAutoIdle: true, connectionTimeout: timeoutMs }));
  client.on('error', () => undefined);
  try {
    await within(timeoutMs, 'IMAP', client.connect());
    const status = await within(
      timeoutMs,
      'IMAP',
      client.status(imap.mailbox, { messages: true, uidValidity: true }),
    );
    if (!status) return { ok: false, error: `mailbox ${imap.mailbox} not found` };
    return { ok: true, detail: `${imap.mailbox}: ${status.messages ?? 0} messages` };
  } catch (err) {
    return { ok: false, error: reason(err, imap) };
  } finally {
    await within(3_000, 'IMAP', client.logout()).catch(() => undefined);
    client.close();
  }
}

export async function checkSmtp(smtp: SmtpAccount, timeoutMs = 15_000): Promise<CheckResult> {
  const transport = createMailTransport(smtp);
  try {
    await within(timeoutMs, 'SMTP', transport.verify());
    return { ok: true };
  } catch (err) {
    return { ok: false, error: reason(err, smtp) };
  } finally {
    transport.close();
  }
}

export async function checkConnections(
  account: { imap: ImapAccount; smtp: SmtpAccount },
  timeoutMs?: number,
): Promise<{ ok: boolean; imap: CheckResult; smtp: CheckResult }> {
  const [imap, smtp] = await Promise.all([
    checkImap(account.imap, timeoutMs),
    checkSmtp(account.smtp, timeoutMs),
  ]);
  return { ok: imap.ok && smtp.ok, imap, smtp };
}
