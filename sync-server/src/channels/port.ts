// The port every channel wing shares (a folder beside this file each), and what a wing registers in
// registry.ts. Nothing here names a channel (core-names.test.ts): the core reaches the wings only
// through this contract.
// - Inbound: a customer's message becomes message docs through the intake (intake.ts), with ids
//   derived from the channel's own ids, so a message taken in twice writes nothing new.
// - Outbound: an outbound message doc's delivery steps are written back on it (delivery.ts): pending,
//   sending, sent or failed, so reps see where each message stands.
// - A wing: its admin settings routes, and what it opens at server start (public endpoints such as
//   webhooks, more admin routes, a hook for settings changed through the API), and the background
//   work the runtime runs for it: across teams (a wing's own list of teams), or beside each team's
//   agents (started, synced and stopped with the team), if any.
import type { MessageDoc, SocialSource } from '@app/shared/schemas';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config';
import type { ServerDeps, Store } from '../context';
import type { RouteModule } from '../http/registry';
import type { PortMirrors } from '../agents/couch-store-port';
import type { Leases } from '../store/leases';
import type { Outboxes } from './outbox/host';
import type { ReplyDrafts } from '../agents/reply-drafts';
import type { ChannelSettingsDeps } from '../settings/settings-docs';

export type ChannelName = MessageDoc['channel'];

/** The customer behind an inbound message (a contact, created on their first message). */
export type InboundCustomer = {
  contactId: string;
  name: string;
  identity: { channel: ChannelName; externalId: string; username?: string };
  language?: 'ru' | 'en';
  /** The sender's own number, where the channel vouches for it (a shared contact): verified. */
  phone?: string;
  /** The sender's address, where the channel vouches for it (the mail came from it): verified. */
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
 * A public post, or a comment under one, that a channel saw where the team's account can read it (a
 * channel the team's bot administers, its discussion group): social monitoring's input, never a
 * customer's message. Seen again (an edit, a redelivery), it is the same post by `externalId`.
 */
export type SocialPostSeen = {
  source: SocialSource;
  /** The network's id of the post or the comment. */
  externalId: string;
  /** A comment's post: the comment is about what its post is about. */
  parent?: { source: SocialSource; externalId: string };
  url: string;
  text: string;
  /** When it was written (or last edited), ISO. */
  at: string;
  author?: string;
};
/** Hands a seen post to social monitoring (social/), which keeps it when it is about an event deal. */
export type NoteSocialPost = (teamId: string, post: SocialPostSeen) => Promise<void>;

/** What a wing's admin routes are built from (settings-docs.ts, beside the routes' storage). */
export type { ChannelSettingsDeps } from '../settings/settings-docs';

/** What a wing is opened with at server start. */
export type ChannelContext = ServerDeps & {
  config: ServerConfig;
  /**
   * The demo team, once the seed made it known (undefined before, and on a server without one): a wing
   * may connect the server's own demo account to it (an account named in the server's configuration).
   */
  demoTeam(): string | undefined;
  /** Answers the agents are writing in this process, for a wing that shows them as they grow. */
  drafts?: ReplyDrafts;
  /**
   * A customer downloaded a file the team sent in this message, where the channel can tell:
   * a commercial proposal's "opened" (proposals/proposal-service.ts).
   */
  fileOpened?: (teamId: string, message: MessageDoc) => Promise<void>;
  /** Social monitoring's intake, where the server has it (channel posts a wing receives). */
  socialPost?: NoteSocialPost;
};

/** A public endpoint of a channel, mounted before helmet and CORS (channels answer CORS themselves). */
export type PublicRoute = { path: string; handler: RequestHandler };

/** What an opened wing adds to the server. */
export type OpenChannel = {
  publicRoutes?: PublicRoute[];
  /** Admin API routes over what `open` built, mounted after the API's own. */
  apiRoutes?: RouteModule<ChannelSettingsDeps>[];
  /** A team's settings of this channel changed (through this process's API): read them again. */
  settingsChanged?: (teamId: string) => void;
  /** Whether the team has this channel connected (an account of the team's at the channel). */
  connected?: (teamId: string) => Promise<boolean>;
};

/** What a wing's background work is started with, in processes that run the runtime (RUNTIME). */
export type ChannelRuntimeContext = {
  store: Store;
  /** The server's configuration (API roots, a demo account); absent when a test starts the runtime bare. */
  config?: ServerConfig;
  /** The demo team once known, as in ChannelContext. */
  demoTeam?: () => string | undefined;
  log: Logger;
  encryptionKey: Buffer;
  /** The runtime's leases: a team's work runs in the one process holding its lease. */
  leases: Leases;
  /**
   * The core's outboxes (outbox/host.ts): a wing's work that takes a team's sending over declares its
   * transport and claim settings here, and the core runs the outbox (one per wing and team).
   */
  outboxes: Outboxes;
  /** Social monitoring's intake, as in ChannelContext. */
  socialPost?: NoteSocialPost;
};

/** A wing's background work across teams (a wing that lists its teams itself). */
export type ChannelRuntime = {
  /** Settings may have changed (one team's, or any): read them again now. */
  refresh(teamId?: string): void;
  close(): Promise<void>;
};

/** What a wing's work beside one team's agents is started with. */
export type ChannelTeamContext = ChannelRuntimeContext & {
  teamId: string;
  /** A restored team's generation and where its feeds start (store/team-generation.ts). */
  generation?: { id: string; since: string };
  /** The team's collections the runtime keeps in memory (planning a delivered answer's follow-up). */
  mirrors: PortMirrors;
};

/** A wing's work beside one team's agents, started and stopped with the team. */
export type ChannelTeamRuntime = {
  /**
   * Reads the team's settings of this channel again (every runtime check, and after a change through
   * this process): starts, restarts or stops what runs for the team. Failures are the wing's to log.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
};

export type ChannelWing = {
  name: ChannelName;
  /** Admin routes built from the API's deps alone, mounted by the API router. */
  settingsRoutes?: RouteModule<ChannelSettingsDeps>;
  open(ctx: ChannelContext): OpenChannel;
  /** Background work the runtime starts and stops (the wing's own teams, leases and checkpoints). */
  runtime?: (ctx: ChannelRuntimeContext) => ChannelRuntime;
  /** Work the runtime runs beside each team's agents, with the team's own state. */
  teamRuntime?: (ctx: ChannelTeamContext) => ChannelTeamRuntime;
};
