// The knowledge feature's admin routes (/api/v1/knowledge/...), mounted by the admin API
// (api/index.ts), by resource: uploads.ts (a file), websites.ts (a website), sources.ts (list, get,
// the original, re-index, delete), phrasings.ts (a source's learned phrasings). They sit in the api layer (eslint.config.js), beside the feature.
import type { Router } from 'express';
import type { ApiDeps } from '../../api/deps';
import type { RouteRegistry } from '../../http/registry';
import { knowledgeRoutes } from './context';
import { addPhrasingRoutes } from './phrasings';
import { addSourceRoutes } from './sources';
import { addUploadRoutes } from './uploads';
import { addWebsiteRoutes } from './websites';

export { KNOWLEDGE_MAX_BYTES } from './uploads';

export function addKnowledgeRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): void {
  const k = knowledgeRoutes(router, registry, deps);
  addUploadRoutes(k);
  addWebsiteRoutes(k);
  addSourceRoutes(k);
  addPhrasingRoutes(k);
}
