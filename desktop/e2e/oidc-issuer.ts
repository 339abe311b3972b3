// A real OpenID provider for the Chromium tests: `oidc-provider` (a certified implementation) on
// loopback with its development login and consent pages (any password; the login names the account),
// PKCE required. The port is open first, so the sync server can be started with the issuer before the
// provider knows the server's redirect URI (`configure`). (sync-server's tests have their own kit,
// sync-server/test/oidc-kit.ts; the desktop project does not compile sync-server's test files.)
// For the attacks a man in the middle would try: the provider signs with a key made here, so a test
// can sign an ID token with it (`signIdToken`, a real signature from the provider's JWKS) and have the
// token endpoint answer it instead of the provider's own answer (`tamperToken`).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
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
  /** Set: the token endpoint answers this JSON instead (undefined: the provider answers again). */
  tamperToken(body: object | undefined): void;
  /** An ID token of this issuer signed with the provider's own key, with the given claims. */
  signIdToken(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
};

export async function listenIssuer(): Promise<Issuer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  let tampered: object | undefined;
  const server = createServer((req, res) => {
    if (tampered && req.method === 'POST' && req.url?.startsWith('/token')) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(tampered));
      return;
    }
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;
  const kid = `e2e-${randomBytes(4).toString('hex')}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
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
        jwks: { keys: [signingJwk] },
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
    tamperToken(body) {
      tampered = body;
    },
    signIdToken: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .sign(privateKey),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** The client secret the tests' server and providers share. */
export const OIDC_SECRET = 'workspace-client-secret-0123456789';

/** The sync server's settings for two providers, `corp` ("Corp SSO") and `second` ("Second ID"). */
export const twoProviders = (corp: Issuer, second: Issuer): Record<string, string> => ({
  OIDC_PROVIDERS: 'corp,second',
  OIDC_CORP_ISSUER: corp.issuer,
  OIDC_CORP_NAME: 'Corp SSO',
  OIDC_CORP_CLIENT_ID: 'workspace',
  OIDC_CORP_CLIENT_SECRET: OIDC_SECRET,
  OIDC_SECOND_ISSUER: second.issuer,
  OIDC_SECOND_NAME: 'Second ID',
  OIDC_SECOND_CLIENT_ID: 'workspace',
  OIDC_SECOND_CLIENT_SECRET: OIDC_SECRET,
});

/** Registers the server's callback at `appUrl` with each provider, and each one's accounts. */
export function configureTwo(
  appUrl: string,
  providers: { corp: Issuer; second: Issuer },
  accounts: Record<'corp' | 'second', Record<string, { email?: string; email_verified?: boolean }>>,
): void {
  for (const id of ['corp', 'second'] as const)
    providers[id].configure({
      clientId: 'workspace',
      clientSecret: OIDC_SECRET,
      redirectUri: `${appUrl}/api/v1/auth/oidc/${id}/callback`,
      accounts: accounts[id],
    });
}
