// Native (or web) notifications for what a rep must not miss, raised by docs arriving from the
// server: a new lead, a conversation handed off to a human, a failed delivery. Also keeps the tray
// and the window title's unread count current.
import type { Translate } from '../i18n/i18n';
import { platform } from '../platform/platform';
import type { Workspace } from './workspace';

export function startNotifier(ws: Workspace, t: Translate): () => void {
  const startedAt = Date.now();
  const fresh = (iso: string | undefined) => !!iso && Date.parse(iso) >= startedAt - 60_000;
  const subs = [
    ws.db.leads.insert$.subscribe((e) => {
      const lead = e.documentData;
      if (fresh(lead.createdAt) && lead.source.campaign !== 'csv-import' && lead.source.channel !== 'manual') {
        void platform.showNotification({ kind: 'new-lead', title: t('nav.leads'), body: lead.title, route: `#/deals/${encodeURIComponent(lead.id)}` });
      }
    }),
    ws.db.conversations.$.subscribe((e) => {
      const c = e.documentData;
      const before = e.previousDocumentData;
      if (c && c.mode === 'human' && c.handoffReason && before && before.mode === 'ai' && fresh(c.updatedAt)) {
        void platform.showNotification({
          kind: 'handoff',
          title: t('inbox.handoff', { reason: c.handoffReason }),
          body: c.lastMessagePreview ?? '',
          route: `#/inbox/${encodeURIComponent(c.id)}`,
        });
      }
    }),
    ws.db.messages.$.subscribe((e) => {
      const m = e.documentData;
      const before = e.previousDocumentData;
      if (m && m.delivery.status === 'failed' && before?.delivery.status !== 'failed') {
        void platform.showNotification({
          kind: 'delivery-failed',
          title: t('delivery.failed'),
          body: `${m.text.slice(0, 120)}${m.delivery.lastError ? ` — ${m.delivery.lastError}` : ''}`,
          route: `#/inbox/${encodeURIComponent(m.conversationId)}`,
        });
      }
    }),
  ];
  // The unread badge can wait until the first screen is up.
  const badge = setTimeout(() => {
    subs.push(
      ws.db.conversations.find({ selector: { status: 'open' } }).$.subscribe((docs) => {
        void platform.setUnreadCount(docs.reduce((n, d) => n + (d.unreadCount ?? 0), 0));
      }),
    );
  }, 2000);
  return () => {
    clearTimeout(badge);
    subs.forEach((s) => s.unsubscribe());
  };
}
