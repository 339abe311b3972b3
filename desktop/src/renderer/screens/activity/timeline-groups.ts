// The Activity timeline's rows, grouped as Intercom's and HubSpot's activity read (issue 64): under each
// day (the rep's time zone), one group per conversation, the one with the newest step first; in a group,
// each customer message the agents handled (a run), newest first, as the customer's words quoted short,
// followed by what the agents did with it in the order they did it. Steps of no conversation form a
// group without a head. The rows are flat, for the virtualised list.
import { timelineRows, type ActivityEntry } from '../../lib/activity-labels';
import type { Locale, Translate } from '../../i18n/i18n';

/** A conversation's head: who, on which channel, and where its conversation and deal are. */
export type GroupHead = {
  key: string;
  conversationId?: string;
  contactId?: string;
  leadId?: string;
  channel?: string;
  who?: string;
  /** Any of the group's entries arrived while the screen was open. */
  fresh: boolean;
};

export type GroupedRow =
  | { type: 'day'; key: string; label: string }
  | { type: 'group'; key: string; head: GroupHead }
  | { type: 'quote'; key: string; messageId: string; at: string }
  | {
      type: 'entry';
      key: string;
      entry: ActivityEntry;
      last: boolean;
      fresh: boolean;
      /** False when the quote above it already shows the same minute. */
      showTime: boolean;
    };

/** What the group's entries say about the conversation, the contact and the deal (their links). */
function headOf(key: string, entries: readonly ActivityEntry[], fresh: ReadonlySet<string>): GroupHead {
  const linked = (kind: 'contact' | 'deal') => {
    const href = entries.flatMap((e) => e.links).find((l) => l.kind === kind)?.href;
    return href ? decodeURIComponent(href.slice(href.lastIndexOf('/') + 1)) : undefined;
  };
  const first = entries[0];
  const contactId = linked('contact');
  const leadId = linked('deal');
  return {
    key,
    ...(first?.conversationId ? { conversationId: first.conversationId } : {}),
    ...(contactId ? { contactId } : {}),
    ...(leadId ? { leadId } : {}),
    ...(first?.channel ? { channel: first.channel } : {}),
    ...(first?.who ? { who: first.who } : {}),
    fresh: entries.some((e) => fresh.has(e.id)),
  };
}

/** Oldest first; steps logged at the same moment in the order the run logged them (their ids count up). */
const inOrder = (a: ActivityEntry, b: ActivityEntry) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A group's entries (newest first) as runs: newest run first, each run's steps oldest first. */
function runsOf(entries: readonly ActivityEntry[]): ActivityEntry[][] {
  const runs = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const key = e.runId ?? e.id;
    runs.set(key, [...(runs.get(key) ?? []), e]);
  }
  return [...runs.values()].map((run) => [...run].sort(inOrder));
}

/** The same minute (the timeline shows hours and minutes). */
const sameMinute = (a: string, b: string) => a.slice(0, 16) === b.slice(0, 16);

/** One day's entries (newest first) as groups by conversation, the group with the newest step first. */
function dayGroups(day: string, entries: readonly ActivityEntry[], fresh: ReadonlySet<string>): GroupedRow[] {
  const groups = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const key = e.conversationId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const rows: GroupedRow[] = [];
  for (const [conversation, list] of groups) {
    const key = `${day}|${conversation}`;
    if (conversation) rows.push({ type: 'group', key, head: headOf(key, list, fresh) });
    const runs = runsOf(list);
    runs.forEach((run, r) => {
      const lastRun = r === runs.length - 1;
      const messageId = run.find((e) => e.messageId)?.messageId;
      const quoted = !!messageId && !!conversation;
      if (quoted)
        rows.push({ type: 'quote', key: `${key}|${run[0]!.runId ?? run[0]!.id}`, messageId, at: run[0]!.at });
      run.forEach((entry, i) =>
        rows.push({
          type: 'entry',
          key: entry.id,
          entry,
          last: lastRun && i === run.length - 1,
          fresh: fresh.has(entry.id),
          showTime: !quoted || !sameMinute(entry.at, run[0]!.at),
        }),
      );
    });
  }
  return rows;
}

/**
 * The timeline's rows: a heading per day ("Today", "Yesterday", else the date), the day's groups by
 * conversation, the runs' quotes and their steps. `fresh` holds the ids of entries that arrived live.
 */
export function groupedRows(
  entries: readonly ActivityEntry[],
  o: { t: Translate; locale: Locale; timeZone: string; now: number; fresh?: ReadonlySet<string> },
): GroupedRow[] {
  const fresh = o.fresh ?? new Set<string>();
  const rows: GroupedRow[] = [];
  let day: { key: string; entries: ActivityEntry[] } | undefined;
  const flush = () => day && rows.push(...dayGroups(day.key, day.entries, fresh));
  for (const row of timelineRows(entries, o)) {
    if (row.type === 'day') {
      flush();
      rows.push({ type: 'day', key: `day:${row.key}`, label: row.label });
      day = { key: row.key, entries: [] };
    } else day?.entries.push(row.entry);
  }
  flush();
  return rows;
}
