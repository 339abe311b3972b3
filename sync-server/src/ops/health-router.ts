// Liveness, readiness and metrics: /healthz answers 200 when this server and its CouchDB answer,
// /readyz also needs start-up (setup, seed) finished and no shutdown under way, /metrics is
// Prometheus text for METRICS_TOKEN holders, or callers on this machine without one (metrics-access.ts).
import { Router } from 'express';
import { metricsAccess } from './metrics-access';
import type { Metrics } from './metrics';

export function createHealthRouter(deps: {
  ping: () => Promise<boolean>;
  ready: () => boolean;
  metrics: Metrics;
  /** METRICS_TOKEN; unset: /metrics answers only loopback callers. */
  metricsToken?: string;
}): Router {
  const r = Router();
  const storeUp = () =>
    Promise.race([deps.ping(), new Promise<boolean>((ok) => setTimeout(() => ok(false), 2000).unref())]);
  r.get('/healthz', (_req, res, next) => {
    storeUp().then((up) => {
      res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', store: up ? 'ok' : 'down' });
    }, next);
  });
  r.get('/readyz', (_req, res, next) => {
    storeUp().then((up) => {
      const ready = up && deps.ready();
      res
        .status(ready ? 200 : 503)
        .json({ status: ready ? 'ready' : 'not-ready', store: up ? 'ok' : 'down' });
    }, next);
  });
  r.get('/metrics', metricsAccess(deps.metricsToken), (_req, res, next) => {
    deps.metrics.registry.metrics().then((text) => {
      res.type(deps.metrics.registry.contentType).send(text);
    }, next);
  });
  return r;
}
