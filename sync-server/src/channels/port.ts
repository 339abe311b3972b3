// The port every channel wing shares (telegram/, webchat/, and the next one beside them), and what a
// wing registers in registry.ts.
// - Inbound: a customer's message becomes message docs through the intake (intake.ts), with ids
//   derived from the channel's own ids, so a message taken in twice writes nothing new.
// - Outbound: an outbound message doc's delivery steps are written back on it (delivery.ts): pending,
//   sending, sent or failed, so reps see where each message stands.
// - A wing: its admin settings routes, and what it opens at server start (public endpoints such as
//   webhooks, more admin routes, a hook for settings changed through the API), and the background
//   work the runtime runs for it (e-mail's mailboxes), if any.
import type { DeliveryPort } from '@app/bot';
import type { MessageDoc } from '@app/shared/schemas';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config';
import type { ServerDeps, Store } from '../context';
import type { RouteModule } from '../http/registry';
import type { Leases } from '../runtime/leases';
import type { ReplyDrafts } from '../runtime/reply-drafts';
import type { ChannelSettingsDeps } from '../settings/settings-docs';

export type ChannelName = MessageDoc['channel'];

/** The customer behind an inbound message (a contact, created on their first message). */
export type InboundCustomer = {
  contactId: string;
  name: string;
  identity: { channel: ChannelName; externalId: string; username?: string };
  language?: 'ru' | 'en';
  /** The sender's own number from Telegram's shared contact: vouched for by the channel (verified). */
  phone?: string;
  /** The address an e-mail came from: vouched for by the mailbox (verified), as the contact's e-mail. */
  email?: string;
};

/** The conversation an inbound message belongs to (created on its first message). */
export type InboundConversation = {
  id: string;
  channel: ChannelName;
  externalChatId: string;
  botId: string;
};

/** Inbound: what a channel hands the intake. */
export type InboundMessage = {
  doc: MessageDoc;
  customer: InboundCustomer;
  conversation: InboundConversation;
};

/** Inbound: takes a message in; `duplicate` when it was taken in before (nothing new written). */
export type TakeInbound = (
  store: Store,
  teamId: string,
  message: InboundMessage,
) => Promise<'created' | 'duplicate'>;

/**
 * Outbound: a channel's sender reports each delivery step of an outbound doc here (the bot library's
 * DeliveryPort is the shape; delivery.ts writes the steps on the doc).
 */
export type DeliveryStatusPort = DeliveryPort;

/** What a wing's admin routes are built from (settings-docs.ts, beside the routes' storage). */
export type { ChannelSettingsDeps } from '../settings/settings-docs';

/** What a wing is opened with at server start. */
export type ChannelContext = ServerDeps & {
  config: ServerConfig;
  /**
   * The demo team, once the seed made it known (undefined before, and on a server without one): a wing
   * may connect the server's own demo account to it (Telegram: TELEGRAM_BOT_TOKEN's bot).
   */
  demoTeam(): string | undefined;
  /** Answers the agents are writing in this process, for a wing that shows them (web chat). */
  drafts?: ReplyDrafts;
  /**
   * A customer downloaded a file the team sent in this message, where the channel can tell (web chat):
   * a commercial proposal's "opened" (proposals/proposal-service.ts).
   */
  fileOpened?: (teamId: string, message: MessageDoc) => Promise<void>;
};

/** A public endpoint of a channel, mounted before helmet and CORS (channels answer CORS themselves). */
export type PublicRoute = { path: string; handler: RequestHandler };

/** What an opened wing adds to the server. */
export type OpenChannel = {
  publicRoutes?: PublicRoute[];
  /** Admin API routes over what `open` built (web chat's widgets), mounted after the API's own. */
  apiRoutes?: RouteModule<ChannelSettingsDeps>[];
  /** A team's settings of this channel changed (through this process's API): read them again. */
  settingsChanged?: (teamId: string) => void;
  /** Whether the team has this channel connected (a bot, a widget, a mailbox, a community). */
  connected?: (teamId: string) => Promise<boolean>;
};

/** What a wing's background work is started with, in processes that run the runtime (RUNTIME). */
export type ChannelRuntimeContext = {
  store: Store;
  /** The server's configuration (API roots); absent when a test starts the runtime on its own. */
  config?: ServerConfig;
  log: Logger;
  encryptionKey: Buffer;
  /** The runtime's leases: a team's work runs in the one process holding its lease. */
  leases: Leases;
};

/** A wing's background work across teams (e-mail: each team's mailbox and sender). */
export type ChannelRuntime = {
  /** Settings may have changed (one team's, or any): read them again now. */
  refresh(teamId?: string): void;
  close(): Promise<void>;
};

export type ChannelWing = {
  name: ChannelName;
  /** Admin routes built from the API's deps alone (Telegram's settings), mounted by the API router. */
  settingsRoutes?: RouteModule<ChannelSettingsDeps>;
  open(ctx: ChannelContext): OpenChannel;
  /** Background work the runtime starts and stops (the wing's own teams, leases and checkpoints). */
  runtime?: (ctx: ChannelRuntimeContext) => ChannelRuntime;
};
