// What the API's tasks and events (tasks.ts, events.ts) share: who made one is the caller (`createdBy`,
// the server's to set, as the desktop signs its own); the link to a tracker or calendar and its push
// state (`external`, `externalSync`) are written by the integrations only (integrations/external-push.ts
// reads a rep's edit against them); the deal, contact and conversation one names must be the caller's
// team's, and a task's assignee a member of it; and the time filters of their lists.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, ServerDeps } from '../context';
import type { ApiDoc } from '../store/raw-docs';
import { apiDocs } from '../store/data';

const serverOwned = ['createdBy', 'external', 'externalSync'];

const links = [
  { field: 'contactId', collection: 'contacts', code: 'contact-not-found', what: 'Contact' },
  { field: 'leadId', collection: 'leads', code: 'lead-not-found', what: 'Lead' },
  {
    field: 'conversationId',
    collection: 'conversations',
    code: 'conversation-not-found',
    what: 'Conversation',
  },
] as const;

export function refuseFields(fields: readonly string[], message: string): never {
  throw new DomainError('validation-failed', fields.map((f) => `${f}: ${message}`).join('; '), {
    details: fields.map((path) => ({ path, message })),
  });
}

/** A create request signed by the caller (a rep, whatever the role: the access table's word for people). */
export function madeByCaller(input: Record<string, unknown>, auth: AuthContext): Record<string, unknown> {
  const bad = serverOwned.filter((f) => f in input);
  if (bad.length) refuseFields(bad, 'set by the server, leave it out');
  return { ...input, createdBy: { kind: 'rep', id: auth.userId } };
}

/** Whether a write changes `field` (any field of a new doc). */
export const changes = (doc: ApiDoc, previous: ApiDoc | null, field: string): boolean =>
  !previous || JSON.stringify(previous[field]) !== JSON.stringify(doc[field]);

/** The checks before a task or event is written (see the top of the file). */
export function checkPlanned(deps: ServerDeps) {
  return async (teamId: string, doc: ApiDoc, previous: ApiDoc | null): Promise<void> => {
    if (previous) {
      const bad = serverOwned.filter((f) => changes(doc, previous, f));
      if (bad.length) refuseFields(bad, 'cannot be changed through the API');
    }
    for (const link of links) {
      const id = doc[link.field];
      if (typeof id !== 'string' || !changes(doc, previous, link.field)) continue;
      if (!(await apiDocs(deps.store, teamId, link.collection).get(id))) {
        throw new DomainError(link.code, `${link.what} '${id}' was not found`);
      }
    }
    const assignee = doc.assigneeId;
    if (typeof assignee === 'string' && changes(doc, previous, 'assigneeId') && deps.members) {
      const members = await deps.members.list(teamId);
      if (!members.some((m) => m.id === assignee)) {
        refuseFields(['assigneeId'], `'${assignee}' is not a member of the team`);
      }
    }
  };
}

const ref = z.string().min(1).max(128);

/** The list filters by what a task or event is about (its deal, customer and conversation). */
export const linkFilters = {
  leadId: ref.optional(),
  contactId: ref.optional(),
  conversationId: ref.optional(),
};

/** Whether a doc is about what the list's link filters and `status` name (each one absent: any). */
export function linksMatch(q: Record<string, unknown>, doc: ApiDoc): boolean {
  return (['status', 'leadId', 'contactId', 'conversationId'] as const).every(
    (f) => q[f] === undefined || doc[f] === q[f],
  );
}

/** Refuses a range whose start is after its end (`from`, `to`: the query's names for them). */
export function checkRange(query: Record<string, unknown>, from: string, to: string): void {
  const start = query[from];
  const end = query[to];
  if (typeof start === 'string' && typeof end === 'string' && Date.parse(start) > Date.parse(end)) {
    refuseFields([from], `must not be after ${to}`);
  }
}

/** Whether a doc's time is within `from`..`to` (both included); without one, a range excludes the doc. */
export function inRange(value: unknown, from: unknown, to: unknown): boolean {
  if (from === undefined && to === undefined) return true;
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) return false;
  return (
    (typeof from !== 'string' || at >= Date.parse(from)) && (typeof to !== 'string' || at <= Date.parse(to))
  );
}
