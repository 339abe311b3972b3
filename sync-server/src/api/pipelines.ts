// Pipelines: any member reads the team's pipelines (the built-in default one included); admins create,
// edit (add, rename, reorder stages, mark them won or lost, set probabilities and currencies) and
// delete them (the access table's `pipelines` row). An edit that removes a stage still holding leads
// needs `moveTo` (removed stage -> stage of the new list); the leads are moved in the same request.
// Admins also choose the team's board pipeline (`boardDefault` on the pipeline doc, set by PUT /pipelines/:id/primary: the one every member's board opens on; not `primary`, a name RxDB keeps for its documents).
import type { Router } from 'express';
import { z } from 'zod';
import { checkPipeline, pipelineIdOf, planStageEdit } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import {
  DEFAULT_PIPELINE_ID,
  pipelineSchema,
  stageChangeOf,
  type PipelineDoc,
  type StageActor,
} from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { asCollectionDoc } from '../store/collections';
import type { ApiDoc } from '../store/raw-docs';
import { recordStageChanges } from '../store/stage-changes';
import { readPipeline, readPipelines } from '../store/team-pipelines';

import { idParam } from './collection-router';
import { assertValid } from './doc-writes';
import { apiDocs } from '../store/data';

const editable = {
  name: z.string().min(1).max(120),
  stages: z.array(z.record(z.string(), z.unknown())).min(1).max(30),
  currencies: z.array(z.string()).min(1).max(20),
  position: z.number().min(0).max(1e6),
  description: z.string().max(500),
  /** Custom deal fields, rate cards and the vendor directory (checked against the pipeline schema). */
  fields: z.array(z.record(z.string(), z.unknown())).max(50),
  rateCards: z.array(z.record(z.string(), z.unknown())).max(10),
  vendors: z.array(z.record(z.string(), z.unknown())).max(200),
};
const createBody = z.strictObject({
  id: z.string().min(1).max(128).optional(),
  ...editable,
  position: editable.position.optional(),
  description: editable.description.optional(),
  fields: editable.fields.optional(),
  rateCards: editable.rateCards.optional(),
  vendors: editable.vendors.optional(),
});
const patchBody = z.strictObject({
  name: editable.name.optional(),
  stages: editable.stages.optional(),
  currencies: editable.currencies.optional(),
  position: editable.position.optional(),
  description: editable.description.nullable().optional(),
  fields: editable.fields.optional(),
  rateCards: editable.rateCards.optional(),
  vendors: editable.vendors.optional(),
  /** Where the leads of removed stages go: removed stage id -> stage id of the new list. */
  moveTo: z.record(z.string().max(40), z.string().max(40)).optional(),
});
const pipelineDoc = { jsonSchema: pipelineSchema, description: 'Pipeline' };
const list = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
const tag = 'pipelines';

/** What the pipeline routes share: the team's pipelines and leads, a pipeline read or refused. */
function pipelineParts(deps: ServerDeps) {
  const db = (teamId: string) => apiDocs(deps.store, teamId, 'pipelines');
  const leadsDb = (teamId: string) => apiDocs(deps.store, teamId, 'leads');
  const found = async (teamId: string, id: string) => {
    const p = await readPipeline(deps.store, teamId, id);
    if (!p) throw new DomainError('pipeline-not-found', `Pipeline '${id}' was not found`);
    return p;
  };
  /** The team's leads of one pipeline. */
  const leadsOf = async (teamId: string, pipelineId: string) =>
    (await leadsDb(teamId).all()).filter(
      (i) => pipelineIdOf(i.doc as { pipelineId?: string }) === pipelineId,
    );

  return { deps, db, leadsDb, found, leadsOf };
}
type PipelineParts = ReturnType<typeof pipelineParts>;

export function addPipelineRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const parts = pipelineParts(deps);
  addPipelineReads(router, registry, parts);
  addPipelineWrites(router, registry, parts);
  addPipelineRemoval(router, registry, parts);
}

/** GET the team's pipelines and one pipeline. */
function addPipelineReads(router: Router, registry: RouteRegistry, { deps, found }: PipelineParts): void {
  registry.add(
    router,
    {
      method: 'get',
      path: '/pipelines',
      summary: 'The team pipelines, default first',
      tag,
      access: { resource: 'pipelines', op: 'read' },
      response: list,
    },
    route(async (_req, res) => {
      res.json({ items: await readPipelines(deps.store, authOf(res).teamId) });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/pipelines/:id',
      summary: 'One pipeline',
      tag,
      access: { resource: 'pipelines', op: 'read' },
      response: pipelineDoc,
    },
    route(async (req, res) => {
      const p = await found(authOf(res).teamId, parse(idParam, req.params.id));
      res.json({ ...p.doc, ...(p.rev ? { rev: p.rev } : {}) });
    }),
  );
}

/** POST a pipeline, PATCH one (its stages' leads moved), PUT the board's primary pipeline. */
function addPipelineWrites(router: Router, registry: RouteRegistry, parts: PipelineParts): void {
  const { deps, db, found, leadsOf } = parts;
  registry.add(
    router,
    {
      method: 'post',
      path: '/pipelines',
      summary:
        'Create a pipeline (stages with kind open, won or lost and a probability; currencies, first is the default)',
      tag,
      access: { resource: 'pipelines', op: 'create' },
      body: createBody,
      response: pipelineDoc,
      status: 201,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const input = parse(createBody, req.body);
      const at = deps.now().toISOString();
      const id = input.id ?? newId('pipeline');
      if (await readPipeline(deps.store, auth.teamId, id)) {
        throw new DomainError('conflict', `Pipeline '${id}' exists already`);
      }
      const doc = { ...input, id, createdAt: at, updatedAt: at } as ApiDoc;
      assertValid('pipelines', doc);
      checkPipeline(doc);
      const rev = await db(auth.teamId).save(doc);
      res.status(201).json({ ...doc, rev });
    }),
  );

  registry.add(
    router,
    {
      method: 'patch',
      path: '/pipelines/:id',
      summary:
        'Change a pipeline: name, stages (add, rename, reorder, won/lost, probability), currencies; moveTo says where the leads of removed stages go',
      tag,
      access: { resource: 'pipelines', op: 'update' },
      body: patchBody,
      response: z.object({ pipeline: z.record(z.string(), z.unknown()), movedLeads: z.number() }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const { moveTo, description, ...patch } = parse(patchBody, req.body);
      const current = await found(auth.teamId, id);
      const at = deps.now().toISOString();
      const next: ApiDoc = { ...current.doc, ...patch, updatedAt: at };
      if (description === null) delete next.description;
      else if (description !== undefined) next.description = description;
      const stamps = { ...(current.doc.fieldUpdatedAt ?? {}) } as Record<string, string>;
      for (const k of [...Object.keys(patch), ...(description === undefined ? [] : ['description'])])
        stamps[k] = at;
      next.fieldUpdatedAt = stamps;
      assertValid('pipelines', next);
      checkPipeline(next);
      const leads = await leadsOf(auth.teamId, id);
      const counts = new Map<string, number>();
      for (const l of leads) counts.set(String(l.doc.stage), (counts.get(String(l.doc.stage)) ?? 0) + 1);
      const moves = planStageEdit(current.doc, next, counts, moveTo);
      const rev = await db(auth.teamId).save(next, current.rev);
      const by = { kind: 'rep' as const, id: auth.userId, name: auth.email };
      const movedLeads = await moveLeads(parts, auth.teamId, leads, moves, next, at, by);
      res.json({ pipeline: { ...next, rev }, movedLeads });
    }),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/pipelines/:id/primary',
      summary:
        "Make the pipeline the team's board pipeline (the one the board opens on); the default pipeline: none of the others",
      tag,
      access: { resource: 'pipelines', op: 'update' },
      response: z.object({ primary: z.string() }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      await found(auth.teamId, id);
      const at = deps.now().toISOString();
      // The default pipeline is the board's when no other is primary: it is never flagged itself.
      const want = (docId: string) => docId === id && id !== DEFAULT_PIPELINE_ID;
      const changes = (await db(auth.teamId).all())
        .filter((p) => Boolean(p.doc.boardDefault) !== want(p.doc.id))
        .map(({ doc, rev }) => {
          const next: ApiDoc = { ...doc, updatedAt: at };
          if (want(doc.id)) next.boardDefault = true;
          else delete next.boardDefault;
          next.fieldUpdatedAt = { ...((doc.fieldUpdatedAt as object) ?? {}), boardDefault: at };
          assertValid('pipelines', next);
          return { doc: next, rev };
        });
      const failed = changes.length ? (await db(auth.teamId).bulk(changes)).filter((r) => r.error) : [];
      if (failed.length) throw new DomainError('conflict', 'A pipeline changed meanwhile; retry');
      res.json({ primary: id });
    }),
  );
}

/** DELETE a pipeline without leads. */
function addPipelineRemoval(
  router: Router,
  registry: RouteRegistry,
  { db, found, leadsOf }: PipelineParts,
): void {
  registry.add(
    router,
    {
      method: 'delete',
      path: '/pipelines/:id',
      summary: 'Delete a pipeline without leads (the default pipeline stays)',
      tag,
      access: { resource: 'pipelines', op: 'delete' },
      status: 204,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      if (id === DEFAULT_PIPELINE_ID) {
        throw new DomainError(
          'invalid-pipeline',
          'The default pipeline cannot be deleted (edit its stages instead)',
        );
      }
      const current = await found(auth.teamId, id);
      const leads = await leadsOf(auth.teamId, id);
      if (leads.length) {
        throw new DomainError(
          'stage-in-use',
          `Pipeline '${current.doc.name}' holds ${leads.length} lead(s): move or delete them first`,
        );
      }
      if (!current.rev) throw new DomainError('pipeline-not-found', `Pipeline '${id}' was not found`);
      await db(auth.teamId).remove(id, current.rev);
      res.status(204).end();
    }),
  );
}

/** Moves the leads of removed stages where `moves` says, into each deal's stage history; how many. */
async function moveLeads(
  { deps, leadsDb }: PipelineParts,
  teamId: string,
  leads: Awaited<ReturnType<PipelineParts['leadsOf']>>,
  moves: Map<string, string>,
  pipeline: PipelineDoc,
  at: string,
  by: StageActor,
): Promise<number> {
  const lostTargets = new Set(pipeline.stages.filter((s) => s.kind === 'lost').map((s) => s.id));
  const docs = leads
    .filter((l) => moves.has(String(l.doc.stage)))
    .map((l) => {
      const from = String(l.doc.stage);
      const to = moves.get(from)!;
      const lostReason =
        lostTargets.has(to) && !l.doc.lostReason ? { lostReason: `Stage '${from}' was removed` } : {};
      const changed = ['stage', 'stageChangedAt', ...Object.keys(lostReason)];
      const fieldUpdatedAt = {
        ...(l.doc.fieldUpdatedAt as object),
        ...Object.fromEntries(changed.map((k) => [k, at])),
      };
      return {
        doc: { ...l.doc, stage: to, stageChangedAt: at, updatedAt: at, ...lostReason, fieldUpdatedAt },
        rev: l.rev,
      };
    });
  if (!docs.length) return 0;
  const results = await leadsDb(teamId).bulk(docs);
  // The moves go into each deal's stage history, by the admin who edited the pipeline.
  const moved = new Map(leads.map((l) => [l.doc.id, asCollectionDoc('leads', l.doc)]));
  await recordStageChanges(
    deps.store,
    teamId,
    docs.flatMap((d, i) => {
      const before = moved.get(d.doc.id);
      if (results[i]?.error || !before) return [];
      const after = { ...before, stage: String(d.doc.stage), stageChangedAt: at };
      return [stageChangeOf(before, after, by, at, 'pipeline-edit')];
    }),
  );
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    throw new DomainError(
      'conflict',
      `${failed.length} lead(s) changed meanwhile and were not moved; retry the edit`,
    );
  }
  return docs.length;
}
