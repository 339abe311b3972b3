// Where the e-mail channel connects: a team's admin types the IMAP and SMTP hosts, so each connection
// goes through the server's outbound policy (../../ops/outbound.ts): the host is resolved, every
// address checked (private, loopback, link-local and special ones refused unless the operator opened
// them with OUTBOUND_ALLOW_PRIVATE, per address and port), and the socket connects to the checked
// address, with the host's name kept for TLS (SNI and the certificate check). Refused: no connection
// is made at all. A sender resolves again for each mail (a name that changes its answer later is
// checked again), keeping one pooled transport per checked address.
import type { SsrfPolicy } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import type { SendMailOptions } from 'nodemailer';
import { checkedTarget, checkOutboundUrl } from '../../ops/outbound';
import { createMailTransport, type SmtpAccount } from './outbound';
import type { ServerSettings } from './settings';

/** The checked address to connect to, and the name TLS checks (none for an address typed as such). */
export async function mailServerAt(
  server: Pick<ServerSettings, 'host' | 'port'>,
  policy: SsrfPolicy,
): Promise<{ host: string; servername?: string }> {
  const host = server.host.replace(/^\[|\]$/g, '');
  const address = await checkedTarget(host, server.port, policy);
  return /^[\d.]+$|:/.test(host) ? { host: address } : { host: address, servername: host };
}

/** 400 for a host the policy refuses when settings are saved (a name that does not resolve now passes). */
export async function checkMailHost(
  field: 'imap' | 'smtp',
  server: Pick<ServerSettings, 'host' | 'port'>,
  policy: SsrfPolicy,
): Promise<void> {
  const host = server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  try {
    await checkOutboundUrl(`http://${host}:${server.port}/`, policy, { unresolvedOk: true });
  } catch (error) {
    throw new DomainError('validation-failed', `${field}.host: ${(error as Error).message}`);
  }
}

/** What the sender and the check use of a transport. */
export type MailTransport = {
  sendMail(mail: SendMailOptions): Promise<unknown>;
  verify(): Promise<unknown>;
  close(): void;
};

/** A transport for the SMTP account that connects only to checked addresses. */
export function pinnedMailTransport(
  smtp: SmtpAccount,
  policy: SsrfPolicy,
  pooled?: { maxConnections: number },
): MailTransport {
  const transports = new Map<string, ReturnType<typeof createMailTransport>>();
  const current = async () => {
    const target = await mailServerAt(smtp, policy);
    const key = `${target.host}\n${target.servername ?? ''}`;
    let transport = transports.get(key);
    if (!transport) transports.set(key, (transport = createMailTransport(smtp, pooled, target)));
    return transport;
  };
  return {
    sendMail: async (mail) => (await current()).sendMail(mail),
    verify: async () => (await current()).verify(),
    close() {
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}
