// Sign-in through a provider from the desktop app, as RFC 8252 asks of native apps: the provider's
// page opens in the system browser (never in the app's window, where the app could read the
// password), and the answer comes back to a one-shot listener on 127.0.0.1 at a port the system
// picks. The app sends its own PKCE challenge and state (the server's native client `desktop`,
// sync-server/src/auth/oidc-native.ts) and keeps the verifier: the renderer trades the code with it
// for the session. The listener takes one answer with this sign-in's state (another state is refused
// and it waits on), then closes; it gives up after `timeoutMs`. Electron is not imported here: main
// passes `shell.openExternal`.
// A link of a provider to the signed-in member goes the same way with the ticket the renderer got on
// the member's session (`link=<ticket>`): it ends in a pending link, which the renderer confirms on
// that session with the verifier. So does a first sign-in whose e-mail is a member's: the renderer
// asks for the password and confirms it with the verifier.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderLinkRequest, ProviderSignIn, ProviderSignInRequest } from '@app/shared/ipc';

export const SIGN_IN_MINUTES = 10;
const PATH = '/callback';

type Language = ProviderSignInRequest['language'];

/** The pages the system browser shows, in the UI's language. */
const pages = {
  done: {
    en: 'Signed in. You can close this tab and return to Sales Workspace.',
    ru: 'Вход выполнен. Вкладку можно закрыть и вернуться в Sales Workspace.',
  },
  pending: {
    en: 'Almost done: return to Sales Workspace to finish.',
    ru: 'Почти готово: вернитесь в Sales Workspace, чтобы завершить.',
  },
  refused: {
    en: 'The sign-in was refused. Return to Sales Workspace to see why.',
    ru: 'Во входе отказано. Причина — в окне Sales Workspace.',
  },
  linkRefused: {
    en: 'The account was not linked. Return to Sales Workspace to see why.',
    ru: 'Аккаунт не привязан. Причина — в окне Sales Workspace.',
  },
  foreign: {
    en: 'This answer is not for the sign-in this app started.',
    ru: 'Этот ответ не относится ко входу, начатому приложением.',
  },
};

/** What the listener got: a code, a pending link, or the server's refusal (OAuth `error`, our `error_code`). */
export type RedirectAnswer =
  | { kind: 'code'; code: string }
  | { kind: 'pending'; token: string; email?: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'timeout' };

export type LoopbackListener = {
  /** http://127.0.0.1:<port>/callback */
  redirectUri: string;
  answer: Promise<RedirectAnswer>;
  /** Stops listening (the answer becomes a timeout if none came). */
  close(): void;
};

function page(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.end(`<!doctype html><meta charset="utf-8"><title>Sales Workspace</title><p>${escaped}</p>`);
}

/** The answer a request carries for `state`, or undefined for one that is not this sign-in's. */
function answerOf(
  req: IncomingMessage,
  state: string,
): Exclude<RedirectAnswer, { kind: 'timeout' }> | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET' || url.pathname !== PATH || url.searchParams.get('state') !== state)
    return undefined;
  const code = url.searchParams.get('code');
  if (code) return { kind: 'code', code };
  const pending = url.searchParams.get('pending');
  const email = url.searchParams.get('email');
  if (pending) return { kind: 'pending', token: pending, ...(email ? { email } : {}) };
  const error = url.searchParams.get('error');
  if (!error) return undefined;
  return {
    kind: 'refused',
    code: url.searchParams.get('error_code') ?? error,
    message: url.searchParams.get('error_description') ?? error,
  };
}

/** Listens on 127.0.0.1 (a free port) for one redirect with `state`. */
export async function listenForRedirect(opts: {
  state: string;
  timeoutMs: number;
  language: Language;
  /** What the browser's page says of a refusal (default: a sign-in's). */
  linking?: boolean;
}): Promise<LoopbackListener> {
  let settle: (answer: RedirectAnswer) => void = () => undefined;
  const answer = new Promise<RedirectAnswer>((resolve) => (settle = resolve));
  let done = false;
  const server = createServer((req, res) => {
    const got = done ? undefined : answerOf(req, opts.state);
    if (!got) return page(res, done ? 409 : 400, pages.foreign[opts.language]);
    const shown =
      got.kind === 'code' ? 'done' : got.kind === 'refused' && opts.linking ? 'linkRefused' : got.kind;
    page(res, 200, pages[shown][opts.language]);
    finish(got);
  });
  const finish = (got: RedirectAnswer) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    // Closed at once: a second request finds nothing listening.
    server.close();
    server.closeIdleConnections();
    settle(got);
  };
  const timer = setTimeout(() => finish({ kind: 'timeout' }), opts.timeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${PATH}`,
    answer,
    close: () => finish({ kind: 'timeout' }),
  };
}

const random = () => randomBytes(32).toString('base64url');

/** The server's start of a native client's sign-in or link (its query as oidc-native.ts reads it). */
export function startUrl(
  request: ProviderSignInRequest | ProviderLinkRequest,
  redirectUri: string,
  pkce: { challenge: string; state: string },
): string {
  const url = new URL(
    `${request.serverUrl.replace(/\/+$/, '')}/api/v1/auth/oidc/${encodeURIComponent(request.provider)}/start`,
  );
  url.search = new URLSearchParams({
    client_id: 'desktop',
    redirect_uri: redirectUri,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    state: pkce.state,
    ...('ticket' in request ? { link: request.ticket } : {}),
  }).toString();
  return url.href;
}

/**
 * One sign-in, or with a ticket one link: the listener, the provider's start in the system browser,
 * the answer. A code or a pending link comes with the verifier the renderer trades it with (POST
 * /auth/oidc/exchange) or confirms it with (POST /auth/oidc/link/confirm on the session, or POST
 * /auth/login with the password).
 */
export async function signInWithProvider(
  deps: { openExternal(url: string): Promise<void>; timeoutMs?: number },
  request: ProviderSignInRequest | ProviderLinkRequest,
): Promise<ProviderSignIn> {
  const verifier = random();
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = random();
  const listener = await listenForRedirect({
    state,
    timeoutMs: deps.timeoutMs ?? SIGN_IN_MINUTES * 60_000,
    language: request.language,
    linking: 'ticket' in request,
  });
  try {
    await deps.openExternal(startUrl(request, listener.redirectUri, { challenge, state }));
  } catch (err) {
    listener.close();
    throw err;
  }
  const got = await listener.answer;
  if (got.kind === 'code' || got.kind === 'pending') return { ...got, codeVerifier: verifier };
  return got;
}
