// The screens of the app, in navigation order, with their `G <key>` shortcut.
import type { MessageKey } from '../i18n/i18n';

export const screens = [
  { id: 'inbox', key: 'nav.inbox', icon: '✉', hotkey: 'i' },
  { id: 'leads', key: 'nav.leads', icon: '◧', hotkey: 'l' },
  { id: 'contacts', key: 'nav.contacts', icon: '☺', hotkey: 'c' },
  { id: 'tasks', key: 'nav.tasks', icon: '☑', hotkey: 't' },
  { id: 'catalog', key: 'nav.catalog', icon: '▦', hotkey: 'p' },
  { id: 'knowledge', key: 'nav.knowledge', icon: '❖', hotkey: 'k' },
  { id: 'agents', key: 'nav.agents', icon: '⚙', hotkey: 'a' },
  { id: 'activity', key: 'nav.activity', icon: '⚡', hotkey: 'v' },
  { id: 'analytics', key: 'nav.analytics', icon: '▤', hotkey: 'n' },
  { id: 'settings', key: 'nav.settings', icon: '☰', hotkey: 's' },
] as const satisfies readonly { id: string; key: MessageKey; icon: string; hotkey: string }[];
