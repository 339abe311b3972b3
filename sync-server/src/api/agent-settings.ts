// Agent profiles (persona, instructions, models, tools, hours): any member reads, admins write (the
// access table's `agent_settings` row).
import type { Router } from 'express';
import { agentSettingsSchema } from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { addCollectionRoutes } from './collection-router';
import { textMatch } from './paging';
import type { RouteRegistry } from '../http/registry';
import { apiDocs } from '../store/data';

export function addAgentSettingsRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  addCollectionRoutes(router, registry, deps, {
    collection: 'agent_settings',
    base: '/agent-settings',
    tag: 'agent-settings',
    idPrefix: 'agent',
    what: 'Agent profile',
    notFound: 'not-found',
    defaults: () => ({
      persona: '',
      instructions: '',
      language: 'auto',
      allowedTools: [],
      channels: [],
      isDefault: false,
      // Consequential lead changes by the agent wait for a rep's approval unless the admin says otherwise.
      toolEffects: { closeStage: 'propose', value: 'propose', owner: 'propose' },
    }),
    extraQuery: {},
    jsonSchema: agentSettingsSchema,
    match: (q, doc) => textMatch(q.q, [doc.name, doc.persona]),
    // One default profile per team: making one the default clears the flag on the others.
    afterWrite: async (teamId, doc) => {
      if (doc.isDefault !== true) return;
      const db = apiDocs(deps.store, teamId, 'agent_settings');
      const others = await db.all();
      const at = deps.now().toISOString();
      const docs = others
        .filter((o) => o.doc.id !== doc.id && o.doc.isDefault === true)
        .map((o) => ({
          doc: {
            ...o.doc,
            isDefault: false,
            updatedAt: at,
            fieldUpdatedAt: { ...(o.doc.fieldUpdatedAt as object), isDefault: at },
          },
          rev: o.rev,
        }));
      if (docs.length) await db.bulk(docs);
    },
  });
}
