// Prometheus metrics (prom-client), one registry per app so tests can run several servers in one
// process: request latency, sync requests by collection and endpoint, the gateway's store long-polls,
// CouchDB errors, and the reply path's stages and stalls.
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { stageSeconds } from './message-trace';
import { botUnownedSeconds, outboxStalledSeconds } from './pipeline-health';

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  syncRequests: Counter<'collection' | 'endpoint'>;
  couchErrors: Counter<'operation' | 'status'>;
  /** Long-polls the gateway sent to the store: fewer than its long-poll requests, which share them. */
  longpollStoreRequests: Counter;
  /** Model calls' tokens (`kind`: prompt or completion) and cost, per team, provider and model. */
  llmTokens: Counter<'team' | 'provider' | 'model' | 'kind'>;
  llmCostUsd: Counter<'team' | 'provider' | 'model'>;
  llmCalls: Counter<'team' | 'provider' | 'model'>;
  /** Records every request's latency; the route label is the matched pattern, never the raw path. */
  middleware: RequestHandler;
};

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const syncRequests = new Counter({
    name: 'sync_requests_total',
    help: 'Sync gateway requests by collection and endpoint',
    labelNames: ['collection', 'endpoint'] as const,
    registers: [registry],
  });
  const couchErrors = new Counter({
    name: 'couchdb_errors_total',
    help: 'Failed or 5xx requests to CouchDB',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const longpollStoreRequests = new Counter({
    name: 'sync_longpoll_store_requests_total',
    help: 'Long-polls the sync gateway sent to the store (clients asking the same question share one)',
    registers: [registry],
  });
  const llmLabels = ['team', 'provider', 'model'] as const;
  const llmTokens = new Counter({
    name: 'llm_tokens_total',
    help: 'Tokens of remote model calls by team, provider, model and kind (prompt, completion)',
    labelNames: [...llmLabels, 'kind'] as const,
    registers: [registry],
  });
  const llmCostUsd = new Counter({
    name: 'llm_cost_usd_total',
    help: 'Cost of remote model calls in USD by team, provider and model',
    labelNames: llmLabels,
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: 'llm_calls_total',
    help: 'Remote model calls answered, by team, provider and model',
    labelNames: llmLabels,
    registers: [registry],
  });
  // The reply path (process-wide, shared by every server in the process): each stage of a customer
  // message (message-trace.ts), bots nobody runs and outboxes that stalled (pipeline-health.ts).
  for (const m of [stageSeconds, botUnownedSeconds, outboxStalledSeconds]) registry.registerMetric(m);
  const middleware: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      const routed = res.locals.metricRoute as string | undefined;
      const route = routed ?? (req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched');
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  return {
    registry,
    httpDuration,
    syncRequests,
    couchErrors,
    longpollStoreRequests,
    llmTokens,
    llmCostUsd,
    llmCalls,
    middleware,
  };
}
