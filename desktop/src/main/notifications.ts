// Native notifications for what a rep must not miss: a new lead, a hand-off to a human, a failed
// delivery. Clicking one focuses the window on the matching screen.
import type { NotificationKind, NotificationRequest } from '@app/shared/ipc';

export type NotificationOptionsLike = {
  title: string;
  body: string;
  silent: boolean;
  urgency: 'normal' | 'critical';
};

const urgent: Record<NotificationKind, boolean> = {
  'new-lead': false,
  handoff: true,
  'delivery-failed': true,
  reminder: true,
};

export function notificationOptions(request: NotificationRequest): NotificationOptionsLike {
  return {
    title: request.title.slice(0, 200),
    body: request.body.slice(0, 1000),
    silent: !urgent[request.kind],
    urgency: urgent[request.kind] ? 'critical' : 'normal',
  };
}

export function defaultRouteFor(kind: NotificationKind): string {
  return kind === 'new-lead' ? '#/leads' : kind === 'reminder' ? '#/tasks' : '#/inbox';
}
