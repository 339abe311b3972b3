// The admin API below /api/v1 (after the core's auth routes): members, contacts, pipelines, leads, CSV
// import and export, conversations, tasks and events, products, the objection library, agent settings, each channel's settings
// (channels/registry.ts), knowledge uploads, data care, and the OpenAPI document generated from the
// same route registry.
import { Router } from 'express';
import { z } from 'zod';
import { addDataCareRoutes } from '../data-care/routes';
import { addAgentSettingsRoutes } from './agent-settings';
import { addAnalyticsRoutes } from './analytics';
import { addCalendarFeedRoute, addCalendarRoutes } from './calendar';
import { describeAuthRoutes } from './auth-spec';
import { jsonBody } from '../http/body';
import { channels } from '../channels/registry';
import { addContactRoutes } from './contacts';
import { addConversationRoutes } from './conversations';
import { addMessageRetryRoute } from './message-retry';
import { addCsvRoutes } from './csv-routes';
import type { ApiDeps } from './deps';
import { addEventRoutes } from './events';
import { addExperimentRoutes } from './experiments';
import { addKnowledgeRoutes } from '../knowledge/routes/index';
import { addLeadRoutes } from './leads';
import { addMemberRoutes } from './members';
import { addObjectionRoutes } from './objections';
import { addPackRoutes } from './packs';
import { addPipelineRoutes } from './pipelines';
import { addProductCsvRoutes } from './product-csv-routes';
import { addProductRoutes } from './products';
import { buildOpenApi } from './openapi';
import { addTaskRoutes } from './tasks';
import { RouteRegistry } from '../http/registry';

export type { ApiDeps, ApiRouteModule, KnowledgeIngest } from './deps';

export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  const registry = new RouteRegistry();
  describeAuthRoutes(registry);
  router.use(jsonBody);
  let document: object | undefined;
  registry.add(
    router,
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      tag: 'meta',
      access: 'public',
      response: z.object({ openapi: z.string() }),
    },
    (_req, res) => {
      document ??= buildOpenApi(registry.specs);
      res.json(document);
    },
  );
  // Calendar apps fetch a member's feed with its secret URL, never a bearer token.
  addCalendarFeedRoute(router, registry, deps);
  router.use(deps.requireAuth);
  addMemberRoutes(router, registry, deps.members, deps.plans);
  // Fixed paths before `/:id` ones, so `/contacts/export.csv` is not read as a contact id.
  addCsvRoutes(router, registry, deps);
  addContactRoutes(router, registry, deps);
  addPipelineRoutes(router, registry, deps);
  addLeadRoutes(router, registry, deps);
  addConversationRoutes(router, registry, deps);
  addMessageRetryRoute(router, registry, deps);
  addAnalyticsRoutes(router, registry, deps);
  addCalendarRoutes(router, registry, deps);
  addTaskRoutes(router, registry, deps);
  addEventRoutes(router, registry, deps);
  addObjectionRoutes(router, registry, deps);
  addProductCsvRoutes(router, registry, deps);
  addProductRoutes(router, registry, deps);
  addAgentSettingsRoutes(router, registry, deps);
  addPackRoutes(router, registry, deps);
  addExperimentRoutes(router, registry, deps);
  for (const channel of channels) channel.settingsRoutes?.(router, registry, deps);
  addKnowledgeRoutes(router, registry, deps);
  addDataCareRoutes(router, registry, deps);
  for (const add of deps.routes ?? []) add(router, registry, deps);
  return router;
}
