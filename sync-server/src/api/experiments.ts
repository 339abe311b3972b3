// A/B tests of agent profiles' instructions (issue 38): GET/POST /experiments, GET/PATCH
// /experiments/:id, POST /experiments/:id/stop, POST /experiments/:id/promote {variantId} and GET
// /experiments/:id/report. Experiments live on their profile (shared/src/schemas/experiments.ts says
// why), so who may do what is the access table's `agent_settings` row (admins write, everyone reads)
// and every write is a profile write, validated by the shared schema and stamped like any other.
import type { Router } from 'express';
import { z } from 'zod';
import { experimentReport, type ExperimentData } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { newId } from '@app/shared/ids';
import {
  promoteVariant,
  startExperiment,
  stopExperiment,
  variantSchema,
  type AgentSettingsDoc,
  type ExperimentDoc,
} from '@app/shared/schemas';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';
import type { ApiDoc } from '../store/raw-docs';
import { readPipelines } from '../store/team-pipelines';
import { applyPatch } from './doc-writes';
import { apiDocs } from '../store/data';

const v = variantSchema.properties;
const variantInput = z.strictObject({
  id: z.string().regex(new RegExp(v.id.pattern)).max(v.id.maxLength).optional(),
  name: z.string().min(1).max(v.name.maxLength),
  weight: z.number().positive().max(v.weight.maximum).optional(),
  instructions: z.string().min(1).max(v.instructions.maxLength),
  greeting: z.string().max(v.greeting.maxLength).optional(),
});
const createBody = z.strictObject({
  profileId: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  variants: z.array(variantInput).min(2).max(5),
});
const patchBody = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  variants: z
    .array(variantInput.partial().required({ id: true }))
    .max(5)
    .optional(),
});
const promoteBody = z.strictObject({ variantId: z.string().min(1).max(40) });
const idParam = (raw: unknown) => parse(z.string().min(1).max(128), raw);

const experimentOut = z.object({ id: z.string(), profileId: z.string(), status: z.string() }).passthrough();
const read = { resource: 'agent_settings', op: 'read' } as const;
const write = { resource: 'agent_settings', op: 'update' } as const;

type Found = { profile: ApiDoc & AgentSettingsDoc; rev: string; experiment: ExperimentDoc };

const withProfile = (e: ExperimentDoc, p: AgentSettingsDoc) => ({
  ...e,
  profileId: p.id,
  profileName: p.name,
});

/** What the experiment routes share: the team's profiles, an experiment found, a profile patch saved. */
function experimentParts(deps: ServerDeps) {
  const profiles = async (teamId: string) =>
    (await apiDocs(deps.store, teamId, 'agent_settings').all()) as {
      doc: ApiDoc & AgentSettingsDoc;
      rev: string;
    }[];

  async function find(teamId: string, id: string): Promise<Found> {
    for (const { doc, rev } of await profiles(teamId)) {
      const experiment = doc.experiments?.find((e) => e.id === id);
      if (experiment) return { profile: doc, rev, experiment };
    }
    throw new DomainError('not-found', `Experiment '${id.slice(0, 128)}' was not found`);
  }

  /** Writes a profile patch (validated, stamped; a concurrent edit answers 409): the experiment after it. */
  async function save(teamId: string, found: Pick<Found, 'profile' | 'rev'>, patch: object, id: string) {
    const { doc } = applyPatch('agent_settings', found.profile, patch as Record<string, unknown>, deps.now());
    await apiDocs(deps.store, teamId, 'agent_settings').save(doc, found.rev);
    const profile = doc as ApiDoc & AgentSettingsDoc;
    return withProfile(
      profile.experiments!.find((e) => e.id === id)!,
      profile,
    );
  }

  return { profiles, find, save };
}
type ExperimentParts = ReturnType<typeof experimentParts>;
type AddRoute = (spec: Parameters<RouteRegistry['add']>[1], handler: Parameters<typeof route>[0]) => void;

export function addExperimentRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const parts = experimentParts(deps);
  const add: AddRoute = (spec, handler) => registry.add(router, spec, route(handler));
  addExperimentStarts(add, deps, parts);
  addExperimentChanges(add, deps, parts);
}

/** Listing, starting and reading A/B tests. */
function addExperimentStarts(
  add: AddRoute,
  deps: ServerDeps,
  { profiles, find, save }: ExperimentParts,
): void {
  add(
    {
      method: 'get',
      path: '/experiments',
      summary: "The team's A/B tests of agent profiles' instructions, each with its profile",
      tag: 'experiments',
      access: read,
      response: z.object({ items: z.array(experimentOut) }),
    },
    async (_req, res) => {
      const { teamId } = authOf(res);
      const items = (await profiles(teamId)).flatMap(({ doc }) =>
        (doc.experiments ?? []).map((e) => withProfile(e, doc)),
      );
      res.json({ items: items.sort((a, b) => b.startedAt.localeCompare(a.startedAt)) });
    },
  );

  add(
    {
      method: 'post',
      path: '/experiments',
      summary:
        'Starts an A/B test on a profile (at most one running per profile): new conversations are split between the variants by weight (default 1 each)',
      tag: 'experiments',
      access: write,
      body: createBody,
      response: experimentOut,
      status: 201,
    },
    async (req, res) => {
      const { teamId } = authOf(res);
      const body = parse(createBody, req.body);
      const found = (await profiles(teamId)).find((p) => p.doc.id === body.profileId);
      if (!found) throw new DomainError('not-found', `Agent profile '${body.profileId}' was not found`);
      const id = newId('exp');
      const experiment: ExperimentDoc = {
        id,
        name: body.name,
        status: 'running',
        variants: body.variants.map((variant, i) => ({
          ...variant,
          id: variant.id ?? String.fromCharCode(97 + i),
          weight: variant.weight ?? 1,
        })),
        startedAt: deps.now().toISOString(),
      };
      const patch = startExperiment(found.doc, experiment);
      res.status(201).json(await save(teamId, { profile: found.doc, rev: found.rev }, patch, id));
    },
  );

  add(
    {
      method: 'get',
      path: '/experiments/:id',
      summary: 'One A/B test with its profile',
      tag: 'experiments',
      access: read,
      response: experimentOut,
    },
    async (req, res) => {
      const found = await find(authOf(res).teamId, idParam(req.params.id));
      res.json(withProfile(found.experiment, found.profile));
    },
  );
}

/** Editing, stopping, promoting and reporting an A/B test. */
function addExperimentChanges(add: AddRoute, deps: ServerDeps, { find, save }: ExperimentParts): void {
  add(
    {
      method: 'patch',
      path: '/experiments/:id',
      summary:
        'Renames a running A/B test or edits its variants (by id: name, weight, instructions, greeting)',
      tag: 'experiments',
      access: write,
      body: patchBody,
      response: experimentOut,
    },
    async (req, res) => {
      const { teamId } = authOf(res);
      const id = idParam(req.params.id);
      const body = parse(patchBody, req.body);
      const found = await find(teamId, id);
      if (found.experiment.status !== 'running')
        throw new DomainError(
          'conflict',
          `Experiment '${id}' is ${found.experiment.status}: it cannot change`,
        );
      const variants = found.experiment.variants.map((variant) => {
        const edit = body.variants?.find((e) => e.id === variant.id);
        return edit ? { ...variant, ...edit } : variant;
      });
      const unknown = body.variants?.find((e) => !variants.some((x) => x.id === e.id));
      if (unknown) throw new DomainError('not-found', `Variant '${unknown.id}' is not in experiment '${id}'`);
      const next = { ...found.experiment, ...(body.name ? { name: body.name } : {}), variants };
      const experiments = found.profile.experiments!.map((e) => (e.id === id ? next : e));
      res.json(await save(teamId, found, { experiments }, id));
    },
  );

  add(
    {
      method: 'post',
      path: '/experiments/:id/stop',
      summary: 'Stops a running A/B test: nothing new is assigned, conversations follow the profile again',
      tag: 'experiments',
      access: write,
      response: experimentOut,
    },
    async (req, res) => {
      const { teamId } = authOf(res);
      const id = idParam(req.params.id);
      const found = await find(teamId, id);
      res.json(await save(teamId, found, stopExperiment(found.profile, id, deps.now().toISOString()), id));
    },
  );

  add(
    {
      method: 'post',
      path: '/experiments/:id/promote',
      summary:
        "Promotes a variant: the test ends with it as the winner and its instructions become the profile's",
      tag: 'experiments',
      access: write,
      body: promoteBody,
      response: experimentOut,
    },
    async (req, res) => {
      const { teamId } = authOf(res);
      const id = idParam(req.params.id);
      const { variantId } = parse(promoteBody, req.body);
      const found = await find(teamId, id);
      const patch = promoteVariant(found.profile, id, variantId, deps.now().toISOString());
      res.json(await save(teamId, found, patch, id));
    },
  );

  add(
    {
      method: 'get',
      path: '/experiments/:id/report',
      summary:
        'Per variant: conversations, hand-off rate, median first reply, deals won and conversion (won / conversations) with its 95% Wilson interval, and the difference to the first variant (Newcombe)',
      tag: 'experiments',
      access: [read, { resource: 'conversations', op: 'read' }, { resource: 'leads', op: 'read' }],
      response: z.object({ experimentId: z.string(), variants: z.array(z.record(z.string(), z.unknown())) }),
    },
    async (req, res) => {
      const { teamId } = authOf(res);
      const found = await find(teamId, idParam(req.params.id));
      res.json({
        ...experimentReport(found.experiment, await readData(deps, teamId)),
        profileId: found.profile.id,
      });
    },
  );
}

async function readData(deps: ServerDeps, teamId: string): Promise<ExperimentData> {
  const all = <C extends 'leads' | 'conversations' | 'messages' | 'activity'>(c: C) =>
    teamCollection(deps.store, teamId, c).all();
  const [pipelines, leads, conversations, messages, activity] = await Promise.all([
    readPipelines(deps.store, teamId),
    all('leads'),
    all('conversations'),
    all('messages'),
    all('activity'),
  ]);
  return {
    pipelines,
    leads,
    conversations,
    messages,
    activity: activity.filter((a) => a.kind === 'handoff'),
  };
}
