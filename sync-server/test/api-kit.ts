// Test support for the API's tests: a real sync server (embedded store, loopback, port 0) and teams
// with an admin, a rep and a viewer (invited and accepted through the real routes).
import { createAccessTokens } from '../src/auth/access-tokens';
import { createRateLimiter } from '../src/auth/rate-limit';
import type { AuthContext } from '../src/context';
import { loadSecrets } from '../src/secrets';
import type { RunningServer } from '../src/server';
import {
  acceptInvite,
  call,
  CORE,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

/** Parsed JSON answers in tests, read loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read answers freely
export type Loose = any;

export type TestTeam = { teamId: string; admin: string; rep: string; viewer: string; session: Session };
export type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => ReturnType<typeof call>;

export type ApiTestServer = {
  server: RunningServer;
  base: string;
  /** The server's channel-encryption key (kept in its DATA_DIR). */
  encryptionKey: Buffer;
  /** An access token that expired an hour ago, properly signed. */
  expiredToken(auth: AuthContext): Promise<string>;
  team(name?: string): Promise<TestTeam>;
  /** Invites a member with the admin's token and accepts the invite: the new member's access token. */
  member(admin: string, role: 'rep' | 'viewer'): Promise<string>;
  as(token: string): Caller;
  close(): Promise<void>;
};

const generous = () => createRateLimiter({ max: 100_000, windowMs: 60_000 });

export async function startApiTestServer(): Promise<ApiTestServer> {
  const dir = tempDir('api-test-');
  // The agent runtime is tested on its own; here it would answer the tests' sample messages.
  const server = await startTestServer(
    dir.path,
    { ...CORE },
    {
      authLimits: {
        login: generous(),
        loginPerIp: generous(),
        register: generous(),
        password: generous(),
        passwordPerIp: generous(),
      },
    },
  );
  const base = server.url;
  const as =
    (token: string): Caller =>
    (method, path, body, headers) =>
      call(base, method, `/api/v1${path}`, {
        token,
        ...(body === undefined ? {} : { body }),
        ...(headers ? { headers } : {}),
      });

  async function member(admin: string, role: 'rep' | 'viewer'): Promise<string> {
    const invite = await as(admin)('POST', '/members/invite', { email: uniqueEmail(role), role });
    if (invite.status !== 201)
      throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
    return (await acceptInvite(base, invite.body)).accessToken;
  }

  return {
    server,
    base,
    encryptionKey: loadSecrets(dir.path, {}).encryptionKey,
    expiredToken: (auth) =>
      createAccessTokens(
        loadSecrets(dir.path, {}).jwtSecret,
        60,
        () => new Date(Date.now() - 3_600_000),
      ).sign(auth),
    as,
    member,
    async team(name = 'Team') {
      const session = await register(base, name);
      const admin = session.accessToken;
      return {
        teamId: session.team.id,
        admin,
        rep: await member(admin, 'rep'),
        viewer: await member(admin, 'viewer'),
        session,
      };
    },
    async close() {
      await server.close();
      dir.remove();
    },
  };
}

const at = '2026-03-02T10:15:00.000Z';

/** A valid conversation in CouchDB's shape. */
export const conversationDoc = (id: string, contactId: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  contactId,
  channel: 'telegram',
  externalChatId: '100200300',
  mode: 'ai',
  status: 'open',
  createdAt: at,
  updatedAt: at,
  ...extra,
});

/** A valid inbound message in CouchDB's shape. */
export const messageDoc = (id: string, conversationId: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  conversationId,
  channel: 'telegram',
  direction: 'inbound',
  author: { kind: 'customer' },
  text: 'Здравствуйте!',
  attachments: [],
  delivery: { status: 'received' },
  idempotencyKey: `k-${id}`,
  createdAt: at,
  ...extra,
});
