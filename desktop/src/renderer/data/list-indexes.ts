// The projection indexes the big lists run on (local-index.ts): a row per deal for the leads board and
// table, a row per conversation for the inbox. One of each per workspace, opened by the first screen
// that needs it and kept current by the database's change events from then on.
import { useEffect, useState } from 'react';
import { pipelineIdOf } from '@app/shared/crm';
import type { ConversationDoc, LeadDoc } from '@app/shared/schemas';
import { useWorkspace } from './hooks';
import { createLocalIndex, indexedDbRowStore, type LocalIndex, type RowCodec, type RowStore } from './local-index';
import type { Workspace } from './workspace';

/** What the board card, the table row, the column sums and the sorts read of a deal. */
export type LeadRow = Pick<
  LeadDoc,
  | 'id'
  | 'title'
  | 'stage'
  | 'contactId'
  | 'company'
  | 'probability'
  | 'updatedAt'
  | 'value'
  | 'ownerId'
  | 'stageChangedAt'
  | 'createdAt'
> & {
  /** Resolved: a deal with none runs in the default pipeline. */
  pipelineId: string;
  score?: { value: number };
};

/** What the inbox list shows, filters and sorts by of a conversation. */
export type ConversationRow = Pick<
  ConversationDoc,
  | 'id'
  | 'contactId'
  | 'externalChatId'
  | 'channel'
  | 'mode'
  | 'status'
  | 'assigneeId'
  | 'lastMessageAt'
  | 'lastMessagePreview'
  | 'unreadCount'
  | 'updatedAt'
  | 'waitingSince'
  | 'handoffReason'
  | 'mood'
  | 'angryCount'
  | 'priority'
  | 'createdAt'
>;

/** Drops undefined fields, so stored rows carry only what the document has. */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function leadRow(doc: Record<string, unknown>): LeadRow {
  const l = doc as LeadDoc;
  return defined({
    id: l.id,
    title: l.title,
    stage: l.stage,
    pipelineId: pipelineIdOf(l),
    contactId: l.contactId,
    company: l.company,
    probability: l.probability,
    updatedAt: l.updatedAt,
    ownerId: l.ownerId,
    stageChangedAt: l.stageChangedAt,
    createdAt: l.createdAt,
    value: l.value && { amount: l.value.amount, currency: l.value.currency },
    score: l.score && { value: l.score.value },
  });
}

export function conversationRow(doc: Record<string, unknown>): ConversationRow {
  const c = doc as ConversationDoc;
  return defined({
    id: c.id,
    contactId: c.contactId,
    externalChatId: c.externalChatId,
    channel: c.channel,
    mode: c.mode,
    status: c.status,
    assigneeId: c.assigneeId,
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
    unreadCount: c.unreadCount,
    updatedAt: c.updatedAt,
    waitingSince: c.waitingSince,
    handoffReason: c.handoffReason,
    mood: c.mood,
    angryCount: c.angryCount,
    priority: c.priority,
    createdAt: c.createdAt,
  });
}

// ---- Deal rows stored as columns ----
// Structured clone reads 50,000 small objects back slowly (most of a cold start to the board); a few
// long strings and number arrays read back several times quicker, and the rows are made again here
// as object literals of one shape. A field the deal does not have reads back as undefined.

const SEP = '\u001f';
/** A missing string field (a string column never holds it: such a column is stored as an array). */
const NONE = '\u001e';
const leadStrings = [
  'id',
  'title',
  'stage',
  'pipelineId',
  'contactId',
  'company',
  'updatedAt',
  'currency',
  'ownerId',
  'stageChangedAt',
  'createdAt',
] as const;
type LeadColumns = {
  v: 2;
  n: number;
  /** Each string field of every row, joined by SEP (or as an array when a value holds SEP or NONE). */
  s: Record<(typeof leadStrings)[number], string | string[]>;
  /** probability, value.amount, score.value; NaN where the row has none. */
  probability: Float64Array;
  amount: Float64Array;
  score: Float64Array;
};

const stringOf = (row: LeadRow, k: (typeof leadStrings)[number]): string | undefined =>
  k === 'currency' ? row.value?.currency : row[k];

export const leadRowCodec: RowCodec<LeadRow> = {
  encode(rows) {
    const n = rows.size;
    const list = [...rows.values()];
    const s = {} as LeadColumns['s'];
    for (const k of leadStrings) {
      const values = list.map((r) => stringOf(r, k) ?? NONE);
      s[k] = values.some((v) => v.includes(SEP) || (v !== NONE && v.includes(NONE))) ? values : values.join(SEP);
    }
    const numbers = (f: (r: LeadRow) => number | undefined) => {
      const v = new Float64Array(n);
      list.forEach((r, i) => (v[i] = f(r) ?? NaN));
      return v;
    };
    return {
      v: 2,
      n,
      s,
      probability: numbers((r) => r.probability),
      amount: numbers((r) => r.value?.amount),
      score: numbers((r) => r.score?.value),
    } satisfies LeadColumns;
  },
  decode(encoded) {
    const c = encoded as LeadColumns | undefined;
    if (c?.v !== 2) return undefined;
    const col = (k: (typeof leadStrings)[number]) => {
      const v = c.s[k];
      return typeof v === 'string' ? (c.n ? v.split(SEP) : []) : v;
    };
    const [id, title, stage, pipelineId, contactId, company, updatedAt, currency, ownerId, stageChangedAt, createdAt] =
      leadStrings.map(col);
    const opt = (v: string) => (v === NONE ? undefined : v);
    const out: [string, LeadRow][] = new Array(c.n);
    for (let i = 0; i < c.n; i++) {
      const cur = currency![i]!;
      const probability = c.probability[i]!;
      const score = c.score[i]!;
      out[i] = [
        id![i]!,
        {
          id: id![i]!,
          title: title![i]!,
          stage: stage![i]! as LeadRow['stage'],
          pipelineId: pipelineId![i]!,
          contactId: opt(contactId![i]!),
          company: opt(company![i]!),
          probability: Number.isNaN(probability) ? undefined : probability,
          updatedAt: updatedAt![i]!,
          ownerId: opt(ownerId![i]!),
          stageChangedAt: opt(stageChangedAt![i]!),
          createdAt: createdAt![i]!,
          value: cur === NONE ? undefined : { amount: c.amount[i]!, currency: cur },
          score: Number.isNaN(score) ? undefined : { value: score },
        } as LeadRow,
      ];
    }
    return out;
  },
};

type Indexes = { leads?: LocalIndex<LeadRow>; conversations?: LocalIndex<ConversationRow>; store: RowStore };
const opened = new WeakMap<Workspace, Indexes>();

function indexesOf(ws: Workspace): Indexes {
  let found = opened.get(ws);
  if (!found) {
    found = { store: indexedDbRowStore(ws.db.name) };
    opened.set(ws, found);
  }
  return found;
}

export function leadIndexOf(ws: Workspace): LocalIndex<LeadRow> {
  const ix = indexesOf(ws);
  return (ix.leads ??= createLocalIndex({
    collection: ws.db.leads as never,
    // 2: stored as columns (leadRowCodec); 3: rows carry the owner and the stage's and deal's age
    // (the board's cards). Rows stored by an older version are built again.
    name: 'lead-rows-3',
    project: leadRow,
    store: ix.store,
    codec: leadRowCodec,
    token: ws.db.storageToken,
  }));
}

export function conversationIndexOf(ws: Workspace): LocalIndex<ConversationRow> {
  const ix = indexesOf(ws);
  return (ix.conversations ??= createLocalIndex({
    collection: ws.db.conversations as never,
    // 2: rows carry the hand-off (waitingSince, handoffReason); rows stored by 1 are built again.
    // 3: rows carry the customer's mood, the priority and when it started (issue 62).
    name: 'conversation-rows-3',
    project: conversationRow,
    store: ix.store,
  }));
}

/** The index and its version: the component re-renders after each catch-up that changed rows. */
export function useIndexRows<R>(index: LocalIndex<R>): { index: LocalIndex<R>; version: number; ready: boolean } {
  const [, setTick] = useState(0);
  const rendered = index.version;
  useEffect(() => {
    let live = true;
    const bump = () => live && setTick((t) => t + 1);
    const off = index.subscribe(bump);
    // Rows that changed between the render and this subscription are not missed.
    if (index.version !== rendered) bump();
    // Ready with nothing changed (an empty database) notifies nobody; the page must still leave loading.
    void index.ready.then(bump);
    return () => {
      live = false;
      off();
    };
    // Subscribed once per index; `rendered` only matters for the first render.
  }, [index]);
  return { index, version: index.version, ready: index.isReady };
}

export function useLeadIndex() {
  return useIndexRows(leadIndexOf(useWorkspace()));
}

export function useConversationIndex() {
  return useIndexRows(conversationIndexOf(useWorkspace()));
}
