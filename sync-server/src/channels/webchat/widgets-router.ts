// Admin API for web chat widgets: list the team's widgets, create one (with the snippet to paste
// into the site), change or remove it. Who may: the access table's `channels` row (admins).
// Mounted and documented with the admin API.
import type express from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { publicBaseUrl } from '../../http/public-url';
import type { RouteModule } from '../../http/registry';
import { authOf, parse, route } from '../../http/route';
import { widgetSettingsSchema, type WidgetDoc, type Widgets } from './widgets';
import type { PlanPolicy } from '../../context';

const widgetView = z.object({
  key: z.string(),
  title: z.string(),
  greeting: z.string(),
  greetings: z.object({ ru: z.string().optional(), en: z.string().optional() }),
  allowedOrigins: z.array(z.string()),
  /** null: the server's default (WEBCHAT_NEW_VISITORS_PER_HOUR). */
  newVisitorsPerIpPerHour: z.number().int().nullable(),
  color: z.string(),
  language: z.enum(['auto', 'ru', 'en']),
  /** The widget notes the pages a visitor viewed, with the visitor's consent (off by default). */
  recordPages: z.boolean(),
  createdAt: z.string(),
  snippet: z.string(),
});

const view = (w: WidgetDoc, baseUrl: string): z.infer<typeof widgetView> => ({
  key: w.key,
  title: w.title,
  greeting: w.greeting,
  greetings: w.greetings ?? {},
  allowedOrigins: w.allowedOrigins,
  newVisitorsPerIpPerHour: w.newVisitorsPerIpPerHour ?? null,
  color: w.color,
  language: w.language ?? 'auto',
  recordPages: w.recordPages === true,
  createdAt: w.createdAt,
  snippet: `<script src="${baseUrl}/webchat/widget.js" data-key="${w.key}" async></script>`,
});

const settingsBody = widgetSettingsSchema.partial();

/** `publicUrl`: PUBLIC_URL, where the snippet's script is loaded from (http/public-url.ts). */
export function widgetRoutes(widgets: Widgets, publicUrl?: string): RouteModule<unknown> {
  const baseUrlOf = (req: express.Request) => publicBaseUrl(publicUrl, req);
  return (router, registry, deps) => {
    const plans = (deps as { plans?: PlanPolicy } | undefined)?.plans;
    const tag = 'channels';
    registry.add(
      router,
      {
        method: 'get',
        path: '/channels/webchat',
        summary: 'Web chat widgets of the team, with the snippet for each',
        tag,
        access: { resource: 'channels', op: 'read' },
        response: z.object({ widgets: z.array(widgetView) }),
      },
      route(async (req, res) => {
        const list = await widgets.list(authOf(res).teamId);
        res.json({ widgets: list.map((w) => view(w, baseUrlOf(req))) });
      }),
    );
    registry.add(
      router,
      {
        method: 'post',
        path: '/channels/webchat',
        summary: 'Create a web chat widget',
        tag,
        access: { resource: 'channels', op: 'create' },
        body: settingsBody,
        response: widgetView,
        status: 201,
      },
      route(async (req, res) => {
        const settings = parse(settingsBody, req.body ?? {});
        // A widget more than the plan's channels: 402, none is made.
        const teamId = authOf(res).teamId;
        const create = () => widgets.create(teamId, settings);
        const widget = await (plans ? plans.withChannel(teamId, create) : create());
        res.status(201).json(view(widget, baseUrlOf(req)));
      }),
    );
    registry.add(
      router,
      {
        method: 'patch',
        path: '/channels/webchat/:key',
        summary: 'Change a web chat widget',
        tag,
        access: { resource: 'channels', op: 'update' },
        body: settingsBody,
        response: widgetView,
      },
      route(async (req, res) => {
        const settings = parse(settingsBody, req.body ?? {});
        const widget = await widgets.update(authOf(res).teamId, String(req.params.key), settings);
        if (!widget) throw new DomainError('not-found', 'No such chat widget in your team');
        res.json(view(widget, baseUrlOf(req)));
      }),
    );
    registry.add(
      router,
      {
        method: 'delete',
        path: '/channels/webchat/:key',
        summary: 'Remove a web chat widget (its key stops working)',
        tag,
        access: { resource: 'channels', op: 'delete' },
        status: 204,
      },
      route(async (req, res) => {
        const removed = await widgets.remove(authOf(res).teamId, String(req.params.key));
        if (!removed) throw new DomainError('not-found', 'No such chat widget in your team');
        res.status(204).end();
      }),
    );
  };
}
