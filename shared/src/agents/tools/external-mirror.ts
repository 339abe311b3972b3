// The external copy of a local task or event: the service's call tried a few times (network errors,
// 429 and 5xx only; a 4xx will not get better), then either a link for the local doc (`external`) or
// the failure kept on it (`externalSync`, retried later by the server) and in the activity log. The
// local doc never depends on the outcome.
import { DomainError } from '../../errors';
import type { ToolContext } from './types';

export type ExternalLink<P extends string> = {
  provider: P;
  externalId: string;
  url?: string;
  syncedAt: string;
};

/** The fields of a linked task or event that go to the service when a rep edits them. */
export const taskSyncFields = ['title', 'dueAt', 'status'] as const;
export const eventSyncFields = ['title', 'startAt', 'endAt', 'status'] as const;
export type SyncedValues = {
  title?: string;
  status?: 'open' | 'done' | 'cancelled' | 'scheduled';
  dueAt?: string;
  startAt?: string;
  endAt?: string;
};

/** The values of `fields` the doc has now: what the service holds right after a copy or a push. */
export function syncedValues(doc: Record<string, unknown>, fields: readonly string[]): SyncedValues {
  return Object.fromEntries(fields.flatMap((f) => (typeof doc[f] === 'string' ? [[f, doc[f]]] : [])));
}
export type ExternalSync<P extends string> = {
  provider: P;
  status: 'pending' | 'failed';
  attempts: number;
  error?: string;
  lastAttemptAt?: string;
};

/** Whether another attempt may help: no answer at all, a 429 or a 5xx. */
export function retriable(error: unknown): boolean {
  if (!(error instanceof DomainError)) return true;
  const status = (error.details as { status?: unknown } | undefined)?.status;
  return typeof status !== 'number' || status === 429 || status >= 500;
}

const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Calls `create` up to `attempts` times (retriable failures only), with a short growing pause. */
export async function withRetries<T>(create: () => Promise<T>, attempts = 3, pauseMs = 150) {
  let tried = 0;
  for (;;) {
    tried++;
    try {
      return { ok: true as const, value: await create(), tried };
    } catch (error) {
      if (tried >= attempts || !retriable(error)) return { ok: false as const, error, tried };
      await pause(pauseMs * tried);
    }
  }
}

export async function mirrorExternally<P extends string>(
  ctx: ToolContext,
  provider: P,
  create: () => Promise<{ provider: P; externalId: string; url?: string }>,
): Promise<{ external: ExternalLink<P> } | { externalSync: ExternalSync<P> }> {
  const at = ctx.now.toISOString();
  const elapsed = ctx.log.timer();
  const outcome = await withRetries(create);
  if (outcome.ok) return { external: { ...outcome.value, syncedAt: at } };
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  await ctx.log.record({
    role: ctx.role,
    kind: 'error',
    name: `external-${provider}`,
    status: 'error',
    input: { provider, attempts: outcome.tried },
    error: message.slice(0, 1000),
    startedAt: ctx.now,
    durationMs: elapsed(),
  });
  return {
    externalSync: {
      provider,
      status: retriable(outcome.error) ? 'pending' : 'failed',
      attempts: outcome.tried,
      error: message.slice(0, 1000),
      lastAttemptAt: at,
    },
  };
}
