// What every knowledge route shares: the router and route registry it adds to, the admin API's deps,
// the team's knowledge sources and files, and the start of a source's ingestion (deps.ingest, wired
// by the knowledge feature). The routes themselves are by resource: uploads.ts, websites.ts,
// sources.ts; index.ts adds them all.
import type { Router } from 'express';
import { knowledgeSourceSchema } from '@app/shared/schemas';
import type { ApiDeps } from '../../api/deps';
import type { RouteRegistry } from '../../http/registry';
import { apiDocs, teamData, type ApiDocs, type TeamFiles } from '../../store/data';
import type { ApiDoc } from '../../store/raw-docs';
import { idParam } from '../../api/collection-router';
import { parse } from '../../http/route';

export type KnowledgeRoutes = {
  readonly router: Router;
  readonly registry: RouteRegistry;
  readonly deps: ApiDeps;
  /** The OpenAPI tag of every knowledge route. */
  readonly tag: 'knowledge';
  /** A knowledge source as the routes answer it (OpenAPI). */
  readonly source: { jsonSchema: typeof knowledgeSourceSchema; description: string };
  sources(teamId: string): ApiDocs;
  /** The source a route's `:id` names (the id checked), with its revision; none: 404 `not-found`. */
  sourceOf(teamId: string, id: unknown): Promise<{ doc: ApiDoc; rev: string }>;
  files(teamId: string): TeamFiles;
  /** Ingests a source in the background (its bytes when in hand); a failure to start is logged. */
  startIngest(teamId: string, sourceId: string, bytes?: Uint8Array): void;
};

export function knowledgeRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): KnowledgeRoutes {
  return {
    router,
    registry,
    deps,
    tag: 'knowledge',
    source: { jsonSchema: knowledgeSourceSchema, description: 'Knowledge source' },
    sources: (teamId) => apiDocs(deps.store, teamId, 'knowledge_sources'),
    sourceOf: (teamId, id) =>
      apiDocs(deps.store, teamId, 'knowledge_sources').getOr404(
        parse(idParam, id),
        'not-found',
        'Knowledge source',
      ),
    files: (teamId) => teamData(deps.store, teamId).files,
    startIngest(teamId, sourceId, bytes) {
      if (!deps.ingest) return;
      Promise.resolve()
        .then(() => deps.ingest?.(teamId, sourceId, bytes))
        .catch((err: unknown) =>
          deps.log.error({ err, teamId, sourceId }, 'knowledge ingestion failed to start'),
        );
    },
  };
}
