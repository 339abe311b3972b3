// A trace per customer message through this process (issue 65): received (the channel handed the
// update over) → stored (the inbound doc written) → picked (the agents' feed handed it to a run) →
// written (the run stored its reply) → claimed (the outbox claimed the reply) → sent (the channel
// took it). Each stage reached is a span in the log (`message stage`, debug: its time since the
// stage before) and an observation of `message_stage_seconds{stage}` in /metrics; the sent stage
// logs the whole trace once (`message trace`, info), so where a reply's time went is read, not
// guessed. A message whose stages run in several processes (the bot in one, the agents in another)
// is traced in each from the first stage it saw there. Process-wide: every server's /metrics in this
// process shows the same histogram (createMetrics registers it).
import { Histogram } from 'prom-client';
import type { Logger } from 'pino';

export const STAGES = ['received', 'stored', 'picked', 'written', 'claimed', 'sent'] as const;
export type Stage = (typeof STAGES)[number];

/** Seconds from the stage before to this one (`received`: none; `total`: received or first seen → sent). */
export const stageSeconds = new Histogram({
  name: 'message_stage_seconds',
  help: 'Time of each stage of a customer message and its reply, from the stage before (total: first stage seen to sent)',
  labelNames: ['stage'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30],
  registers: [],
});

type Trace = { stages: Partial<Record<Stage, number>>; last: number };

const MAX_TRACES = 10_000;
/** Inbound message id → its trace here (oldest first: the first evicted). */
const traces = new Map<string, Trace>();
let logger: Logger | undefined;
let clock: () => number = () => performance.now();

/** Where spans are logged (the runtime's logger; none: no log lines, metrics only). */
export function setTraceLog(log: Logger | undefined): void {
  logger = log;
}

/** Tests: a manual clock (ms). */
export function setTraceClock(now: (() => number) | undefined): void {
  clock = now ?? (() => performance.now());
}

/** The inbound message a reply answers (`<inbound id>:reply`, shared/src/agents/doc-ids.ts); else the id. */
export const inboundOf = (id: string): string => (id.endsWith(':reply') ? id.slice(0, -':reply'.length) : id);

/** Notes that `messageId` (the inbound message's id, or its reply's) reached `stage` now. */
export function traceStage(messageId: string, stage: Stage, at = clock()): void {
  const id = inboundOf(messageId);
  let trace = traces.get(id);
  if (!trace) {
    // The first stage seen here opens the trace (in a process that runs only the outbox: `claimed`).
    if (traces.size >= MAX_TRACES) traces.delete(traces.keys().next().value!);
    trace = { stages: {}, last: at };
    traces.set(id, trace);
  }
  if (trace.stages[stage] !== undefined) return;
  const ms = Object.keys(trace.stages).length > 0 ? at - trace.last : undefined;
  trace.stages[stage] = at;
  trace.last = at;
  if (ms !== undefined) {
    stageSeconds.observe({ stage }, ms / 1000);
    logger?.debug({ messageId: id, stage, ms: Math.round(ms) }, 'message stage');
  }
  if (stage === 'sent') {
    traces.delete(id);
    const first = Math.min(...Object.values(trace.stages));
    stageSeconds.observe({ stage: 'total' }, (at - first) / 1000);
    const offsets = Object.fromEntries(
      Object.entries(trace.stages).map(([s, t]) => [s, Math.round(t - first)]),
    );
    logger?.info({ messageId: id, ms: Math.round(at - first), stages: offsets }, 'message trace');
  }
}

/** Forgets the message's trace: it gets no reply (the run answered nothing, or handed it over). */
export function dropTrace(messageId: string): void {
  traces.delete(inboundOf(messageId));
}

/** Forgets every trace (tests). */
export function clearTraces(): void {
  traces.clear();
}
