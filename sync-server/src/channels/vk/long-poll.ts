// The Bots Long Poll API for a community in `longpoll` mode: groups.getLongPollServer gives a server,
// a key and a position (`ts`); `GET <server>?act=a_check&key=…&ts=…&wait=25` answers the events after
// `ts` and the next position. As VK documents: `failed: 1` (events were lost past the history kept):
// go on from the `ts` given; `failed: 2` (the key expired): a new key, same `ts`; `failed: 3`
// (everything lost): a new key and `ts`. The position moves on only once every event of an answer is
// handled, so a store failure reads the same events again (their ids make that harmless), and it is
// kept (`checkpoint`), so a restarted process goes on where the last one stopped and takes in what
// came meanwhile (VK keeps the recent events; older ones answer `failed: 1`). Network failures and
// VK errors wait and try again, longer each time.
import type { Logger } from 'pino';
import { VkApiError, type VkApi } from './vk-api';

export type VkLongPollEvent = { type: string; object?: unknown; group_id?: number; event_id?: string };

export type VkLongPoll = {
  /** Answers the loop has handled (for tests and metrics). */
  readonly polls: number;
  stop(): Promise<void>;
};

type Server = { key: string; server: string; ts: string };

/** Where the loop stopped, kept across restarts. */
export type LongPollCheckpoint = { load(): Promise<string | undefined>; save(ts: string): Promise<void> };

export function startVkLongPoll(opts: {
  api: VkApi;
  groupId: number;
  handle: (event: VkLongPollEvent) => Promise<void>;
  log: Logger;
  /** Seconds the long-poll server holds a request (VK allows up to 90; default 25). */
  waitSec?: number;
  /** First wait after a failure (default 1 s, doubling up to 60 s). */
  retryBaseMs?: number;
  checkpoint?: LongPollCheckpoint;
}): VkLongPoll {
  const { api, log } = opts;
  const waitSec = opts.waitSec ?? 25;
  const retryBaseMs = opts.retryBaseMs ?? 1_000;
  const abort = new AbortController();
  let polls = 0;
  let failures = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  const backoff = () => sleep(Math.min(60_000, retryBaseMs * 2 ** Math.min(failures++, 10)));

  async function serverOf(): Promise<Server> {
    const s = await api.call<{ key: string; server: string; ts: string | number }>(
      'groups.getLongPollServer',
      {
        group_id: opts.groupId,
      },
    );
    return { key: s.key, server: s.server, ts: String(s.ts) };
  }

  async function check(s: Server): Promise<Record<string, unknown>> {
    const url = new URL(s.server);
    url.searchParams.set('act', 'a_check');
    url.searchParams.set('key', s.key);
    url.searchParams.set('ts', s.ts);
    url.searchParams.set('wait', String(waitSec));
    const res = await fetch(url, {
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout((waitSec + 15) * 1000)]),
    });
    if (!res.ok) throw new Error(`long-poll server answered HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async function loop() {
    let s: Server | undefined;
    // The position a previous process reached, used for the first server only.
    let resume = await opts.checkpoint?.load().catch((err: unknown) => {
      log.warn({ err }, 'VK long poll: the saved position cannot be read; starting from now');
      return undefined;
    });
    while (!abort.signal.aborted) {
      try {
        if (!s) {
          s = await serverOf();
          if (resume) s.ts = resume;
          resume = undefined;
        }
        const answer = await check(s);
        polls++;
        if (answer.failed !== undefined) {
          const failed = Number(answer.failed);
          if (failed === 1 && answer.ts !== undefined) {
            s.ts = String(answer.ts);
            await opts.checkpoint?.save(s.ts);
          } else if (failed === 2) s = { ...(await serverOf()), ts: s.ts };
          else s = undefined;
          log.info({ failed }, 'VK long poll: starting again as VK asked');
          continue;
        }
        const updates = Array.isArray(answer.updates) ? (answer.updates as VkLongPollEvent[]) : [];
        for (const update of updates) {
          if (abort.signal.aborted) return;
          if (update && typeof update === 'object' && typeof update.type === 'string')
            await opts.handle(update);
        }
        if (answer.ts !== undefined && String(answer.ts) !== s.ts) {
          s.ts = String(answer.ts);
          if (updates.length > 0) await opts.checkpoint?.save(s.ts);
        }
        failures = 0;
      } catch (err) {
        if (abort.signal.aborted) return;
        // A wrong token or a community without long poll needs an admin: said once, retried slowly.
        const level = err instanceof VkApiError ? 'error' : 'warn';
        log[level]({ err, failures }, 'VK long poll failed; trying again');
        if (err instanceof VkApiError) s = undefined;
        await backoff();
      }
    }
  }

  const running = loop();
  return {
    get polls() {
      return polls;
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}
