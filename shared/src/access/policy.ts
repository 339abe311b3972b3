// Who may do what: one table of resource x role x operation, plus field rules for the few docs whose
// content matters too. The admin API, the sync gateway and the desktop all ask this module, so they
// can never disagree. Resources are the replicated collections, the `files` store and the settings
// that live on the server only.
import { collectionNames, type CollectionName } from '../schemas/index';

/** Roles from least to most trusted; every role may do at least what the one before it may. */
export const roles = ['viewer', 'rep', 'admin'] as const;
export type Role = (typeof roles)[number];

export const operations = ['read', 'create', 'update', 'delete'] as const;
export type Operation = (typeof operations)[number];
export type WriteOperation = Exclude<Operation, 'read'>;

/**
 * Server-only resources: channel settings (Telegram, web chat widgets), integrations (task trackers,
 * calendars, webhook tools, MCP servers), members, whole-team data care, the team's model providers
 * (keys) and their usage, and contact merges (`POST /contacts/:id/merge`: one contact's conversations,
 * deals, tasks, meetings and twin moved to another, the merged one left as a tombstone).
 */
export const serverResources = [
  'channels',
  'integrations',
  'members',
  'team_data',
  'model_providers',
  'contact_merges',
] as const;
export type Resource = CollectionName | 'files' | (typeof serverResources)[number];
export const resources: readonly Resource[] = [...collectionNames, 'files', ...serverResources];

const everyone = roles;
const reps = ['rep', 'admin'] as const;
const admins = ['admin'] as const;
const nobody = [] as const;

/**
 * The table. Reps work the pipeline (contacts, leads, conversations, messages, tasks, events,
 * knowledge); admins configure what acts on its own (agent profiles, channels), the team's pipelines
 * and stages, its product catalog (what the agents quote from) and objection library (what they answer
 * objections with), and manage the team;
 * viewers read. Reps merge two contacts of their team (a merge is never undone or edited: a split is a
 * new contact the rep fills). Activity is the agents' audit log: the server writes it, no client ever does.
 * Messages are never deleted by a client (privacy erasure is `team_data` delete, on the server).
 */
// prettier-ignore
export const accessTable = {
  contacts:          { read: everyone, create: reps,   update: reps,   delete: reps },
  leads:             { read: everyone, create: reps,   update: reps,   delete: reps },
  conversations:     { read: everyone, create: reps,   update: reps,   delete: admins },
  messages:          { read: everyone, create: reps,   update: reps,   delete: nobody },
  knowledge_sources: { read: everyone, create: reps,   update: reps,   delete: reps },
  knowledge_chunks:  { read: everyone, create: reps,   update: nobody, delete: reps },
  tasks:             { read: everyone, create: reps,   update: reps,   delete: reps },
  events:            { read: everyone, create: reps,   update: reps,   delete: reps },
  activity:          { read: everyone, create: nobody, update: nobody, delete: nobody },
  agent_settings:    { read: everyone, create: admins, update: admins, delete: admins },
  pipelines:         { read: everyone, create: admins, update: admins, delete: admins },
  stage_changes:     { read: everyone, create: reps,   update: nobody, delete: admins },
  products:          { read: everyone, create: admins, update: admins, delete: admins },
  objections:        { read: everyone, create: admins, update: admins, delete: admins },
  files:             { read: everyone, create: reps,   update: reps,   delete: reps },
  channels:          { read: admins,   create: admins, update: admins, delete: admins },
  integrations:      { read: admins,   create: admins, update: admins, delete: admins },
  members:           { read: everyone, create: admins, update: admins, delete: admins },
  team_data:         { read: admins,   create: nobody, update: admins, delete: admins },
  model_providers:   { read: admins,   create: admins, update: admins, delete: admins },
  contact_merges:    { read: everyone, create: reps,   update: nobody, delete: nobody },
} as const satisfies Record<Resource, Record<Operation, readonly Role[]>>;

/**
 * What the server alone writes on a knowledge source: whether it is indexed (`status`, `error`), what
 * it counted (`chunkCount`), what it measured against the plan (`size`: the stored original's bytes, or
 * the chunks' text), and its indexing runs (`attempts`).
 */
export const serverSourceFields = ['status', 'error', 'chunkCount', 'size', 'attempts'] as const;

/** A condition on the content of one written doc, for the roles and operations it names. */
export type FieldRule = {
  roles: readonly Role[];
  ops: readonly WriteOperation[];
  /**
   * The rule binds only docs holding one of these values (dotted paths): the written doc on a
   * create, the stored one on an update or delete.
   */
  when?: Readonly<Record<string, readonly string[]>>;
  /** Values the written doc must hold (and, for updates and deletes, the stored one too). */
  require?: Readonly<Record<string, string>>;
  /** Fields an update must leave as they are. */
  fixed?: readonly string[];
  /** An update may change these top-level fields only (CouchDB's `_` fields aside). */
  only?: readonly string[];
  /** Fields (dotted paths) that must hold the caller's own user id. */
  self?: readonly string[];
  /** A check of the write as a whole: the doc written, the stored one, the caller's user id. */
  test?: (doc: Doc | undefined, previous: Doc | undefined, userId: string | undefined) => boolean;
  /**
   * The doc this one belongs to (its `key` names it, in the written doc or, for a delete, the stored
   * one): when it exists it must hold one of these values. The caller reads it (`parentOf`).
   */
  parent?: { resource: Resource; key: string; when: Readonly<Record<string, readonly string[]>> };
  /** Why, in the refusal. */
  because: string;
};
type Doc = Record<string, unknown>;

/** Outbound delivery states the server's senders own: a message in them is what the customer got. */
const sentStates = ['sending', 'sent'];
/** What a client may change of an outbound message's `delivery`: nothing, or a failed one retried. */
const deliveryKept = (doc: Doc | undefined, previous: Doc | undefined) => {
  const next = doc?.delivery as Doc | undefined;
  const before = previous?.delivery as Doc | undefined;
  if (same(next, before)) return true;
  // The retry of a failed message (Retry on its bubble, POST .../retry): waiting again, attempts kept.
  return (
    before?.status === 'failed' &&
    next?.status === 'pending' &&
    Object.keys(next).every((k) => k === 'status' || k === 'attempts') &&
    (next.attempts ?? 0) === (before.attempts ?? 0)
  );
};
/** Whether an update changes more of a message than its delivery (its text, attachments, plan, …). */
const contentChanged = (doc: Doc | undefined, previous: Doc | undefined) => {
  const keys = new Set([...Object.keys(doc ?? {}), ...Object.keys(previous ?? {})]);
  return [...keys].some(
    (k) => !k.startsWith('_') && k !== 'delivery' && k !== 'updatedAt' && !same(doc?.[k], previous?.[k]),
  );
};
/** The caller's own message, not sent yet: a rep's text is theirs to edit until it goes out. */
const ownUnsent = (previous: Doc | undefined, userId: string | undefined) =>
  !!userId &&
  valueAt(previous, 'author.kind') === 'rep' &&
  valueAt(previous, 'author.id') === userId &&
  ['pending', 'failed'].includes(String(valueAt(previous, 'delivery.status')));

export const fieldRules: Partial<Record<Resource, readonly FieldRule[]>> = {
  stage_changes: [
    {
      roles: reps,
      ops: ['create'],
      require: { 'by.kind': 'rep' },
      self: ['by.id'],
      because: "a rep records their own moves; agents' and the system's are recorded by the server",
    },
  ],
  messages: [
    {
      roles: ['rep'],
      ops: ['create'],
      require: { direction: 'outbound' },
      because: 'what customers write comes from the channels',
    },
    {
      roles: reps,
      ops: ['create'],
      when: { direction: ['outbound'] },
      require: { 'author.kind': 'rep', 'delivery.status': 'pending' },
      because:
        "a member writes as themself, a message waiting to be sent: agents' and the system's messages, and deliveries, are the server's",
    },
    {
      roles: everyone,
      ops: ['update'],
      require: { direction: 'outbound' },
      fixed: ['conversationId', 'contactId', 'channel', 'direction', 'author', 'idempotencyKey', 'createdAt'],
      because: 'only outbound messages change (edits, cancelled follow-ups, delivery), never whose or where',
    },
    {
      roles: everyone,
      ops: ['update'],
      when: { 'delivery.status': sentStates },
      only: [],
      because: 'a message sent (or being sent) is what the customer got: only the server marks its delivery',
    },
    {
      roles: everyone,
      ops: ['update'],
      test: deliveryKept,
      because: "a message's delivery is the server's: a client may only send a failed one again",
    },
    {
      roles: ['rep'],
      ops: ['update'],
      test: (doc, previous, userId) => !contentChanged(doc, previous) || ownUnsent(previous, userId),
      because:
        "a rep edits or cancels only their own messages that have not gone out; others' are the admins'",
    },
  ],
  knowledge_chunks: [
    {
      roles: everyone,
      ops: ['create', 'update', 'delete'],
      parent: { resource: 'knowledge_sources', key: 'sourceId', when: { status: ['pending'] } },
      because:
        "a source's chunks are the server's once it has taken the source up (indexing, ready, failed): only its indexing writes them",
    },
  ],
  knowledge_sources: [
    {
      roles: everyone,
      ops: ['update'],
      fixed: [...serverSourceFields],
      because:
        "a source's status, chunk count and size are the server's: it indexes the source within the plan",
    },
  ],
};

/**
 * Fields the server writes itself on a client's write that passed the checks, whatever the client
 * sent, for docs that hold the `when` values: the caller's own user id (`self`), fixed values (`set`),
 * or nothing (`unset`: the server fills them in later). Stamped, not refused: a device that wrote
 * something else offline would otherwise lose what it wrote.
 */
export type StampRule = {
  roles: readonly Role[];
  ops: readonly WriteOperation[];
  /** Values the written doc holds for the rule to apply. */
  when: Readonly<Record<string, string>>;
  /** Fields (dotted paths) set to the caller's user id. */
  self?: readonly string[];
  /** Top-level fields set to these values. */
  set?: Readonly<Record<string, string>>;
  /** Top-level fields removed. */
  unset?: readonly string[];
  because: string;
};

export const stampRules: Partial<Record<Resource, readonly StampRule[]>> = {
  messages: [
    {
      roles: reps,
      ops: ['create'],
      when: { direction: 'outbound', 'author.kind': 'rep' },
      self: ['author.id'],
      because: "a rep's message is signed by the member who sent it, never by another member",
    },
  ],
  knowledge_sources: [
    {
      roles: reps,
      ops: ['create'],
      when: {},
      set: { status: 'pending' },
      unset: serverSourceFields.filter((f) => f !== 'status'),
      because:
        'a source a device adds waits for the server, which measures it against the plan and indexes it',
    },
  ],
};

export type Permission = { resource: Resource; op: Operation };
export type Verdict = { ok: true } | { ok: false; reason: string };

const allowed = (): Verdict => ({ ok: true });

/** Whether `role` may do `op` on `resource` at all (field rules aside). */
export function can(role: Role, resource: Resource, op: Operation): boolean {
  return (accessTable[resource][op] as readonly Role[]).includes(role);
}

/** The least trusted role that may do `op` on `resource`, or undefined when nobody may. */
export function leastRole(resource: Resource, op: Operation): Role | undefined {
  return roles.find((r) => can(r, resource, op));
}

/** Whether `role` may write `resource` in some way (create, update or delete). */
export function canWrite(role: Role, resource: Resource): boolean {
  return can(role, resource, 'create') || can(role, resource, 'update') || can(role, resource, 'delete');
}

const an = (role: Role) => (role === 'admin' ? `An ${role}` : `A ${role}`);

/** Why `role` may not do `op` on `resource`, for error messages. */
export function refusal(role: Role, resource: Resource, op: Operation): string {
  const who = leastRole(resource, op);
  const needs = who === undefined ? 'no role may' : `it needs the ${who} role`;
  return `${an(role)} may not ${op} ${resource} (${needs})`;
}

/** The field rules that bind `role` on `resource` (what makes the stored doc matter for a write). */
export function rulesFor(role: Role, resource: Resource, op?: WriteOperation): readonly FieldRule[] {
  return (fieldRules[resource] ?? []).filter(
    (r) => r.roles.includes(role) && (op === undefined || r.ops.includes(op)),
  );
}

/** A field's value; a dotted path reads nested objects (`by.id`). */
const valueAt = (doc: Record<string, unknown> | undefined, field: string): unknown =>
  field
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined,
      doc,
    );
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `d` holds one of the values of each `when` field. */
const holdsAll = (d: Doc | undefined, when: Readonly<Record<string, readonly string[]>>) =>
  Object.entries(when).every(([field, values]) => values.includes(valueAt(d, field) as string));

/**
 * The doc a write of `role` must be judged with besides its own (a chunk's source), or undefined when
 * no rule asks for one: the caller reads it and passes it to `checkWrite` (null when it is missing).
 */
export function parentOf(
  role: Role,
  resource: Resource,
  op: WriteOperation,
  doc: Doc | undefined,
  previous?: Doc,
): { resource: Resource; id: string } | undefined {
  const rule = rulesFor(role, resource, op).find((r) => r.parent);
  if (!rule?.parent) return undefined;
  const id = valueAt(op === 'delete' ? (previous ?? doc) : doc, rule.parent.key);
  return typeof id === 'string' && id ? { resource: rule.parent.resource, id } : undefined;
}

/**
 * Whether `role` may do `op` with this doc of `resource`. `previous` is the stored doc (for updates
 * and deletes when field rules bind the role; see `needsStoredDoc`); `userId` the caller's (rules with
 * `self` refuse a write without it); `parent` the doc `parentOf` named (null: it does not exist;
 * undefined: not read, and a rule that needs it refuses).
 */
export function checkWrite(
  role: Role,
  resource: Resource,
  op: WriteOperation,
  doc: Record<string, unknown> | undefined,
  previous?: Record<string, unknown>,
  userId?: string,
  parent?: Record<string, unknown> | null,
): Verdict {
  if (!can(role, resource, op)) return { ok: false, reason: refusal(role, resource, op) };
  for (const rule of rulesFor(role, resource, op)) {
    if (rule.when && !holdsAll(op === 'create' ? doc : previous, rule.when)) continue;
    if (rule.parent) {
      const named = valueAt(op === 'delete' ? (previous ?? doc) : doc, rule.parent.key);
      if (typeof named === 'string' && named && parent !== null) {
        if (parent === undefined || !holdsAll(parent, rule.parent.when))
          return { ok: false, reason: `${an(role)} may not ${op} these ${resource}: ${rule.because}` };
      }
    }
    if (rule.test && !rule.test(doc, previous, userId))
      return { ok: false, reason: `${an(role)} may not ${op} this doc of ${resource}: ${rule.because}` };
    if (op === 'update' && previous && rule.only) {
      const allowed = new Set(rule.only);
      const keys = new Set([...Object.keys(doc ?? {}), ...Object.keys(previous)]);
      const changed = [...keys].find(
        (k) => !k.startsWith('_') && !allowed.has(k) && !same(doc?.[k], previous[k]),
      );
      if (changed) return { ok: false, reason: `${resource}.${changed} cannot change: ${rule.because}` };
    }
    for (const [field, value] of Object.entries(rule.require ?? {})) {
      const docs = op === 'create' ? [doc] : op === 'update' ? [doc, previous] : [previous];
      if (docs.some((d) => valueAt(d, field) !== value)) {
        return {
          ok: false,
          reason: `${an(role)} may ${op} only ${resource} with ${field} '${value}': ${rule.because}`,
        };
      }
    }
    const notSelf = (rule.self ?? []).find((f) => !userId || valueAt(doc, f) !== userId);
    if (notSelf) {
      return {
        ok: false,
        reason: `${resource}.${notSelf} must be the caller's own user id: ${rule.because}`,
      };
    }
    if (op === 'update' && previous) {
      const changed = (rule.fixed ?? []).find((f) => !same(valueAt(doc, f), valueAt(previous, f)));
      if (changed) {
        return { ok: false, reason: `${resource}.${changed} cannot change: ${rule.because}` };
      }
    }
  }
  return allowed();
}

/**
 * The doc as the server stores it after a write that passed `checkWrite`: the stamp rules' fields set
 * (to the caller's user id, when known, or to the rule's values) or removed (`doc` itself when no rule
 * changes it; never changed in place).
 */
export function stampWrite<T extends Record<string, unknown>>(
  role: Role,
  resource: Resource,
  op: WriteOperation,
  doc: T,
  userId?: string,
): T {
  let out = doc;
  for (const rule of stampRules[resource] ?? []) {
    if (!rule.roles.includes(role) || !rule.ops.includes(op)) continue;
    if (Object.entries(rule.when).some(([field, value]) => valueAt(out, field) !== value)) continue;
    if (userId)
      for (const field of rule.self ?? [])
        if (valueAt(out, field) !== userId) out = withValueAt(out, field, userId);
    for (const [field, value] of Object.entries(rule.set ?? {}))
      if (out[field] !== value) out = { ...out, [field]: value };
    if ((rule.unset ?? []).some((field) => field in out)) {
      const kept: Record<string, unknown> = { ...out };
      for (const field of rule.unset ?? []) delete kept[field];
      out = kept as T;
    }
  }
  return out;
}

/** A copy of `doc` with `field` (a dotted path through objects) set to `value`. */
function withValueAt<T extends Record<string, unknown>>(doc: T, field: string, value: unknown): T {
  const [head, ...rest] = field.split('.');
  const inner = doc[head!];
  const next =
    rest.length === 0
      ? value
      : withValueAt(
          inner && typeof inner === 'object' && !Array.isArray(inner)
            ? (inner as Record<string, unknown>)
            : {},
          rest.join('.'),
          value,
        );
  return { ...doc, [head!]: next };
}

/**
 * Whether deciding a write of `role` on `resource` needs the stored doc: when creating and updating
 * are not both allowed or both refused, or field or stamp rules bind the role. Otherwise the pushed
 * doc says enough (`_deleted` marks a delete).
 */
export function needsStoredDoc(role: Role, resource: Resource): boolean {
  return (
    can(role, resource, 'create') !== can(role, resource, 'update') ||
    rulesFor(role, resource).length > 0 ||
    (stampRules[resource] ?? []).some((r) => r.roles.includes(role))
  );
}

/** What a pushed doc does: `_deleted` deletes; otherwise it updates a live doc or creates one. */
export function writeOperation(doc: { _deleted?: unknown }, exists: boolean): WriteOperation {
  if (doc._deleted === true) return 'delete';
  return exists ? 'update' : 'create';
}
