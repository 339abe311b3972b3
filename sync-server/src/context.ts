// The contract between the server's core (store, auth, app) and its feature routers. Routers receive
// what they need as arguments (`createXRouter(deps)`); nothing imports a global client.
import type { DocumentScope, ServerScope } from './store/couch';
import type { Logger } from 'pino';
import type { Role } from '@app/shared/access';
import type { PlanId, PlanLimits } from '@app/shared/billing';
import type { CollectionName } from '@app/shared/schemas';
import type { IngestNotes } from './store/ingest-notes';
import type { IntakeLoad } from './store/intake-load';

/** viewer < rep < admin; what each may do is the shared access table (`@app/shared/access`). */
export type { Role };

/** Who is calling, from a verified access token. Set on `res.locals.auth` by `requireAuth`. */
export type AuthContext = { userId: string; teamId: string; role: Role; email: string };

/** Team databases: the shared collections plus `files` (knowledge originals and message attachments). */
export type TeamCollection = CollectionName | 'files';

export type SystemDb = 'app_users' | 'app_teams' | 'app_refresh_tokens' | 'app_channels' | 'app_runtime';

export type Store = {
  /** nano over CouchDB (embedded or Apache CouchDB 3): only documented CouchDB APIs. */
  readonly server: ServerScope;
  /** CouchDB database name of a team's collection: `t_<team>_<collection>`. */
  dbName(teamId: string, collection: TeamCollection): string;
  teamDb<T extends object = Record<string, unknown>>(
    teamId: string,
    collection: TeamCollection,
  ): DocumentScope<T>;
  systemDb<T extends object = Record<string, unknown>>(name: SystemDb): DocumentScope<T>;
  /** CouchDB database name of a system database (with the deployment's prefix, if any). */
  systemDbName(name: SystemDb): string;
  /** Creates the team's databases, indexes and security docs; idempotent. */
  ensureTeam(teamId: string): Promise<void>;
  /** Deletes all of a team's databases, but those of `keep` (a restore keeps the audit log). */
  dropTeam(teamId: string, keep?: readonly TeamCollection[]): Promise<void>;
  /**
   * Forgets what this process knows of the team's databases (set up, their incarnation): another
   * process dropped and recreated them (a restore).
   */
  forgetTeam(teamId: string): void;
  /**
   * Changes when this process drops the database (a restore drops and recreates a team's), and is odd
   * while it does. A recreated database may count its update sequence again from where the old one
   * was: a cache keyed on the sequence keys on this too, read before and after the sequence.
   */
  incarnation(dbName: string): number;
  /** What this process's ingest created for each customer message, for the agent run that follows. */
  readonly ingestNotes: IngestNotes;
  /** Whether this process is taking in a backlog of customer messages: the agents yield to it. */
  readonly intakeLoad: IntakeLoad;
  /** Base URL of CouchDB with admin credentials, for the gateway's proxy. Never sent to clients. */
  readonly couchUrl: string;
  close(): Promise<void>;
};

/** A team member as the API shows it. */
export type MemberView = {
  id: string;
  email: string;
  role: Role;
  teamId: string;
  createdAt: string;
  /** Signs the member's messages to customers; none: they go unsigned. */
  displayName?: string;
};

/**
 * Team membership, provided by the core (src/auth/members.ts) for the members routes. The routes check
 * who may (the access table's `members` row); these functions scope everything to `by.teamId`.
 */
export type PendingInvite = { id: string; email: string; role: Role; createdAt: string; expiresAt: string };

export type MembersService = {
  list(teamId: string): Promise<MemberView[]>;
  /**
   * Creates an invite; the invitee sets a password at `POST /api/v1/auth/accept-invite`. The link is
   * mailed to them when the team has an e-mail channel (`emailed`).
   */
  invite(
    by: AuthContext,
    input: { email: string; role: Role },
  ): Promise<{ inviteToken: string; email: string; role: Role; expiresAt: string; emailed: boolean }>;
  /** The team's invites not yet accepted nor expired, newest first (`id`: the invite's, not its token). */
  pendingInvites(teamId: string): Promise<PendingInvite[]>;
  /** Withdraws a pending invite: its token stops working. */
  revokeInvite(by: AuthContext, inviteId: string): Promise<void>;
  setRole(by: AuthContext, userId: string, role: Role): Promise<MemberView>;
  /** Sets (or, with undefined, clears) a member's display name. */
  setDisplayName(by: AuthContext, userId: string, displayName: string | undefined): Promise<MemberView>;
  remove(by: AuthContext, userId: string): Promise<void>;
};

/**
 * The team's plan limits (sync-server/src/billing/policy.ts): each refuses with 402
 * `plan-limit-reached` what would go over the team's plan. Every path that creates what a plan
 * limits calls its one function.
 */
export type PlanPolicy = {
  /**
   * Makes one more member or invite (`create`) within the plan's seats. Checked and made as one: of
   * requests at the edge, in one server process or several, only as many go through as fit.
   */
  withSeat<T>(teamId: string, create: () => Promise<T>): Promise<T>;
  /** The same for one more channel connection (a bot, a mailbox, a VK group, a web chat widget). */
  withChannel<T>(teamId: string, create: () => Promise<T>): Promise<T>;
  /** `addingBytes` more knowledge (a file; 0 for a website, which is measured as it is crawled). */
  assertKnowledge(teamId: string, addingBytes: number): Promise<void>;
  /**
   * `addingBytes` more stored bytes (the team's `files` store: originals, pages, attachments, proposals)
   * within the plan's storage, counted from the attachments' stored lengths. Optional for test fakes
   * only: billing's policy always has it.
   */
  assertStorage?(teamId: string, addingBytes: number): Promise<void>;
  /**
   * The most pages one website source may take on the team's plan (null: no bound of the plan);
   * refuses (402) `asked` pages over it.
   */
  websitePages?(teamId: string, asked?: number): Promise<number | null>;
  /** The team's plan and limits: the reads of history keep to its `historyDays` (shared/src/billing/history.ts). */
  planOf?(teamId: string): Promise<{ plan: PlanId; limits: PlanLimits }>;
  /**
   * The same, as this process last read it (for up to half a minute; at once after a change made
   * here): for paths as frequent as sync's pulls.
   */
  recentPlanOf?(teamId: string): Promise<{ plan: PlanId; limits: PlanLimits }>;
};

/** What every feature router is built from. */
export type ServerDeps = {
  store: Store;
  log: Logger;
  /** Secret-derived key for encrypting channel tokens (32 bytes). */
  encryptionKey: Buffer;
  /** Current time; tests may pass a fixed clock. */
  now: () => Date;
  /** Team membership (set by main.ts; optional so that router tests may leave it out). */
  members?: MembersService;
  /** The plans' limits (none: nothing is limited). */
  plans?: PlanPolicy;
};
