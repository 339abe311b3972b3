// A real OpenID provider for tests: `oidc-provider` (a certified implementation) on loopback, with its
// development login and consent pages, accounts given by the test (sub -> e-mail, verified or not),
// PKCE required. `listenOidcProvider` opens the port first (the sync server needs the issuer before
// the provider knows the server's redirect URI); `configure` then starts the provider.
// `tamperToken` makes the token endpoint answer what the test gives (a token substituted by a man in
// the middle) instead of the provider's own answer.
// `browser()` is a cookie-keeping fetch that follows redirects by hand and fills in the development
// interaction pages, stopping at the first redirect to `stopAt` (the sync server's callback).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type ClientMetadata } from 'oidc-provider';

export type OidcAccount = { email?: string; email_verified?: boolean; name?: string };

export type TestOidcProvider = {
  issuer: string;
  port: number;
  configure(opts: {
    clients: ClientMetadata[];
    accounts: Record<string, OidcAccount>;
    /** Seconds an ID token is valid (default 60). */
    idTokenTtl?: number;
  }): void;
  /** Set: the token endpoint answers this JSON instead (undefined: the provider answers again). */
  tamperToken(body: object | undefined): void;
  close(): Promise<void>;
};

export async function listenOidcProvider(): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  let tampered: object | undefined;
  const server = createServer((req, res) => {
    if (tampered && req.method === 'POST' && req.url?.startsWith('/token')) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(tampered));
      return;
    }
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    port,
    configure({ clients, accounts, idTokenTtl = 60 }) {
      const provider = new Provider(issuer, {
        clients,
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        ttl: { IdToken: idTokenTtl, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, sub) {
          const account = accounts[sub];
          if (!account) return undefined;
          return { accountId: sub, claims: () => ({ sub, ...account }) };
        },
      });
      // Quiet: the development-only warnings and the errors the attacks cause are expected here.
      provider.on('server_error', () => undefined);
      handler = provider.callback();
    },
    tamperToken(body) {
      tampered = body;
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** A fetch with one cookie jar (by host and port; paths and expiry left aside), redirects by hand. */
export function browser() {
  const jar = new Map<string, Map<string, string>>();
  const cookies = (url: URL) => jar.get(url.host) ?? new Map<string, string>();
  const remember = (url: URL, res: Response) => {
    const mine = cookies(url);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) mine.delete(name);
      else mine.set(name, value);
    }
    jar.set(url.host, mine);
  };

  async function request(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const jarred = [...cookies(url)].map(([k, v]) => `${k}=${v}`).join('; ');
    if (jarred) headers.set('cookie', jarred);
    if (!headers.has('accept')) headers.set('accept', 'text/html,application/json');
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    remember(url, res);
    return res;
  }

  /**
   * Follows redirects from `start`, logging in as `login` and consenting on the provider's
   * development pages, until a redirect to a URL starting with `stopAt`: that URL (not requested).
   */
  async function toCallback(start: string, login: string, stopAt: string): Promise<URL> {
    let url = new URL(start);
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      const res = await request(url, init);
      init = {};
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, url);
        if (next.href.startsWith(stopAt)) return next;
        url = next;
        continue;
      }
      const html = await res.text();
      if (res.status !== 200 || !/\/interaction\//.test(url.pathname))
        throw new Error(`unexpected ${res.status} at ${url.href}: ${html.slice(0, 300)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form at ${url.href}`);
      const form = html.includes('name="login"')
        ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
        : new URLSearchParams({ prompt: 'consent' });
      url = new URL(action.replace(/&amp;/g, '&'), url);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      };
    }
    throw new Error('too many steps');
  }

  return {
    request,
    toCallback,
    /** The value of cookie `name` this browser holds for `url`'s host. */
    cookie: (url: string, name: string) => cookies(new URL(url)).get(name),
    setCookie: (url: string, name: string, value: string) => {
      const mine = cookies(new URL(url));
      mine.set(name, value);
      jar.set(new URL(url).host, mine);
    },
  };
}

/** PKCE for a test's own client (S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
