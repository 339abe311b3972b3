// The analytics rollup's state: the facts of every deal, conversation, thread of messages, hand-off
// and stage move (analytics-facts.ts), kept current from changed docs as they come (a deleted doc
// carries `_deleted`), and written to and read from one record of columns. Pure (no database): the
// data layer (data/analytics-rollup.ts) feeds it from the local database's changes and stores it.
//
// Deals, conversations, hand-offs and moves are replaced whole by their latest version. A thread keeps
// only its first messages, so when a message it rests on is deleted or changes what the figures read
// (its conversation, channel, direction, time or author), the thread cannot be mended from the change
// alone: `apply` answers those conversations, and the caller reads their messages again
// (`rebuildThread`). Any other message can only move a thread's first times earlier, or mark a rep.
import {
  conversationFact,
  foldMessage,
  isRepReply,
  leadFact,
  moveFact,
  type ConversationFact,
  type FactsView,
  type LeadFact,
  type MoveFact,
  type Thread,
} from './analytics-facts';

export const rollupCollections = ['leads', 'conversations', 'messages', 'activity', 'stage_changes'] as const;
export type RollupCollection = (typeof rollupCollections)[number];

/** Bumped when the facts change shape or meaning: a stored rollup of another version is built again. */
export const ROLLUP_VERSION = 2;

type AnyDoc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class RollupState {
  readonly leads = new Map<string, LeadFact>();
  readonly conversations = new Map<string, ConversationFact>();
  readonly threads = new Map<string, Thread>();
  /** Message id -> the conversation whose thread may rest on it (stale entries are dropped when met). */
  readonly held = new Map<string, string>();
  /** False after reading a record: `held` is filled from the threads when a message first arrives. */
  private heldKnown = true;
  /** Hand-off activity id -> its conversation. */
  readonly handoffs = new Map<string, string>();
  readonly moves = new Map<string, MoveFact>();
  private cached: FactsView | undefined;

  /** Applies changed docs of one collection; answers the conversations whose messages to read again. */
  apply(name: RollupCollection, docs: readonly AnyDoc[]): Set<string> {
    const reread = new Set<string>();
    if (docs.length) this.cached = undefined;
    for (const d of docs) {
      const id = str(d.id);
      const gone = d._deleted === true;
      if (name === 'leads') {
        if (gone) this.leads.delete(id);
        else this.leads.set(id, leadFact(d));
      } else if (name === 'conversations') {
        if (gone) this.conversations.delete(id);
        else this.conversations.set(id, conversationFact(d));
      } else if (name === 'activity') {
        if (!gone && d.kind === 'handoff' && d.conversationId) this.handoffs.set(id, str(d.conversationId));
        else this.handoffs.delete(id);
      } else if (name === 'stage_changes') {
        if (gone) this.moves.delete(id);
        else this.moves.set(id, moveFact(d));
      } else this.applyMessage(d, id, gone, reread);
    }
    return reread;
  }

  private applyMessage(m: AnyDoc, id: string, gone: boolean, reread: Set<string>) {
    if (!this.heldKnown) {
      this.heldKnown = true;
      for (const [conv, t] of this.threads) {
        for (const e of t.byChannel.values()) {
          if (e.inId) this.held.set(e.inId, conv);
          if (e.outId) this.held.set(e.outId, conv);
        }
        if (t.repId) this.held.set(t.repId, conv);
      }
    }
    const was = this.held.get(id);
    if (was !== undefined) {
      const t = this.threads.get(was);
      if (t && relies(t, id)) {
        if (gone || !unchanged(t, id, m, was)) reread.add(was);
      } else this.held.delete(id);
    }
    if (!gone) this.fold(m);
  }

  private fold(m: AnyDoc) {
    const conv = str(m.conversationId);
    let t = this.threads.get(conv);
    if (!t) this.threads.set(conv, (t = { byChannel: new Map(), repId: '' }));
    if (foldMessage(t, m)) this.held.set(str(m.id), conv);
  }

  /** A conversation's thread made again from all its messages (after `apply` asked for it). */
  rebuildThread(conversationId: string, messages: readonly AnyDoc[]) {
    this.cached = undefined;
    this.threads.delete(conversationId);
    for (const m of messages)
      if (m._deleted !== true && str(m.conversationId) === conversationId) this.fold(m);
  }

  /** The facts in the order the figures read them (deals and moves by id, as queries give docs). */
  view(): FactsView {
    this.cached ??= {
      leads: [...this.leads.values()].sort(byId),
      conversations: [...this.conversations.values()].sort(byId),
      threads: this.threads,
      handoffs: new Set(this.handoffs.values()),
      moves: [...this.moves.values()].sort(byId),
    };
    return this.cached;
  }

  /** The state as one record of columns (quick to store and to read back in IndexedDB). */
  toRecord(): RollupRecord {
    const ends: EndsRow[] = [];
    const reps: { conv: string; repId: string }[] = [];
    for (const [conv, t] of this.threads) {
      for (const [channel, e] of t.byChannel) ends.push({ conv, channel, ...e });
      if (t.repId) reps.push({ conv, repId: t.repId });
    }
    // In the view's order: read back into maps in that order, the next view's sorts are one pass.
    const view = this.view();
    return {
      version: ROLLUP_VERSION,
      leads: encode(view.leads, leadKeys),
      conversations: encode(view.conversations, conversationKeys),
      ends: encode(ends, endsKeys),
      reps: encode(reps, ['conv', 'repId']),
      handoffs: encode(
        [...this.handoffs].map(([id, conv]) => ({ id, conv })),
        ['id', 'conv'],
      ),
      moves: encode(view.moves, moveKeys),
    };
  }

  static fromRecord(r: RollupRecord): RollupState {
    // Each row is built as an object literal from plain columns: one shape per kind, so reading back
    // 50,000 deals takes milliseconds (rows built key by key took hundreds).
    const s = new RollupState();
    {
      const c = columnsOf(r.leads, leadKeys);
      const [
        id,
        createdAt,
        ms,
        pipelineId,
        stage,
        currency,
        amount,
        ownerId,
        channel,
        campaign,
        conversationId,
        sinceMs,
        suggested,
        acceptedSuggestions,
      ] = leadKeys.map((k) => c[k]!);
      for (let i = 0; i < r.leads.n; i++)
        s.leads.set(id![i] as string, {
          id: id![i] as string,
          createdAt: createdAt![i] as string,
          ms: ms![i] as number,
          pipelineId: pipelineId![i] as string,
          stage: stage![i] as string,
          currency: currency![i] as string,
          amount: amount![i] as number,
          ownerId: ownerId![i] as string,
          channel: channel![i] as string,
          campaign: campaign![i] as string,
          conversationId: conversationId![i] as string,
          sinceMs: sinceMs![i] as number,
          suggested: suggested![i] as number,
          acceptedSuggestions: acceptedSuggestions![i] as number,
        });
    }
    {
      const c = columnsOf(r.conversations, conversationKeys);
      const [id, createdAt, ms, channel, assigneeId, handoff, human] = conversationKeys.map((k) => c[k]!);
      for (let i = 0; i < r.conversations.n; i++)
        s.conversations.set(id![i] as string, {
          id: id![i] as string,
          createdAt: createdAt![i] as string,
          ms: ms![i] as number,
          channel: channel![i] as string,
          assigneeId: assigneeId![i] as string,
          handoff: handoff![i] === 1,
          human: human![i] === 1,
        });
    }
    {
      const c = columnsOf(r.ends, endsKeys);
      const [conv, channel, inMs, inId, outMs, outId] = endsKeys.map((k) => c[k]!);
      for (let i = 0; i < r.ends.n; i++) {
        const key = conv![i] as string;
        let t = s.threads.get(key);
        if (!t) s.threads.set(key, (t = { byChannel: new Map(), repId: '' }));
        t.byChannel.set(channel![i] as string, {
          inMs: inMs![i] as number,
          inId: inId![i] as string,
          outMs: outMs![i] as number,
          outId: outId![i] as string,
        });
      }
    }
    {
      const c = columnsOf(r.reps, ['conv', 'repId']);
      for (let i = 0; i < r.reps.n; i++) {
        const t = s.threads.get(c.conv![i] as string);
        if (t) t.repId = c.repId![i] as string;
      }
    }
    {
      const c = columnsOf(r.handoffs, ['id', 'conv']);
      for (let i = 0; i < r.handoffs.n; i++) s.handoffs.set(c.id![i] as string, c.conv![i] as string);
    }
    {
      const c = columnsOf(r.moves, moveKeys);
      const [id, leadId, pipelineId, from, to, atMs] = moveKeys.map((k) => c[k]!);
      for (let i = 0; i < r.moves.n; i++)
        s.moves.set(id![i] as string, {
          id: id![i] as string,
          leadId: leadId![i] as string,
          pipelineId: pipelineId![i] as string,
          from: from![i] as string,
          to: to![i] as string,
          atMs: atMs![i] as number,
        });
    }
    s.heldKnown = false;
    return s;
  }
}

/** Whether a thread's figures rest on the message. */
const relies = (t: Thread, id: string) =>
  t.repId === id || [...t.byChannel.values()].some((e) => e.inId === id || e.outId === id);

/** Whether the message still says what the thread took from it. */
function unchanged(t: Thread, id: string, m: AnyDoc, conv: string): boolean {
  if (str(m.conversationId) !== conv) return false;
  if (t.repId === id && !isRepReply(m)) return false;
  const ms = Date.parse(str(m.createdAt));
  const channel = str(m.channel);
  for (const [ch, e] of t.byChannel) {
    if (e.inId === id && (m.direction !== 'inbound' || ch !== channel || e.inMs !== ms)) return false;
    if (e.outId === id && (m.direction === 'inbound' || ch !== channel || e.outMs !== ms)) return false;
  }
  return true;
}

// ---- Columns ----

type EndsRow = { conv: string; channel: string; inMs: number; inId: string; outMs: number; outId: string };
const leadKeys = [
  'id',
  'createdAt',
  'ms',
  'pipelineId',
  'stage',
  'currency',
  'amount',
  'ownerId',
  'channel',
  'campaign',
  'conversationId',
  'sinceMs',
  'suggested',
  'acceptedSuggestions',
] as const satisfies readonly (keyof LeadFact)[];
const conversationKeys = [
  'id',
  'createdAt',
  'ms',
  'channel',
  'assigneeId',
  'handoff',
  'human',
] as const satisfies readonly (keyof ConversationFact)[];
const endsKeys = [
  'conv',
  'channel',
  'inMs',
  'inId',
  'outMs',
  'outId',
] as const satisfies readonly (keyof EndsRow)[];
const moveKeys = [
  'id',
  'leadId',
  'pipelineId',
  'from',
  'to',
  'atMs',
] as const satisfies readonly (keyof MoveFact)[];

/**
 * One column: numbers, booleans, strings, strings joined into one (a single string is far quicker for
 * IndexedDB to store and read back than tens of thousands), or strings by a dictionary (few distinct).
 */
type Column =
  | { t: 'n'; v: Float64Array }
  | { t: 'b'; v: Uint8Array }
  | { t: 's'; v: string[] }
  | { t: 'j'; v: string }
  | { t: 'd'; words: string[]; v: Uint32Array };
export type Columns = { n: number; cols: Record<string, Column> };
export type RollupRecord = {
  version: number;
  leads: Columns;
  conversations: Columns;
  ends: Columns;
  reps: Columns;
  handoffs: Columns;
  moves: Columns;
};

const SEP = '\u001f';

function encode<T extends object>(rows: readonly T[], keys: readonly (keyof T & string)[]): Columns {
  const cols: Record<string, Column> = {};
  const n = rows.length;
  for (const k of keys) {
    let sample: unknown;
    for (let i = 0; i < n && sample === undefined; i++) sample = rows[i]![k];
    if (typeof sample === 'number') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = rows[i]![k] as number;
      cols[k] = { t: 'n', v };
    } else if (typeof sample === 'boolean') {
      const v = new Uint8Array(n);
      for (let i = 0; i < n; i++) v[i] = rows[i]![k] ? 1 : 0;
      cols[k] = { t: 'b', v };
    } else {
      const values: string[] = new Array(n);
      const index = new Map<string, number>();
      let sep = false;
      for (let i = 0; i < n; i++) {
        const v = (rows[i]![k] as string | undefined) ?? '';
        values[i] = v;
        if (!index.has(v)) index.set(v, index.size);
        if (!sep && v.includes(SEP)) sep = true;
      }
      if (index.size * 4 < n) {
        const v = new Uint32Array(n);
        for (let i = 0; i < n; i++) v[i] = index.get(values[i]!)!;
        cols[k] = { t: 'd', words: [...index.keys()], v };
      } else cols[k] = sep ? { t: 's', v: values } : { t: 'j', v: values.join(SEP) };
    }
  }
  return { n, cols };
}

/** Each column as something indexable by row (booleans as 0/1, a missing column as undefined). */
function columnsOf(c: Columns, keys: readonly string[]): Record<string, ArrayLike<unknown>> {
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const k of keys) {
    const col = c.cols[k];
    if (!col) out[k] = new Array(c.n);
    else if (col.t === 'n' || col.t === 'b' || col.t === 's') out[k] = col.v;
    else if (col.t === 'j') out[k] = c.n ? col.v.split(SEP) : [];
    else {
      const words = col.words;
      const v: string[] = new Array(c.n);
      for (let i = 0; i < c.n; i++) v[i] = words[col.v[i]!]!;
      out[k] = v;
    }
  }
  return out;
}
