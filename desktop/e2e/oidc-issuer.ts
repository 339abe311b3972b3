// A real OpenID provider for the Chromium tests: `oidc-provider` (a certified implementation) on
// loopback with its development login and consent pages (any password; the login names the account),
// PKCE required. The port is open first, so the sync server can be started with the issuer before the
// provider knows the server's redirect URI (`configure`). (sync-server's tests have their own kit,
// sync-server/test/oidc-kit.ts; the desktop project does not compile sync-server's test files.)
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

export type Issuer = {
  issuer: string;
  port: number;
  configure(opts: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    accounts: Record<string, { email?: string; email_verified?: boolean }>;
  }): void;
  close(): Promise<void>;
};

export async function listenIssuer(): Promise<Issuer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    port,
    configure({ clientId, clientSecret, redirectUri, accounts }) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        ttl: { IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, sub) {
          const account = accounts[sub];
          return account && { accountId: sub, claims: () => ({ sub, ...account }) };
        },
      });
      handler = provider.callback();
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
