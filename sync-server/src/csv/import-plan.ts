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

/** What planning keeps across rows: the team's contacts by key and id, what the rows did so far. */
type PlanState = {
  at: string;
  byKey: Map<string, ApiDoc & { _rev: string }>;
  byClaimedKey: Map<string, ApiDoc[]>;
  byId: Map<unknown, ApiDoc & { _rev: string }>;
  proposals: MergeProposal[];
  leadTitles: Set<string>;
  seenKeys: Map<string, number>;
  touched: Map<string, number>;
  writes: PlannedWrite[];
  rows: RowReport[];
};

export function planImport(
  inputs: PlanInput[],
  existing: (ApiDoc & { _rev: string })[],
  leads: ApiDoc[],
  now: Date,
): ImportPlan {
  const st: PlanState = {
    at: now.toISOString(),
    byKey: new Map(),
    byClaimedKey: new Map(),
    byId: new Map(existing.map((d) => [d.id, d])),
    proposals: [],
    leadTitles: new Set(leads.map((l) => `${String(l.contactId)}\n${String(l.title).toLowerCase()}`)),
    seenKeys: new Map(),
    touched: new Map(),
    writes: [],
    rows: [],
  };
  for (const d of existing) {
    const keys = trustedKeys(d);
    for (const k of keys.verified) if (!st.byKey.has(k)) st.byKey.set(k, d);
    for (const k of keys.claimed) st.byClaimedKey.set(k, [...(st.byClaimedKey.get(k) ?? []), d]);
  }
  for (const input of inputs) {
    if (!input.fields) {
      st.rows.push({ row: input.row, status: 'failed', reason: (input.reasons ?? []).join('; ') });
      continue;
    }
    const { contact: c, lead } = input.fields;
    const writesBefore = st.writes.length;
    const keys = contactKeys({ email: c.email, phone: c.phone, identities: identitiesFor(c) });
    let report = planContact(st, input.row, c, keys);
    if (report.status !== 'failed')
      for (const k of keys) if (!st.seenKeys.has(k)) st.seenKeys.set(k, input.row);
    if (lead && report.contactId && report.status !== 'failed' && report.status !== 'proposed')
      report = planLead(st, { row: input.row, lead, report, writesBefore });
    st.rows.push(report);
  }
  return { writes: st.writes, rows: st.rows, proposals: st.proposals };
}

type RowContact = NonNullable<PlanInput['fields']>['contact'];
type RowLead = NonNullable<NonNullable<PlanInput['fields']>['lead']>;

/** A row's contact: a duplicate row, a proposal, a refusal, an update or a new contact. */
function planContact(st: PlanState, row: number, c: RowContact, keys: string[]): RowReport {
  const { at, byKey, byClaimedKey, byId, proposals, seenKeys, touched, writes, rows } = st;
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
      row: row,
      status: 'skipped',
      reason: `duplicate of row ${seenKeys.get(dupKey)} (same ${dupKey.split(':')[0]})`,
    };
    const earlier = rows.find((r) => r.row === seenKeys.get(dupKey));
    if (earlier?.contactId) report.contactId = earlier.contactId;
  } else if (matches.length === 0 && keys.some((k) => byClaimedKey.has(k))) {
    const claimedBy = keys.filter((k) => byClaimedKey.has(k));
    const [candidate] = byClaimedKey.get(claimedBy[0]!)!;
    const proposal: MergeProposal = {
      row: row,
      contactId: candidate!.id,
      matchedBy: [...new Set(claimedBy.map((k) => k.split(':')[0]!))],
      reason:
        'matches only identifiers the customer typed in a chat (not verified); confirm them on the contact and import again to merge',
    };
    proposals.push(proposal);
    report = {
      row: row,
      status: 'proposed',
      contactId: candidate!.id,
      reason: proposal.reason,
      proposal,
    };
  } else if (matches.length > 1) {
    report = {
      row: row,
      status: 'failed',
      reason: `matches several contacts: ${matches.map((m) => m.id).join(', ')}`,
    };
  } else if (matches.length === 1) {
    const target = matches[0]!;
    if (touched.has(target.id)) {
      report = {
        row: row,
        status: 'skipped',
        contactId: target.id,
        reason: `duplicate of row ${touched.get(target.id)} (same contact)`,
      };
    } else {
      const { doc, changed } = merge(target, c);
      if (!changed.length)
        report = { row: row, status: 'skipped', contactId: target.id, reason: 'unchanged' };
      else {
        stamp(doc, changed, at, false);
        const v = validateDoc('contacts', doc);
        if (!v.ok) report = { row: row, status: 'failed', reason: v.message };
        else {
          writes.push({ collection: 'contacts', doc, rev: target._rev, previous: target });
          report = { row: row, status: 'updated', contactId: target.id };
        }
      }
      touched.set(target.id, row);
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
    if (!v.ok) report = { row: row, status: 'failed', reason: v.message };
    else {
      writes.push({ collection: 'contacts', doc });
      report = { row: row, status: 'created', contactId: doc.id };
      touched.set(doc.id, row);
    }
  }
  return report;
}

/** A row's deal, for its contact (one per contact and title); a deal that fails fails the row. */
function planLead(
  st: PlanState,
  {
    row,
    lead,
    report: contactReport,
    writesBefore,
  }: { row: number; lead: RowLead; report: RowReport; writesBefore: number },
): RowReport {
  const { at, leadTitles, writes } = st;
  let report = contactReport;
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
      report = { row: row, status: 'failed', reason: `lead: ${v.message}` };
    } else {
      leadTitles.add(key);
      writes.push({ collection: 'leads', doc });
      report.lead = 'created';
      report.leadId = doc.id;
    }
  }
  return report;
}
