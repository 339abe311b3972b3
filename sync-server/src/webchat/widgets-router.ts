// Admin API for web chat widgets: list the team's widgets, create one (with the snippet to paste
// into the site), change or remove it. Admins only.
import express, { type RequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';
import { authOf, parse, requireRole, route } from '../http';
import { widgetSettingsSchema, type WidgetDoc, type Widgets } from './widgets';

const view = (w: WidgetDoc, baseUrl: string) => ({
  key: w.key,
  title: w.title,
  greeting: w.greeting,
  allowedOrigins: w.allowedOrigins,
  color: w.color,
  createdAt: w.createdAt,
  snippet: `<script src="${baseUrl}/webchat/widget.js" data-key="${w.key}" async></script>`,
});

/** The server's public base URL as the caller reached it (behind a proxy: set TRUST_PROXY). */
const baseUrlOf = (req: express.Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function createWidgetsRouter(deps: { widgets: Widgets; requireAuth: RequestHandler }): RequestHandler {
  const router = express.Router();
  router.use('/channels/webchat', deps.requireAuth, requireRole('admin'));

  router.get(
    '/channels/webchat',
    route(async (req, res) => {
      const list = await deps.widgets.list(authOf(res).teamId);
      res.json({ widgets: list.map((w) => view(w, baseUrlOf(req))) });
    }),
  );

  router.post(
    '/channels/webchat',
    route(async (req, res) => {
      const settings = parse(widgetSettingsSchema.partial(), req.body ?? {});
      const widget = await deps.widgets.create(authOf(res).teamId, settings);
      res.status(201).json(view(widget, baseUrlOf(req)));
    }),
  );

  router.patch(
    '/channels/webchat/:key',
    route(async (req, res) => {
      const settings = parse(widgetSettingsSchema.partial(), req.body ?? {});
      const widget = await deps.widgets.update(authOf(res).teamId, String(req.params.key), settings);
      if (!widget) throw new DomainError('not-found', 'No such chat widget in your team');
      res.json(view(widget, baseUrlOf(req)));
    }),
  );

  router.delete(
    '/channels/webchat/:key',
    route(async (_req, res) => {
      const removed = await deps.widgets.remove(authOf(res).teamId, String(_req.params.key));
      if (!removed) throw new DomainError('not-found', 'No such chat widget in your team');
      res.status(204).end();
    }),
  );
  return router;
}
