// The VK API as the channel calls it: `POST <root>/method/<name>` with form parameters, the community
// token and the API version (`v`); answers `{ response }` or `{ error: { error_code, error_msg,
// request_params } }`. VK's errors become VkApiError with VK's code; everything else (no answer, a
// non-JSON page, HTTP 5xx, a timeout) is a VkNetworkError, which is worth another try. Calls with one
// token keep VK's limit for community tokens (20 a second) by spacing them, across every client of the
// process (the callback route's and the sender's); the token never appears in an error or a log line.
import { createHash } from 'node:crypto';

export class VkApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly vkMessage: string,
  ) {
    super(`VK ${method}: error ${code}: ${vkMessage}`);
    this.name = 'VkApiError';
  }
}

export class VkNetworkError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`VK ${method}: ${message}`);
    this.name = 'VkNetworkError';
  }
}

/** VK's error codes the channel tells apart (https://dev.vk.com/reference/errors). */
export const VK_ERRORS = {
  authFailed: 5,
  tooManyPerSecond: 6,
  permissionDenied: 7,
  floodControl: 9,
  internal: 10,
  cannotSendToUser: 901,
  cannotSendPrivacy: 902,
  messageTooLong: 914,
} as const;

export type VkApiOptions = {
  /** `https://api.vk.com` (VK_API_ROOT); tests point it at a fake server on loopback. */
  apiRoot: string;
  token: string;
  version: string;
  /** One call's bound (default 15 s). */
  timeoutMs?: number;
  /** Least time between two calls of this client (default 50 ms: 20 a second). */
  spacingMs?: number;
};

export type VkApi = {
  call<T = unknown>(method: string, params?: Record<string, string | number | undefined>): Promise<T>;
};

const clip = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** When each token (by its hash) may make its next call, shared by the clients of this process. */
const nextCall = new Map<string, number>();

export function createVkApi(opts: VkApiOptions): VkApi {
  const root = opts.apiRoot.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const spacingMs = opts.spacingMs ?? 50;
  const key = createHash('sha256').update(`${root}\n${opts.token}`).digest('base64');
  const hide = (s: string) => s.split(opts.token).join('***');

  /** Waits for this call's turn (a token's calls leave at least `spacingMs` apart). */
  async function turn() {
    const now = Date.now();
    const at = Math.max(now, nextCall.get(key) ?? 0);
    nextCall.delete(key);
    if (nextCall.size >= 10_000) nextCall.delete(nextCall.keys().next().value!);
    nextCall.set(key, at + spacingMs);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  return {
    async call<T>(method: string, params: Record<string, string | number | undefined> = {}) {
      await turn();
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, String(v));
      form.set('access_token', opts.token);
      form.set('v', opts.version);
      let res: Response;
      try {
        res = await fetch(`${root}/method/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        throw new VkNetworkError(method, hide(clip(e.cause?.code ?? e.message ?? String(err))));
      }
      const text = await res.text().catch(() => '');
      let body: { response?: T; error?: { error_code?: unknown; error_msg?: unknown } } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      if (body?.error && typeof body.error === 'object') {
        const code = Number(body.error.error_code);
        throw new VkApiError(
          method,
          Number.isInteger(code) ? code : 0,
          hide(clip(String(body.error.error_msg ?? ''))),
        );
      }
      if (!res.ok || !body || !('response' in body))
        throw new VkNetworkError(method, `HTTP ${res.status}: ${hide(clip(text || res.statusText, 200))}`);
      return body.response as T;
    },
  };
}

/** The community a token belongs to (groups.getById), as VK answers it in every API version. */
export async function communityOf(
  api: VkApi,
  groupId: number,
): Promise<{ id: number; name: string; screenName?: string }> {
  type Group = { id: number; name: string; screen_name?: string };
  const res = await api.call<Group[] | { groups: Group[] }>('groups.getById', { group_id: groupId });
  const group = Array.isArray(res) ? res[0] : res.groups?.[0];
  if (!group) throw new VkApiError('groups.getById', 100, 'no such community');
  return { id: group.id, name: group.name, ...(group.screen_name ? { screenName: group.screen_name } : {}) };
}
