// The e-mail wing. Settings and secrets: settings.ts (passwords sealed in app_channels),
// settings-routes.ts (the admin API, with a connection check: connection-check.ts). Inbound: each
// team's IMAP mailbox (mailbox.ts, IDLE or polling, UIDVALIDITY/UID checkpoints) read by the process
// holding the team's lease (email-runtime.ts), each mail taken in by mail-intake.ts (MIME in mime.ts,
// clean text in clean-text.ts, threads in threading.ts) through the shared intake. Delivery: outbound
// e-mail messages sent over SMTP in their thread (email-sender.ts's transport, outbound.ts) by the core's outbox.
// Hosts are the admin's: every connection goes through the outbound policy (mail-target.ts), with
// the private targets the operator opened (OUTBOUND_ALLOW_PRIVATE).
import { outboundPolicy } from '../../ops/outbound';
import type { ChannelWing } from '../port';
import { startEmailRuntime } from './email-runtime';
import { readEmailChannelDoc } from './settings';
import { emailSettingsRoutes } from './settings-routes';

export const emailChannel = {
  name: 'email',
  open: (ctx) => ({
    apiRoutes: [emailSettingsRoutes(outboundPolicy(ctx.config.OUTBOUND_ALLOW_PRIVATE))],
    connected: async (teamId) => (await readEmailChannelDoc(ctx.store, teamId))?.enabled === true,
  }),
  runtime: (ctx) =>
    startEmailRuntime({
      store: ctx.store,
      encryptionKey: ctx.encryptionKey,
      leases: ctx.leases,
      log: ctx.log,
      outboxes: ctx.outboxes,
      policy: outboundPolicy(ctx.config?.OUTBOUND_ALLOW_PRIVATE),
    }),
} satisfies ChannelWing;
