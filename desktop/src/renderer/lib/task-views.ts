// What the Tasks screen shows: whose tasks (mine, unassigned, the team's), which (open, overdue, due
// today, upcoming, done), in what order, grouped by deal, and how a due time reads ("in 2 hours",
// "yesterday"). Overdue and today are judged in the rep's time zone. Pure: the screen and its unit
// tests call the same functions.
import type { TaskDoc } from '@app/shared/schemas';
import { addDays, dayKey, zonedInstant, type DayKey } from '@app/shared/time';

export const taskTabs = ['open', 'overdue', 'today', 'upcoming', 'done'] as const;
export type TaskTab = (typeof taskTabs)[number];
export const taskScopes = ['mine', 'unassigned', 'team'] as const;
export type TaskScope = (typeof taskScopes)[number];

export type TaskLike = Pick<
  TaskDoc,
  'id' | 'title' | 'status' | 'dueAt' | 'priority' | 'assigneeId' | 'leadId' | 'createdBy' | 'updatedAt'
>;

export type ViewContext = {
  now: number;
  timeZone: string;
  /** The signed-in member's id. */
  me: string;
  /** A deal's owner, for tasks nobody was assigned (an agent's): they are the deal owner's. */
  ownerOf?: (leadId: string) => string | undefined;
};

const dueMs = (t: Pick<TaskLike, 'dueAt'>) => (t.dueAt ? Date.parse(t.dueAt) : NaN);

/** Where an open task's due time stands: past, later today, after today, or no due time. */
export function dueState(
  task: Pick<TaskLike, 'dueAt'>,
  now: number,
  timeZone: string,
): 'overdue' | 'today' | 'upcoming' | 'none' {
  const due = dueMs(task);
  if (Number.isNaN(due)) return 'none';
  if (due < now) return 'overdue';
  return dayKey(due, timeZone) === dayKey(now, timeZone) ? 'today' : 'upcoming';
}

/** Whether a task is the member's: assigned to them, or unassigned on a deal they own or that they wrote. */
export function isMine(task: TaskLike, ctx: Pick<ViewContext, 'me' | 'ownerOf'>): boolean {
  if (task.assigneeId) return task.assigneeId === ctx.me;
  if (task.leadId && ctx.ownerOf?.(task.leadId) === ctx.me) return true;
  return task.createdBy.kind === 'rep' && task.createdBy.id === ctx.me;
}

export function inScope(task: TaskLike, scope: TaskScope, ctx: ViewContext): boolean {
  if (scope === 'team') return true;
  if (scope === 'unassigned') return !task.assigneeId;
  return isMine(task, ctx);
}

/**
 * Tabs: every open task; open ones past due; open ones due on today's date (also those whose hour has
 * passed: still today's work); open ones due after today; done ones. Cancelled tasks show nowhere.
 */
export function inTab(task: TaskLike, tab: TaskTab, ctx: Pick<ViewContext, 'now' | 'timeZone'>): boolean {
  if (tab === 'done') return task.status === 'done';
  if (task.status !== 'open') return false;
  if (tab === 'open') return true;
  const due = dueMs(task);
  if (Number.isNaN(due)) return false;
  if (tab === 'overdue') return due < ctx.now;
  const today = dayKey(ctx.now, ctx.timeZone);
  if (tab === 'today') return dayKey(due, ctx.timeZone) === today;
  return dayKey(due, ctx.timeZone) > today;
}

const priorityRank = { high: 0, normal: 1, low: 2 } as const;

/**
 * Open tasks soonest due first (undated last), higher priority first at equal times; done tasks most
 * recently closed first.
 */
export function sortTasks<T extends TaskLike>(tasks: readonly T[], tab: TaskTab): T[] {
  if (tab === 'done') return [...tasks].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return [...tasks].sort((a, b) => {
    const da = dueMs(a);
    const db = dueMs(b);
    if (Number.isNaN(da) !== Number.isNaN(db)) return Number.isNaN(da) ? 1 : -1;
    if (!Number.isNaN(da) && da !== db) return da - db;
    const pa = priorityRank[a.priority ?? 'normal'];
    const pb = priorityRank[b.priority ?? 'normal'];
    return pa !== pb ? pa - pb : a.title.localeCompare(b.title);
  });
}

export type TaskView<T extends TaskLike> = { tasks: T[]; counts: Record<TaskTab, number> };

/** The tasks of one scope and tab, sorted, with every tab's count in that scope. */
export function viewTasks<T extends TaskLike>(
  all: readonly T[],
  scope: TaskScope,
  tab: TaskTab,
  ctx: ViewContext,
): TaskView<T> {
  const scoped = all.filter((t) => inScope(t, scope, ctx));
  const counts = Object.fromEntries(
    taskTabs.map((k) => [k, scoped.filter((t) => inTab(t, k, ctx)).length]),
  ) as Record<TaskTab, number>;
  return {
    tasks: sortTasks(
      scoped.filter((t) => inTab(t, tab, ctx)),
      tab,
    ),
    counts,
  };
}

export type DealGroup<T> = { leadId: string | undefined; tasks: T[] };

/**
 * Tasks by deal, keeping the order they came in (the group of the first task comes first); tasks with
 * no deal form the last group.
 */
export function groupByDeal<T extends TaskLike>(tasks: readonly T[]): DealGroup<T>[] {
  const groups = new Map<string, T[]>();
  const loose: T[] = [];
  for (const t of tasks) {
    if (!t.leadId) loose.push(t);
    else groups.set(t.leadId, [...(groups.get(t.leadId) ?? []), t]);
  }
  const out: DealGroup<T>[] = [...groups].map(([leadId, list]) => ({ leadId, tasks: list }));
  if (loose.length) out.push({ leadId: undefined, tasks: loose });
  return out;
}

/** Days between two calendar days (`b` − `a`). */
function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * A due time relative to now in words of the language (`rtf` with `numeric: 'auto'`): minutes or hours
 * within the same day ("in 20 minutes", "2 hours ago"), else calendar days ("tomorrow", "3 days
 * ago"), months beyond two months.
 */
export function relativeDue(
  iso: string,
  now: number,
  timeZone: string,
  rtf: Pick<Intl.RelativeTimeFormat, 'format'>,
): string {
  const due = Date.parse(iso);
  if (Number.isNaN(due)) return '';
  const days = daysBetween(dayKey(now, timeZone), dayKey(due, timeZone));
  const minutes = Math.round((due - now) / 60_000);
  if (days === 0 || Math.abs(minutes) < 6 * 60) {
    if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
    return rtf.format(Math.round(minutes / 60), 'hour');
  }
  if (Math.abs(days) < 60) return rtf.format(days, 'day');
  return rtf.format(Math.round(days / 30), 'month');
}

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, in the rep's zone. */
export function toLocalInput(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const key = dayKey(ms, timeZone);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
  return `${key}T${time}`;
}

/** The instant of a datetime-local input's value in the rep's zone, or undefined when it is not one. */
export function fromLocalInput(value: string, timeZone: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  const ms = zonedInstant(m[1]!, Number(m[2]), Number(m[3]), timeZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The default due time of a new task: the end of the rep's working day today, or tomorrow's if past. */
export function defaultDue(now: number, timeZone: string, at = 18): { day: DayKey; hour: number } {
  const today = dayKey(now, timeZone);
  const hourNow = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now),
  );
  return hourNow < at ? { day: today, hour: at } : { day: addDays(today, 1), hour: at };
}
