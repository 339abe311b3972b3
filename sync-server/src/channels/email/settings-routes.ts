// The e-mail channel's settings in the admin API (admins: the access table's `channels` row):
// - `GET /channels/email`: the settings without passwords (`configured: false` when none);
// - `PUT /channels/email`: validated (hosts, ports, TLS modes, users, the address; 400 naming the bad
//   field), passwords sealed, a left-out password keeps the stored one;
// - `DELETE /channels/email`: the channel and its secrets go (the mailbox checkpoint stays, so
//   connecting the same mailbox again goes on where it was);
// - `POST /channels/email/check`: signs in to IMAP and SMTP with the given settings (stored
//   passwords fill those left out), or with the stored ones when the body is empty; answers 200
//   with each server's result, so a wrong password is an answer, not an error.
// Hosts go through the outbound policy (mail-target.ts): a private or loopback one the operator did
// not open (OUTBOUND_ALLOW_PRIVATE) is a 400 when saved and refused before any connection when checked.
import type { Router } from 'express';
import type { SsrfPolicy } from '@app/shared/agents';
import { z } from 'zod';
import { secretPaths, settingsFields } from '@app/shared/settings';
import type { RouteModule, RouteRegistry } from '../../http/registry';
import type { ChannelSettingsDeps } from '../port';
import { addSettingsRoutes } from '../../settings/routes';
import type { SettingsSpec } from '../../settings/spec';
import { checkConnections } from './connection-check';
import { checkMailHost } from './mail-target';
import {
  buildChannelDoc,
  emailSettingsInput,
  publicView,
  readEmailChannelDoc,
  unsealSettings,
  type EmailChannelDoc,
} from './settings';

export type EmailSettingsDeps = ChannelSettingsDeps & {
  /** The outbound policy the IMAP and SMTP hosts are checked against (mail-target.ts). */
  policy: SsrfPolicy;
  /** Bound of each server's sign-in in the connection check (default 15 s). */
  emailCheckTimeoutMs?: number;
};

const serverView = z.object({
  host: z.string(),
  port: z.number(),
  tls: z.enum(['implicit', 'starttls', 'none']),
  user: z.string(),
  passwordSet: z.boolean(),
});
const emailView = z.object({
  configured: z.boolean(),
  enabled: z.boolean().optional(),
  address: z.string().optional(),
  fromName: z.string().optional(),
  imap: serverView.extend({ mailbox: z.string() }).optional(),
  smtp: serverView.optional(),
  mode: z.enum(['idle', 'poll']).optional(),
  pollSeconds: z.number().optional(),
  readExisting: z.boolean().optional(),
  updatedAt: z.string().optional(),
});
const checkResult = z.union([
  z.object({ ok: z.literal(true), detail: z.string().optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
const checkView = z.object({ ok: z.boolean(), imap: checkResult, smtp: checkResult });

const view = (doc: EmailChannelDoc | null) =>
  doc ? { configured: true, ...publicView(doc) } : { configured: false };

/** The routes as a module of the admin API, checking hosts against `policy` (OUTBOUND_ALLOW_PRIVATE). */
export const emailSettingsRoutes =
  (policy: SsrfPolicy, extra: { emailCheckTimeoutMs?: number } = {}): RouteModule<ChannelSettingsDeps> =>
  (router, registry, deps) =>
    addEmailSettingsRoutes(router, registry, { ...deps, ...extra, policy });

/** The e-mail channel as a spec (settings/spec.ts): passwords sealed, hosts checked by the policy. */
export function emailSettingsSpec(
  deps: EmailSettingsDeps,
): SettingsSpec<EmailChannelDoc, typeof emailSettingsInput> {
  return {
    path: '/channels/email',
    tag: 'channels',
    resource: 'channels',
    summaries: {
      get: 'E-mail channel settings (no passwords)',
      put: 'Set the IMAP mailbox and SMTP account of the e-mail channel (passwords stored encrypted)',
      delete: 'Remove the e-mail channel and its passwords',
    },
    input: emailSettingsInput,
    secrets: secretPaths(settingsFields.email),
    view: emailView,
    viewOf: view,
    read: (ctx) => readEmailChannelDoc(deps.store, ctx.teamId),
    async validate(input) {
      await checkMailHost('imap', input.imap, deps.policy);
      await checkMailHost('smtp', input.smtp, deps.policy);
    },
    build: (input, current, { teamId, userId, at }) =>
      buildChannelDoc(deps.encryptionKey, teamId, input, current, { userId, at }),
    planGate: true,
    check: {
      path: 'check',
      summary: 'Sign in to the IMAP and SMTP servers with these settings (or the stored ones); sends nothing',
      response: checkView,
      nothingStored: 'no e-mail settings stored: send the settings to check',
      run: (doc) =>
        checkConnections(unsealSettings(deps.encryptionKey, doc), deps.policy, deps.emailCheckTimeoutMs),
    },
  };
}

export const addEmailSettingsRoutes = (router: Router, registry: RouteRegistry, deps: EmailSettingsDeps) =>
  addSettingsRoutes(router, registry, emailSettingsSpec(deps), { deps, changed: deps.channelsChanged });
