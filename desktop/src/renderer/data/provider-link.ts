// Linking a sign-in provider to the signed-in member from the desktop app (RFC 8252): a one-time
// ticket asked for on the member's session, the provider in the system browser with the app's own
// loopback redirect and PKCE (main's loopback-sign-in.ts), and the pending link that comes back
// confirmed on the session with the verifier. The web app links by redirect instead (SsoCard).
import type { DesktopApi, ProviderSignInRequest } from '@app/shared/ipc';
import type { Api } from './auth';

export type ProviderLinkEnd =
  | { kind: 'linked'; provider: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'timeout' };

export async function linkInSystemBrowser(
  api: Pick<Api, 'post'>,
  shell: Pick<DesktopApi, 'linkWithProvider'>,
  request: ProviderSignInRequest,
): Promise<ProviderLinkEnd> {
  const { ticket } = await api.post<{ ticket: string }>(
    `/auth/oidc/${encodeURIComponent(request.provider)}/link`,
    { client_id: 'desktop' },
  );
  const got = await shell.linkWithProvider({ ...request, ticket });
  if (got.kind === 'refused' || got.kind === 'timeout') return got;
  // A link ends in a pending link; a sign-in's code would be the server's mistake.
  if (got.kind !== 'pending') throw new Error('The server answered the link with a sign-in');
  const linked = await api.post<{ provider: string }>('/auth/oidc/link/confirm', {
    token: got.token,
    code_verifier: got.codeVerifier,
  });
  return { kind: 'linked', provider: linked.provider };
}
