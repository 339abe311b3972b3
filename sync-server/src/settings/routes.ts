// The one route builder of settings with secrets (spec.ts): a kind's routes registered with their
// OpenAPI entries and the access table's check (read, update or create, delete of the kind's
// resource), the plan's channel gate on a new connection, and `changed` told after every write.
// - one doc per team: `GET`, `PUT` (200 with the view), `DELETE` (204), `POST <path>/check|test`;
// - by name: `GET <path>` (the list), `POST <path>` (201; 409 when the name exists),
//   `PUT <path>/:name` (404 when missing), `DELETE <path>/:name` (204; 404 when missing); the entries
//   are docs of their own or (a spec's storage) entries of one doc.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import type { RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { removeChannelDoc, saveChannelDoc, saveChannelSettings } from './settings-docs';
import {
  withoutSecrets,
  type NamedSettingsSpec,
  type SettingsContext,
  type SettingsDoc,
  type SettingsSpec,
} from './spec';

/** What the builder needs: the server's deps and whom to tell when a team's settings changed. */
export type SettingsRouteDeps = { deps: ServerDeps; changed?: (teamId: string) => void };

const access = (resource: SettingsSpec<SettingsDoc, z.ZodType>['resource'], op: string) =>
  ({ resource, op }) as { resource: typeof resource; op: 'read' | 'create' | 'update' | 'delete' };

function contextOf(deps: ServerDeps, res: Response): SettingsContext {
  const auth = authOf(res);
  return { deps, teamId: auth.teamId, userId: auth.userId, at: deps.now().toISOString() };
}

/** Registers a one-doc-per-team kind's GET, PUT, DELETE and (when it has one) check route. */
export function addSettingsRoutes<Doc extends SettingsDoc, Input extends z.ZodType>(
  router: Router,
  registry: RouteRegistry,
  spec: SettingsSpec<Doc, Input>,
  { deps, changed }: SettingsRouteDeps,
): void {
  const { path, tag } = spec;
  const view = (doc: Doc | null) => withoutSecrets(spec.viewOf(doc), spec.secrets);
  const get = spec.get ?? { path, response: spec.view, wrap: (v: object) => v };
  registry.add(
    router,
    {
      method: 'get',
      path: get.path,
      summary: spec.summaries.get,
      tag,
      access: access(spec.resource, 'read'),
      response: get.response,
    },
    route(async (_req, res) => {
      const ctx = contextOf(deps, res);
      res.json(get.wrap(view(await spec.read(ctx))));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path,
      summary: spec.summaries.put,
      tag,
      access: access(spec.resource, 'update'),
      body: spec.input,
      response: spec.view,
    },
    route(async (req, res) => {
      const ctx = contextOf(deps, res);
      const input = parse(spec.input, req.body);
      const current = await spec.read(ctx);
      await spec.validate?.(input, current, ctx);
      const build = () => spec.build(input, current, ctx);
      const next = spec.planGate
        ? await saveChannelSettings(deps, ctx.teamId, current, build)
        : await saveBuilt(deps, build());
      changed?.(ctx.teamId);
      res.json(view(next));
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path,
      summary: spec.summaries.delete,
      tag,
      access: access(spec.resource, 'delete'),
      status: 204,
    },
    route(async (_req, res) => {
      const ctx = contextOf(deps, res);
      await removeChannelDoc(deps.store, await spec.read(ctx));
      changed?.(ctx.teamId);
      res.status(204).end();
    }),
  );
  if (spec.check) addCheckRoute(router, registry, spec, deps);
}

async function saveBuilt<Doc extends SettingsDoc>(deps: ServerDeps, doc: Doc): Promise<Doc> {
  await saveChannelDoc(deps.store, doc);
  return doc;
}

/** `POST <path>/check`: the body's settings (stored secrets fill those left out), or the stored ones. */
function addCheckRoute<Doc extends SettingsDoc, Input extends z.ZodType>(
  router: Router,
  registry: RouteRegistry,
  spec: SettingsSpec<Doc, Input>,
  deps: ServerDeps,
): void {
  const check = spec.check!;
  const body = z.union([spec.input, z.strictObject({})]);
  registry.add(
    router,
    {
      method: 'post',
      path: `${spec.path}/${check.path}`,
      summary: check.summary,
      tag: spec.tag,
      access: access(spec.resource, 'update'),
      body,
      response: check.response,
    },
    route(async (req: Request, res) => {
      const ctx = contextOf(deps, res);
      const raw = (req.body ?? {}) as object;
      parse(body, raw);
      const current = await spec.read(ctx);
      // An empty body checks the stored settings (defaults the schema fills in do not count).
      const doc = Object.keys(raw).length > 0 ? spec.build(parse(spec.input, raw), current, ctx) : current;
      if (!doc) throw new DomainError('validation-failed', check.nothingStored);
      res.json(await check.run(doc, ctx));
    }),
  );
}

/** Registers a by-name kind's list, add, change and remove routes (`:name` in the path). */
export function addNamedSettingsRoutes<Doc extends object, Input extends z.ZodType>(
  router: Router,
  registry: RouteRegistry,
  spec: NamedSettingsSpec<Doc, Input>,
  { deps, changed }: SettingsRouteDeps,
): void {
  const { path, tag } = spec;
  const param = spec.param ?? 'name';
  const view = (doc: Doc) => withoutSecrets(spec.viewOf(doc), spec.secrets);
  const saved = spec.savedView ?? spec.view;
  const storage = spec.storage ?? {
    save: (doc: Doc) => saveChannelDoc(deps.store, doc as Doc & SettingsDoc),
    remove: (doc: Doc) => removeChannelDoc(deps.store, doc as Doc & SettingsDoc),
  };
  const save = async (input: z.infer<Input>, current: Doc | null, ctx: SettingsContext) => {
    const doc = await spec.build(input, current, ctx);
    const extra = (await spec.beforeSave?.(doc, ctx)) ?? {};
    await storage.save(doc, ctx);
    changed?.(ctx.teamId);
    return { ...view(doc), ...extra };
  };
  /** PUT's input: the update body with the path's name, or the input with it. */
  const updateInput = (body: unknown, name: string): z.infer<Input> =>
    spec.update
      ? ({ ...(parse(spec.update, body) as object), [param]: name } as z.infer<Input>)
      : parse(spec.input, { ...(body as object), [param]: name });
  const list = spec.listAnswer ?? {
    response: z.object({ [spec.listKey]: z.array(spec.view) }),
    of: (views: object[]) => ({ [spec.listKey]: views }),
  };
  const existing = async (req: Request, ctx: SettingsContext) => {
    const name = String(req.params[param]);
    const current = await spec.read(name, ctx);
    if (!current) throw new DomainError('not-found', spec.missing(name));
    return { name, current };
  };
  registry.add(
    router,
    {
      method: 'get',
      path,
      summary: spec.summaries.list,
      tag,
      access: access(spec.resource, 'read'),
      response: list.response,
    },
    route(async (_req, res) => {
      const docs = await spec.list(contextOf(deps, res));
      res.json(list.of(docs.map(view)));
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path,
      summary: spec.summaries.create,
      tag,
      access: access(spec.resource, 'create'),
      body: spec.input,
      response: saved,
      status: 201,
    },
    route(async (req, res) => {
      const ctx = contextOf(deps, res);
      const input = parse(spec.input, req.body);
      const name = String((input as Record<string, unknown>)[param]);
      if (await spec.read(name, ctx)) throw new DomainError('conflict', spec.exists(name));
      res.status(201).json(await save(input, null, ctx));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: `${path}/:${param}`,
      summary: spec.summaries.update,
      tag,
      access: access(spec.resource, 'update'),
      body: spec.update ?? partialName(spec.input),
      response: saved,
    },
    route(async (req, res) => {
      const ctx = contextOf(deps, res);
      const { name, current } = await existing(req, ctx);
      res.json(await save(updateInput(req.body, name), current, ctx));
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: `${path}/:${param}`,
      summary: spec.summaries.delete,
      tag,
      access: access(spec.resource, 'delete'),
      status: 204,
    },
    route(async (req, res) => {
      const ctx = contextOf(deps, res);
      await storage.remove((await existing(req, ctx)).current, ctx);
      changed?.(ctx.teamId);
      res.status(204).end();
    }),
  );
}

/** The PUT body's schema in OpenAPI: the input with the name optional (the path names it). */
const partialName = (input: z.ZodType): z.ZodType =>
  input instanceof z.ZodObject ? input.partial({ name: true }) : input;
