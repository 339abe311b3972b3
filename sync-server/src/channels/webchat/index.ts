// The web chat wing. Settings: widgets.ts (widgets in app_channels) and widgets-router.ts (the admin
// API). Inbound and delivery: webchat-router.ts, the public endpoints the embeddable widget
// (widget-script.ts) calls, guarded by webchat-guard.ts; a visitor's message goes through the
// shared intake, and a reply counts as sent once the widget has fetched it; a file the team sent is the
// visitor's to download (told to ctx.fileOpened).
import type { ChannelWing } from '../port';
import { createWebchatRouter } from './webchat-router';
import { createWidgets } from './widgets';
import { widgetRoutes } from './widgets-router';

export const webchatChannel = {
  name: 'webchat',
  open(ctx) {
    const widgets = createWidgets(ctx.store, ctx.now);
    const router = createWebchatRouter({
      store: ctx.store,
      widgets,
      now: ctx.now,
      log: ctx.log,
      ...(ctx.drafts ? { drafts: ctx.drafts } : {}),
      ...(ctx.fileOpened ? { onFileOpened: ctx.fileOpened } : {}),
      ...(ctx.config.PUBLIC_URL ? { publicUrl: ctx.config.PUBLIC_URL } : {}),
      limits: {
        messagesPerMinute: ctx.config.WEBCHAT_MESSAGES_PER_MINUTE,
        newVisitorsPerHour: ctx.config.WEBCHAT_NEW_VISITORS_PER_HOUR,
      },
    });
    return {
      publicRoutes: [{ path: '/webchat', handler: router }],
      apiRoutes: [widgetRoutes(widgets, ctx.config.PUBLIC_URL)],
      connected: async (teamId) => (await widgets.list(teamId)).length > 0,
    };
  },
} satisfies ChannelWing;
