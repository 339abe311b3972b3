// The tray icon and its menu: open a screen, see unread conversations, quit.

export const trayIconDataUrl =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAANElEQVR4nGNQTX7NQAnGJvifAMZrACHNGIaQoxnFEHI1ww0ZNWBYGUBxQqJKUqZKZiIZAwDRph5zbWmobgAAAABJRU5ErkJggg==';

export type TrayMenuItem = { label: string; click: () => void; enabled?: boolean } | { type: 'separator' };

export type TrayActions = { open(route: string): void; quit(): void };

export function trayTooltip(unread: number): string {
  return unread > 0 ? `Sales Workspace — ${unread} unread` : 'Sales Workspace';
}

export function trayMenuTemplate(unread: number, actions: TrayActions): TrayMenuItem[] {
  return [
    { label: unread > 0 ? `Inbox (${unread} unread)` : 'Inbox', click: () => actions.open('#/inbox') },
    { label: 'Leads', click: () => actions.open('#/leads') },
    { label: 'Activity', click: () => actions.open('#/activity') },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}
