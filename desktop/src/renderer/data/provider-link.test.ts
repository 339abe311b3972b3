// The desktop app's link as the renderer drives it (the server's side is sync-server's
// oidc-signin.test.ts, the whole of it desktop/e2e/desktop-sso.e2e.test.ts): the ticket asked for on
// the session goes to the shell, the pending link that comes back is confirmed with the verifier, and
// a refusal or a timeout confirms nothing.
import { describe, expect, it } from 'vitest';
import type { ProviderLinkRequest, ProviderSignIn } from '@app/shared/ipc';
import { linkInSystemBrowser } from './provider-link';

const request = { serverUrl: 'https://crm.example.com', provider: 'corp', language: 'ru' } as const;

function fakes(answer: ProviderSignIn) {
  const posted: { path: string; body: unknown }[] = [];
  const asked: ProviderLinkRequest[] = [];
  const api = {
    post: async <T>(path: string, body?: unknown): Promise<T> => {
      posted.push({ path, body });
      const reply = path.endsWith('/link') ? { ticket: 'ticket-0123456789abcdef' } : { provider: 'corp' };
      return reply as T;
    },
  };
  const shell = {
    linkWithProvider: async (r: ProviderLinkRequest) => {
      asked.push(r);
      return answer;
    },
  };
  return { api, shell, posted, asked };
}

describe('linking a provider from the desktop app', () => {
  it('takes a ticket on the session to the system browser, and confirms the pending link with the verifier', async () => {
    const f = fakes({ kind: 'pending', token: 'link-token', codeVerifier: 'v'.repeat(43) });
    expect(await linkInSystemBrowser(f.api, f.shell, request)).toEqual({ kind: 'linked', provider: 'corp' });
    expect(f.asked).toEqual([{ ...request, ticket: 'ticket-0123456789abcdef' }]);
    expect(f.posted).toEqual([
      { path: '/auth/oidc/corp/link', body: { client_id: 'desktop' } },
      { path: '/auth/oidc/link/confirm', body: { token: 'link-token', code_verifier: 'v'.repeat(43) } },
    ]);
  });

  it('passes a refusal or a timeout on and confirms nothing', async () => {
    for (const answer of [
      { kind: 'refused', code: 'identity-taken', message: 'linked to another member' },
      { kind: 'timeout' },
    ] as const) {
      const f = fakes(answer);
      expect(await linkInSystemBrowser(f.api, f.shell, request)).toEqual(answer);
      expect(f.posted.map((p) => p.path)).toEqual(['/auth/oidc/corp/link']);
    }
  });

  it('refuses a sign-in code where a link was asked for', async () => {
    const f = fakes({ kind: 'code', code: 'handoff', codeVerifier: 'v'.repeat(43) });
    await expect(linkInSystemBrowser(f.api, f.shell, request)).rejects.toThrow(/sign-in/);
    expect(f.posted).toHaveLength(1);
  });
});
