// Plans a contact import without writing: every row is checked, deduplicated by e-mail, phone and
// Telegram id against existing contacts and earlier rows, turned into validated docs, and reported.
// Only verified identifiers merge a row into an existing contact: an e-mail or phone a customer only
// typed in a chat (claimed) could be someone else's, so a row that matches nothing but a claimed one
// is not written; it comes back as a proposed merge for a rep to confirm (confirm the identifier on
// the contact, then import again).
import { newId } from '@app/shared/ids';
import { contactPointStatus, type ContactPointField } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { ApiDoc } from '../store/raw-docs';
import { emailKey, phoneKey, type ContactFields, type RowFields } from './row-fields';

export type RowStatus = 'created' | 'updated' | 'skipped' | 'failed' | 'proposed';
/** A merge the import did not do: the row matches the contact only by identifiers it merely claimed. */
export type MergeProposal = { row: number; contactId: string; matchedBy: string[]; reason: string };
export type RowReport = {
  row: number;
  status: RowStatus;
  contactId?: string;
  leadId?: string;
  lead?: 'created' | 'exists';
  reason?: string;
  proposal?: MergeProposal;
};
export type PlannedWrite = {
  collection: 'contacts' | 'leads' | 'products';
  doc: ApiDoc;
  rev?: string;
  previous?: ApiDoc & { _rev: string };
};
export type ImportPlan = { writes: PlannedWrite[]; rows: RowReport[]; proposals: MergeProposal[] };
export type PlanInput = { row: number; fields?: RowFields; reasons?: string[] };
type Identity = { channel: string; externalId: string; username?: string };

export function contactKeys(c: {
  id?: unknown;
  email?: unknown;
  phone?: unknown;
  identities?: unknown;
}): string[] {
  const keys: string[] = [];
  if (typeof c.email === 'string' && c.email) keys.push(`email:${emailKey(c.email)}`);
  if (typeof c.phone === 'string' && phoneKey(c.phone).length >= 5) keys.push(`phone:${phoneKey(c.phone)}`);
  for (const i of Array.isArray(c.identities) ? (c.identities as Identity[]) : []) {
    if (i.channel === 'telegram' && i.externalId) keys.push(`tg:${i.externalId.toLowerCase()}`);
    if (i.channel === 'telegram' && i.username) keys.push(`tgu:${i.username.toLowerCase()}`);
  }
  return keys;
}

/** An existing contact's keys, split by whether they may merge rows into it. */
export function trustedKeys(c: ApiDoc): { verified: string[]; claimed: string[] } {
  const claimedFields = (['email', 'phone'] as ContactPointField[]).filter(
    (f) => contactPointStatus(c as Parameters<typeof contactPointStatus>[0], f) === 'claimed',
  );
  const claimed = contactKeys({
    ...(claimedFields.includes('email') ? { email: c.email } : {}),
    ...(claimedFields.includes('phone') ? { phone: c.phone } : {}),
  });
  return { verified: contactKeys(c).filter((k) => !claimed.includes(k)), claimed };
}

function identitiesFor(c: ContactFields): Identity[] {
  if (c.telegramId)
    return [
      {
        channel: 'telegram',
        externalId: c.telegramId,
        ...(c.telegramUsername ? { username: c.telegramUsername } : {}),
      },
    ];
  if (c.telegramUsername)
    return [{ channel: 'telegram', externalId: `@${c.telegramUsername}`, username: c.telegramUsername }];
  return [];
}

const scalarFields = [
  'name',
  'company',
  'position',
  'email',
  'phone',
  'notes',
  'language',
  'ownerId',
  'optOut',
] as const;

/** The existing contact with the row's values merged in, and which fields changed. */
function merge(existing: ApiDoc, c: ContactFields): { doc: ApiDoc; changed: string[] } {
  const { _rev: _ignored, ...doc } = existing as ApiDoc & { _rev?: string };
  const changed: string[] = [];
  for (const f of scalarFields) {
    const v = c[f];
    if (
      f === 'phone' &&
      typeof v === 'string' &&
      typeof doc.phone === 'string' &&
      phoneKey(v) === phoneKey(doc.phone)
    )
      continue;
    if (v !== undefined && v !== '' && doc[f] !== v) {
      doc[f] = v;
      changed.push(f);
    }
  }
  const ids = Array.isArray(doc.identities) ? [...(doc.identities as Identity[])] : [];
  for (const identity of identitiesFor(c)) {
    const known = ids.some(
      (i) =>
        i.channel === 'telegram' &&
        (i.externalId === identity.externalId || (identity.username && i.username === identity.username)),
    );
    if (!known) ids.push(identity);
  }
  if (ids.length !== (Array.isArray(doc.identities) ? doc.identities.length : 0)) {
    doc.identities = ids;
    changed.push('identities');
  }
  const tags = Array.isArray(doc.tags) ? (doc.tags as string[]) : [];
  const more = (c.tags ?? []).filter((t) => !tags.includes(t));
  if (more.length) {
    doc.tags = [...tags, ...more];
    changed.push('tags');
  }
  return { doc, changed };
}

function stamp(doc: ApiDoc, fields: string[], at: string, created: boolean): void {
  if (created) doc.createdAt = at;
  doc.updatedAt = at;
  const fieldUpdatedAt = { ...((doc.fieldUpdatedAt ?? {}) as Record<string, string>) };
  for (const f of fields) fieldUpdatedAt[f] = at;
  doc.fieldUpdatedAt = fieldUpdatedAt;
}

function newContact(c: ContactFields): ApiDoc {
  const { telegramId: _t, telegramUsername: _u, id, ...rest } = c;
  // A row without a name shows its e-mail, phone or username instead.
  const name =
    c.name || c.email || c.phone || (c.telegramUsername ? `@${c.telegramUsername}` : (c.telegramId ?? ''));
  const doc: ApiDoc = {
    id: id ?? newId('contact'),
    name,
    identities: identitiesFor(c),
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
  };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== '' && k !== 'name') doc[k] = v;
  return doc;
}

export function planImport(
  inputs: PlanInput[],
  existing: (ApiDoc & { _rev: string })[],
  leads: ApiDoc[],
  now: Date,
): ImportPlan {
  const at = now.toISOString();
  const byKey = new Map<string, ApiDoc & { _rev: string }>();
  const byClaimedKey = new Map<string, ApiDoc[]>();
  const byId = new Map(existing.map((d) => [d.id, d]));
  for (const d of existing) {
    const keys = trustedKeys(d);
    for (const k of keys.verified) if (!byKey.has(k)) byKey.set(k, d);
    for (const k of keys.claimed) byClaimedKey.set(k, [...(byClaimedKey.get(k) ?? []), d]);
  }
  const proposals: MergeProposal[] = [];
  const leadTitles = new Set(leads.map((l) => `${String(l.contactId)}\n${String(l.title).toLowerCase()}`));
  const seenKeys = new Map<string, number>();
  const touched = new Map<string, number>();
  const writes: PlannedWrite[] = [];
  const rows: RowReport[] = [];

  for (const input of inputs) {
    if (!input.fields) {
      rows.push({ row: input.row, status: 'failed', reason: (input.reasons ?? []).join('; ') });
      continue;
    }
    const { contact: c, lead } = input.fields;
    const writesBefore = writes.length;
    const keys = contactKeys({ email: c.email, phone: c.phone, identities: identitiesFor(c) });
    const dupKey = keys.find((k) => seenKeys.has(k));
    const matches = [
      ...new Set([
        ...(c.id && byId.has(c.id) ? [byId.get(c.id)!] : []),
        ...keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : [])),
      ]),
    ];
    let report: RowReport;
    if (dupKey) {
      report = {
        row: input.row,
        status: 'skipped',
        reason: `duplicate of row ${seenKeys.get(dupKey)} (same ${dupKey.split(':')[0]})`,
      };
      const earlier = rows.find((r) => r.row === seenKeys.get(dupKey));
      if (earlier?.contactId) report.contactId = earlier.contactId;
    } else if (matches.length === 0 && keys.some((k) => byClaimedKey.has(k))) {
      const claimedBy = keys.filter((k) => byClaimedKey.has(k));
      const [candidate] = byClaimedKey.get(claimedBy[0]!)!;
      const proposal: MergeProposal = {
        row: input.row,
        contactId: candidate!.id,
        matchedBy: [...new Set(claimedBy.map((k) => k.split(':')[0]!))],
        reason:
          'matches only identifiers the customer typed in a chat (not verified); confirm them on the contact and import again to merge',
      };
      proposals.push(proposal);
      report = {
        row: input.row,
        status: 'proposed',
        contactId: candidate!.id,
        reason: proposal.reason,
        proposal,
      };
    } else if (matches.length > 1) {
      report = {
        row: input.row,
        status: 'failed',
        reason: `matches several contacts: ${matches.map((m) => m.id).join(', ')}`,
      };
    } else if (matches.length === 1) {
      const target = matches[0]!;
      if (touched.has(target.id)) {
        report = {
          row: input.row,
          status: 'skipped',
          contactId: target.id,
          reason: `duplicate of row ${touched.get(target.id)} (same contact)`,
        };
      } else {
        const { doc, changed } = merge(target, c);
        if (!changed.length)
          report = { row: input.row, status: 'skipped', contactId: target.id, reason: 'unchanged' };
        else {
          stamp(doc, changed, at, false);
          const v = validateDoc('contacts', doc);
          if (!v.ok) report = { row: input.row, status: 'failed', reason: v.message };
          else {
            writes.push({ collection: 'contacts', doc, rev: target._rev, previous: target });
            report = { row: input.row, status: 'updated', contactId: target.id };
          }
        }
        touched.set(target.id, input.row);
      }
    } else {
      const doc = newContact(c);
      stamp(
        doc,
        Object.keys(doc).filter((k) => k !== 'id'),
        at,
        true,
      );
      const v = validateDoc('contacts', doc);
      if (!v.ok) report = { row: input.row, status: 'failed', reason: v.message };
      else {
        writes.push({ collection: 'contacts', doc });
        report = { row: input.row, status: 'created', contactId: doc.id };
        touched.set(doc.id, input.row);
      }
    }
    if (report.status !== 'failed') for (const k of keys) if (!seenKeys.has(k)) seenKeys.set(k, input.row);
    if (lead && report.contactId && report.status !== 'failed' && report.status !== 'proposed') {
      const key = `${report.contactId}\n${lead.title.toLowerCase()}`;
      if (leadTitles.has(key)) report.lead = 'exists';
      else {
        const doc: ApiDoc = {
          id: newId('lead'),
          contactId: report.contactId,
          title: lead.title,
          pipelineId: lead.pipelineId,
          stage: lead.stage,
          ...(lead.amount === undefined ? {} : { value: { amount: lead.amount, currency: lead.currency } }),
          source: { channel: 'manual', campaign: 'csv-import' },
          stageChangedAt: at,
        };
        stamp(
          doc,
          Object.keys(doc).filter((k) => k !== 'id'),
          at,
          true,
        );
        const v = validateDoc('leads', doc);
        if (!v.ok) {
          writes.length = writesBefore;
          report = { row: input.row, status: 'failed', reason: `lead: ${v.message}` };
        } else {
          leadTitles.add(key);
          writes.push({ collection: 'leads', doc });
          report.lead = 'created';
          report.leadId = doc.id;
        }
      }
    }
    rows.push(report);
  }
  return { writes, rows, proposals };
}
