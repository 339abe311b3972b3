// Domain packs (shared/src/packs/): any member lists them; an admin previews what applying one adds
// and keeps, and applies it to the team. Applying stores the pack's pipelines (with their custom deal
// fields and rate cards) and agent profiles as the team's own docs, through the same access table as
// editing them by hand (creating pipelines and agent profiles is the admins'). A doc whose id the team
// has already is kept as it is, so applying twice adds nothing and never overwrites the team's edits.
import type { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { findPack, packs, planPackApply, type DomainPack, type PackLanguage } from '@app/shared/packs';
import { createHash } from 'node:crypto';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { modelProvidersDocId, readChannelSettingsDoc } from '../settings/settings-docs';
import { teamCollection } from '../store/collections';
import { statusOf } from '../store/raw-docs';
import type { ApiDeps } from './deps';
import { assertValid } from './doc-writes';
import { apiDocs, teamData } from '../store/data';

const tag = 'packs';
const packId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,59}$/,
    'a pack id is lower-case letters, digits and dashes (e.g. events-agency)',
  );
const applyQuery = z.strictObject({ preview: z.enum(['1', '0', 'true', 'false']).optional() });
const applyBody = z
  .strictObject({
    /** The language the pack's pipeline and profile names are stored in (default English). */
    language: z.enum(['en', 'ru']).optional(),
  })
  .optional();
const localized = z.object({ en: z.string(), ru: z.string() });
const item = z.object({
  kind: z.string(),
  id: z.string(),
  name: z.string(),
  reason: z.string().optional(),
});
const summary = z.object({
  id: z.string(),
  name: localized,
  description: localized,
  builtin: z.boolean(),
  adds: z.object({
    pipelines: z.array(z.object({ id: z.string(), name: localized })),
    customFields: z.array(localized),
    rateCards: z.array(z.string()),
    vendors: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string(), city: z.string() })),
    profiles: z.array(z.object({ id: z.string(), name: localized })),
    intents: z.array(z.object({ label: z.string(), description: localized })),
    knowledge: z.array(z.object({ id: z.string(), title: localized })),
  }),
});
const applyAnswer = z.object({
  pack: z.string(),
  preview: z.boolean(),
  added: z.array(item),
  kept: z.array(item),
});

function summaryOf(pack: DomainPack): z.infer<typeof summary> {
  return {
    id: pack.id,
    name: { ...pack.name },
    description: { ...pack.description },
    builtin: !!pack.builtin,
    adds: {
      pipelines: pack.pipelines.map((p) => ({ id: p.id, name: { ...p.name } })),
      customFields: pack.pipelines.flatMap((p) => p.fields.map((f) => ({ ...f.labels }))),
      rateCards: pack.pipelines.flatMap((p) => (p.rateCards ?? []).map((c) => c.currency)),
      vendors: pack.pipelines.flatMap((p) =>
        (p.vendors ?? []).map((v) => ({ id: v.id, kind: v.kind, name: v.name, city: v.city })),
      ),
      profiles: pack.profiles.map((p) => ({ id: p.id, name: { ...p.name } })),
      intents: pack.intents.map((i) => ({ label: i.label, description: { ...i.description } })),
      knowledge: pack.knowledge.map((k) => ({ id: k.id, title: { ...k.title } })),
    },
  };
}

/** What the team has of a collection (none while its database is not there). */
const stored = <C extends 'pipelines' | 'agent_settings' | 'knowledge_sources'>(
  deps: ApiDeps,
  teamId: string,
  collection: C,
) =>
  teamCollection(deps.store, teamId, collection)
    .all()
    .catch((e: unknown) => {
      if (statusOf(e) === 404) return [];
      throw e;
    });

/** The team's model providers' ids and kinds (a pack profile's preferred models). */
async function providerKinds(deps: ApiDeps, teamId: string) {
  type Doc = { teamId: string; providers: { id: string; kind: string }[] };
  const doc = await readChannelSettingsDoc<Doc>(deps.store, modelProvidersDocId(teamId), teamId);
  return (doc?.providers ?? []).map(({ id, kind }) => ({ id, kind }));
}

/** A knowledge template as a Markdown source, stored and ingested as an upload is (knowledge.ts). */
async function addKnowledge(
  deps: ApiDeps,
  teamId: string,
  k: { id: string; title: string; fileName: string; text: string },
): Promise<void> {
  const bytes = Buffer.from(k.text, 'utf8');
  const at = deps.now().toISOString();
  const contentHash = `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
  const fileDocId = `kfile-${k.id}`;
  const doc = {
    id: k.id,
    title: k.title,
    kind: 'markdown',
    fileName: k.fileName,
    mimeType: 'text/markdown',
    size: bytes.length,
    fileDocId,
    contentHash,
    status: 'pending',
    tags: ['pack'],
    createdAt: at,
    updatedAt: at,
    fieldUpdatedAt: { title: at, status: at },
  };
  assertValid('knowledge_sources', doc);
  const meta = {
    kind: 'knowledge',
    sourceId: k.id,
    fileName: k.fileName,
    mimeType: 'text/markdown',
    size: bytes.length,
    contentHash,
    createdAt: at,
  };
  await teamData(deps.store, teamId).files.store(fileDocId, meta, bytes, 'text/markdown');
  await apiDocs(deps.store, teamId, 'knowledge_sources').save(doc);
  if (deps.ingest) {
    Promise.resolve()
      .then(() => deps.ingest?.(teamId, k.id, bytes))
      .catch((err: unknown) =>
        deps.log.error({ err, teamId, sourceId: k.id }, 'pack knowledge ingestion failed'),
      );
  }
}

export function addPackRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): void {
  const packOf = (raw: string | undefined) => {
    const id = parse(packId, raw);
    const pack = findPack(id);
    if (!pack) {
      throw new DomainError(
        'not-found',
        `There is no pack '${id}' (packs: ${packs.map((p) => p.id).join(', ')})`,
      );
    }
    return pack;
  };

  registry.add(
    router,
    {
      method: 'get',
      path: '/packs',
      summary: 'The domain packs: name and description in English and Russian, and what applying one adds',
      tag,
      access: 'member',
      response: z.object({ items: z.array(summary) }),
    },
    route(async (_req, res) => {
      res.json({ items: packs.map(summaryOf) });
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/packs/:id/apply',
      summary:
        "Apply a pack to the caller's team (?preview=1: only say what it would add and keep); what the team has with the same id is kept, so applying twice adds nothing",
      tag,
      access: [
        { resource: 'pipelines', op: 'create' },
        { resource: 'agent_settings', op: 'create' },
        { resource: 'knowledge_sources', op: 'create' },
        { resource: 'files', op: 'create' },
      ],
      query: applyQuery,
      body: z.strictObject({ language: z.enum(['en', 'ru']).optional() }),
      response: applyAnswer,
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const pack = packOf(req.params.id);
      const q = parse(applyQuery, req.query);
      const preview = q.preview === '1' || q.preview === 'true';
      const body = parse(applyBody, req.body ?? undefined);
      const language: PackLanguage = body?.language ?? 'en';
      const team = {
        pipelines: await stored(deps, auth.teamId, 'pipelines'),
        profiles: await stored(deps, auth.teamId, 'agent_settings'),
        knowledgeSourceIds: (await stored(deps, auth.teamId, 'knowledge_sources')).map((k) => k.id),
        providers: await providerKinds(deps, auth.teamId),
      };
      const plan = planPackApply(pack, team, { language, now: deps.now() });
      if (!preview) {
        for (const doc of plan.docs.pipelines) {
          assertValid('pipelines', doc);
          await apiDocs(deps.store, auth.teamId, 'pipelines').save(doc);
        }
        for (const doc of plan.docs.agent_settings) {
          assertValid('agent_settings', doc);
          await apiDocs(deps.store, auth.teamId, 'agent_settings').save(doc);
        }
        for (const k of plan.docs.knowledge) await addKnowledge(deps, auth.teamId, k);
        deps.log.info(
          { teamId: auth.teamId, pack: pack.id, added: plan.added.map((a) => a.id) },
          'pack applied',
        );
      }
      res.json({ pack: pack.id, preview, added: plan.added, kept: plan.kept });
    }),
  );
}
