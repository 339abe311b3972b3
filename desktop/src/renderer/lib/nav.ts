// The screens of the app, in navigation order, with their `G <key>` shortcut and their icon (lucide-react,
// issue 64: no Unicode or emoji characters as icons, some render as boxes without an emoji font).
import {
  BookOpen,
  Bot,
  ChartColumn,
  Inbox,
  Kanban,
  Package,
  Settings,
  SquareCheckBig,
  Users,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import type { MessageKey } from '../i18n/i18n';

export const screens = [
  { id: 'inbox', key: 'nav.inbox', icon: Inbox, hotkey: 'i' },
  { id: 'leads', key: 'nav.leads', icon: Kanban, hotkey: 'l' },
  { id: 'contacts', key: 'nav.contacts', icon: Users, hotkey: 'c' },
  { id: 'tasks', key: 'nav.tasks', icon: SquareCheckBig, hotkey: 't' },
  { id: 'catalog', key: 'nav.catalog', icon: Package, hotkey: 'p' },
  { id: 'knowledge', key: 'nav.knowledge', icon: BookOpen, hotkey: 'k' },
  { id: 'agents', key: 'nav.agents', icon: Bot, hotkey: 'a' },
  { id: 'activity', key: 'nav.activity', icon: Zap, hotkey: 'v' },
  { id: 'analytics', key: 'nav.analytics', icon: ChartColumn, hotkey: 'n' },
  { id: 'settings', key: 'nav.settings', icon: Settings, hotkey: 's' },
] as const satisfies readonly { id: string; key: MessageKey; icon: LucideIcon; hotkey: string }[];
