// The activity log of one run: every step, LLM call, tool call and hand-off becomes an ActivityDoc
// (valid against the shared schema) written to the store at once, so reps watch agents act live.
import { derivedId } from './doc-ids';
import type { ActivityDoc, AgentRole } from '../schemas/index';
import type { Clock, StorePort } from './ports';

export type ActivityEntry = {
  role: AgentRole;
  kind: ActivityDoc['kind'];
  name: string;
  status: ActivityDoc['status'];
  input?: unknown;
  output?: unknown;
  error?: string;
  provider?: string;
  model?: string;
  tokens?: ActivityDoc['tokens'];
  startedAt: Date;
  durationMs?: number;
};

export type RunLog = {
  readonly runId: string;
  readonly docs: ActivityDoc[];
  record(entry: ActivityEntry): Promise<ActivityDoc>;
  /** Runs `fn` as a step: logs its input, output or error, and timing. */
  step<T>(role: AgentRole, name: string, input: unknown, fn: () => Promise<T>): Promise<T>;
  timer(): () => number;
};

const secretKey = /authorization|api[-_]?key|token|password|secret|cookie/i;
const MAX = 20_000;

/** JSON text for the log: secrets redacted, long values cut. */
export function encodeForLog(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? value
        : JSON.stringify(value, (k, v: unknown) => (k && secretKey.test(k) ? '[redacted]' : v));
  } catch {
    text = String(value);
  }
  return text.length > MAX ? text.slice(0, MAX - 1) + '…' : text;
}

export type RunLogDeps = {
  store: StorePort;
  clock: Clock;
  runId: string;
  conversationId?: string;
  contactId?: string;
  messageId?: string;
  perfNow?: () => number;
};

export function createRunLog(deps: RunLogDeps): RunLog {
  const perfNow = deps.perfNow ?? (() => performance.now());
  const docs: ActivityDoc[] = [];
  let seq = 0;
  const log: RunLog = {
    runId: deps.runId,
    docs,
    timer() {
      const t0 = perfNow();
      return () => Math.max(0, Math.round((perfNow() - t0) * 1000) / 1000);
    },
    async record(entry) {
      seq += 1;
      const finishedAt = deps.clock.now();
      const doc: ActivityDoc = {
        id: derivedId('act', deps.runId, String(seq).padStart(3, '0')),
        runId: deps.runId,
        ...(deps.conversationId ? { conversationId: deps.conversationId } : {}),
        ...(deps.contactId ? { contactId: deps.contactId } : {}),
        ...(deps.messageId ? { messageId: deps.messageId } : {}),
        role: entry.role,
        kind: entry.kind,
        name: entry.name.slice(0, 100),
        status: entry.status,
        ...(entry.input === undefined ? {} : { input: encodeForLog(entry.input)! }),
        ...(entry.output === undefined ? {} : { output: encodeForLog(entry.output)! }),
        ...(entry.error ? { error: entry.error.slice(0, 2000) } : {}),
        ...(entry.provider ? { provider: entry.provider } : {}),
        ...(entry.model ? { model: entry.model } : {}),
        ...(entry.tokens ? { tokens: entry.tokens } : {}),
        ...(entry.durationMs === undefined ? {} : { durationMs: entry.durationMs }),
        startedAt: entry.startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
      };
      docs.push(doc);
      await deps.store.put('activity', doc);
      return doc;
    },
    async step(role, name, input, fn) {
      const startedAt = deps.clock.now();
      const elapsed = log.timer();
      try {
        const out = await fn();
        await log.record({
          role,
          kind: 'step',
          name,
          status: 'ok',
          input,
          output: out,
          startedAt,
          durationMs: elapsed(),
        });
        return out;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await log.record({
          role,
          kind: 'error',
          name,
          status: 'error',
          input,
          error: message,
          startedAt,
          durationMs: elapsed(),
        });
        throw error;
      }
    },
  };
  return log;
}
