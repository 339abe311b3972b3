// A team's e-mail channel: one IMAP mailbox read for customer mail and one SMTP account to answer
// from. Kept in `app_channels` as `channel:<teamId>:email`, the passwords sealed like bot tokens
// (AES-256-GCM, the team id and field as authenticated data). The admin API validates the input here
// (hosts, ports, TLS modes, users, the sender address) and shows the settings without passwords.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../../context';
import { systemDocs } from '../../store/data';
import { aadFor, seal, unseal, type Sealed } from '../../settings/sealed';
import { readChannelSettingsDoc } from '../../settings/settings-docs';

export type TlsMode = 'implicit' | 'starttls' | 'none';

export type ServerSettings = { host: string; port: number; tls: TlsMode; user: string };

/** The stored doc (`_id` = `channel:<teamId>:email`). */
export type EmailChannelDoc = {
  _id: string;
  _rev?: string;
  type: 'channel';
  teamId: string;
  kind: 'email';
  enabled: boolean;
  address: string;
  fromName?: string;
  imap: ServerSettings & { mailbox: string; password: Sealed };
  smtp: ServerSettings & { password: Sealed };
  /** `idle`: IMAP IDLE (polling when the server lacks it); `poll`: every `pollSeconds`. */
  mode: 'idle' | 'poll';
  pollSeconds: number;
  /** Take in what the mailbox held before the channel was connected (default: only new mail). */
  readExisting: boolean;
  updatedAt: string;
  updatedBy: string;
};

/** What the mailbox reader and the sender run with (passwords in clear, never logged). */
export type EmailSettings = {
  teamId: string;
  enabled: boolean;
  address: string;
  fromName?: string;
  imap: ServerSettings & { mailbox: string; password: string };
  smtp: ServerSettings & { password: string };
  mode: 'idle' | 'poll';
  pollSeconds: number;
  readExisting: boolean;
  updatedAt: string;
};

export const emailChannelDocId = (teamId: string) => `channel:${teamId}:email`;

const hostname =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/;
const loopback = (host: string) =>
  host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine((h) => hostname.test(h) || ipv4.test(h) || (h.includes(':') && ipv6.test(h)), {
    message: 'not a host name or an IP address',
  });

const serverFields = {
  host: hostSchema,
  port: z.number().int().min(1).max(65_535).optional(),
  tls: z.enum(['implicit', 'starttls', 'none']).default('implicit'),
  user: z.string().trim().min(1).max(320).optional(),
  password: z.string().min(1).max(1024).optional(),
};

const plainTextOnlyLocally = {
  check: (s: { host: string; tls: TlsMode }) => s.tls !== 'none' || loopback(s.host),
  params: {
    message:
      "tls 'none' sends the password in clear text: only for a mail server on this machine (localhost); use 'implicit' or 'starttls'",
    path: ['tls'],
  },
};

/** The port a TLS mode usually has, when none is given. */
const withPort =
  (defaults: Record<TlsMode, number>) =>
  <T extends { port?: number | undefined; tls: TlsMode }>(s: T) => ({
    ...s,
    port: s.port ?? defaults[s.tls],
  });

const imapInput = z
  .strictObject({ ...serverFields, mailbox: z.string().trim().min(1).max(200).default('INBOX') })
  .refine(plainTextOnlyLocally.check, plainTextOnlyLocally.params)
  .transform(withPort({ implicit: 993, starttls: 143, none: 143 }));

const smtpInput = z
  .strictObject(serverFields)
  .refine(plainTextOnlyLocally.check, plainTextOnlyLocally.params)
  .transform(withPort({ implicit: 465, starttls: 587, none: 25 }));

/** `PUT /api/v1/channels/email`. Passwords may be left out to keep the stored ones. */
export const emailSettingsInput = z.strictObject({
  enabled: z.boolean().default(true),
  /** The address customers write to and answers come from. */
  address: z.email().max(254),
  fromName: z.string().trim().max(200).optional(),
  imap: imapInput,
  smtp: smtpInput,
  mode: z.enum(['idle', 'poll']).default('idle'),
  pollSeconds: z.number().int().min(5).max(3600).default(60),
  readExisting: z.boolean().default(false),
});
export type EmailSettingsInput = z.infer<typeof emailSettingsInput>;

/** The settings as the API shows them: no passwords, only whether they are set. */
export function publicView(doc: EmailChannelDoc) {
  const server = (s: ServerSettings) => ({ host: s.host, port: s.port, tls: s.tls, user: s.user });
  return {
    enabled: doc.enabled,
    address: doc.address,
    ...(doc.fromName ? { fromName: doc.fromName } : {}),
    imap: { ...server(doc.imap), mailbox: doc.imap.mailbox, passwordSet: true },
    smtp: { ...server(doc.smtp), passwordSet: true },
    mode: doc.mode,
    pollSeconds: doc.pollSeconds,
    readExisting: doc.readExisting,
    updatedAt: doc.updatedAt,
  };
}

/**
 * The doc to store for this input: passwords sealed, left-out passwords kept from `previous`, the
 * IMAP user defaulting to the address and the SMTP user and password to IMAP's.
 */
export function buildChannelDoc(
  key: Buffer,
  teamId: string,
  input: EmailSettingsInput,
  previous: EmailChannelDoc | null,
  by: { userId: string; at: string },
): EmailChannelDoc {
  const imapUser = input.imap.user ?? input.address;
  const imapPassword = input.imap.password;
  const smtpPassword = input.smtp.password ?? imapPassword;
  const sealed = (plain: string | undefined, what: 'imap' | 'smtp') => {
    if (plain !== undefined) return seal(key, plain, aadFor(teamId, `email.${what}.password`));
    const kept = previous?.[what].password;
    if (!kept)
      throw new DomainError(
        'validation-failed',
        `${what}.password is needed the first time the channel is set`,
      );
    return kept;
  };
  return {
    _id: emailChannelDocId(teamId),
    ...(previous?._rev ? { _rev: previous._rev } : {}),
    type: 'channel',
    teamId,
    kind: 'email',
    enabled: input.enabled,
    address: input.address.toLowerCase(),
    ...(input.fromName ? { fromName: input.fromName } : {}),
    imap: {
      host: input.imap.host,
      port: input.imap.port,
      tls: input.imap.tls,
      user: imapUser,
      mailbox: input.imap.mailbox,
      password: sealed(imapPassword, 'imap'),
    },
    smtp: {
      host: input.smtp.host,
      port: input.smtp.port,
      tls: input.smtp.tls,
      user: input.smtp.user ?? imapUser,
      password:
        smtpPassword !== undefined
          ? seal(key, smtpPassword, aadFor(teamId, 'email.smtp.password'))
          : sealed(undefined, 'smtp'),
    },
    mode: input.mode,
    pollSeconds: input.pollSeconds,
    readExisting: input.readExisting,
    updatedAt: by.at,
    updatedBy: by.userId,
  };
}

export async function readEmailChannelDoc(store: Store, teamId: string): Promise<EmailChannelDoc | null> {
  const doc = await readChannelSettingsDoc<EmailChannelDoc>(store, emailChannelDocId(teamId), teamId);
  return doc?.kind === 'email' ? doc : null;
}

/** Decrypts a stored doc for the runtime. Throws when the key or the doc is wrong. */
export function unsealSettings(key: Buffer, doc: EmailChannelDoc): EmailSettings {
  const { teamId } = doc;
  const server = (s: ServerSettings) => ({ host: s.host, port: s.port, tls: s.tls, user: s.user });
  return {
    teamId,
    enabled: doc.enabled,
    address: doc.address,
    ...(doc.fromName ? { fromName: doc.fromName } : {}),
    imap: {
      ...server(doc.imap),
      mailbox: doc.imap.mailbox,
      password: unseal(key, doc.imap.password, aadFor(teamId, 'email.imap.password')),
    },
    smtp: {
      ...server(doc.smtp),
      password: unseal(key, doc.smtp.password, aadFor(teamId, 'email.smtp.password')),
    },
    mode: doc.mode,
    pollSeconds: doc.pollSeconds,
    readExisting: doc.readExisting,
    updatedAt: doc.updatedAt,
  };
}

/** The team's e-mail settings in clear, or null when the channel is not set. */
export async function emailSettingsOf(
  store: Store,
  key: Buffer,
  teamId: string,
): Promise<EmailSettings | null> {
  const doc = await readEmailChannelDoc(store, teamId);
  return doc ? unsealSettings(key, doc) : null;
}

/** Every team with an e-mail channel (and when its settings last changed), for the runtime. */
export async function listEmailTeams(store: Store): Promise<Array<{ teamId: string; updatedAt: string }>> {
  return systemDocs<{ _id: string; teamId: string; updatedAt: string }>(store, 'app_channels').find(
    { type: 'channel', kind: 'email' },
    ['teamId', 'updatedAt'],
  );
}
