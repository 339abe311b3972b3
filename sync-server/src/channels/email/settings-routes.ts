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
import { DomainError } from '@app/shared/errors';
import { authOf, parse, route } from '../../http/route';
import type { RouteModule, RouteRegistry } from '../../http/registry';
import type { ChannelSettingsDeps } from '../port';
import { addRemoveChannelRoute, saveChannelSettings } from '../../settings/settings-docs';
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

export function addEmailSettingsRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: EmailSettingsDeps,
): void {
  const tag = 'channels';

  registry.add(
    router,
    {
      method: 'get',
      path: '/channels/email',
      summary: 'E-mail channel settings (no passwords)',
      tag,
      access: { resource: 'channels', op: 'read' },
      response: emailView,
    },
    route(async (_req, res) => {
      res.json(view(await readEmailChannelDoc(deps.store, authOf(res).teamId)));
    }),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/channels/email',
      summary: 'Set the IMAP mailbox and SMTP account of the e-mail channel (passwords stored encrypted)',
      tag,
      access: { resource: 'channels', op: 'update' },
      body: emailSettingsInput,
      response: emailView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const input = parse(emailSettingsInput, req.body);
      await checkMailHost('imap', input.imap, deps.policy);
      await checkMailHost('smtp', input.smtp, deps.policy);
      const current = await readEmailChannelDoc(deps.store, auth.teamId);
      // A new connection over the plan's channels: 402, nothing saved.
      const next = await saveChannelSettings(deps, auth.teamId, current, () =>
        buildChannelDoc(deps.encryptionKey, auth.teamId, input, current, {
          userId: auth.userId,
          at: deps.now().toISOString(),
        }),
      );
      deps.channelsChanged?.(auth.teamId);
      res.json(view(next));
    }),
  );

  addRemoveChannelRoute(router, registry, deps, {
    path: '/channels/email',
    summary: 'Remove the e-mail channel and its passwords',
    tag,
    read: (teamId) => readEmailChannelDoc(deps.store, teamId),
  });

  const checkBody = z.union([emailSettingsInput, z.strictObject({})]);
  registry.add(
    router,
    {
      method: 'post',
      path: '/channels/email/check',
      summary: 'Sign in to the IMAP and SMTP servers with these settings (or the stored ones); sends nothing',
      tag,
      access: { resource: 'channels', op: 'update' },
      body: checkBody,
      response: checkView,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const body = parse(checkBody, req.body ?? {});
      const current = await readEmailChannelDoc(deps.store, auth.teamId);
      let doc: EmailChannelDoc;
      const given = emailSettingsInput.safeParse(body);
      if (given.success) {
        doc = buildChannelDoc(deps.encryptionKey, auth.teamId, given.data, current, {
          userId: auth.userId,
          at: '',
        });
      } else if (current) {
        doc = current;
      } else {
        throw new DomainError('validation-failed', 'no e-mail settings stored: send the settings to check');
      }
      const settings = unsealSettings(deps.encryptionKey, doc);
      res.json(await checkConnections(settings, deps.policy, deps.emailCheckTimeoutMs));
    }),
  );
}
