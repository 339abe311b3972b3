// `npm run replay -- --dialogs <file.jsonl> [--knowledge <dir>] [--json] [--start <iso>]`
// Runs customer turns ({"dialog":id,"text":...} per line) through the whole agent pipeline on the
// configured provider (offline unless LLM_BASE_URL / LLM_API_KEY / LLM_MODEL are set) and prints the
// replies, extracted facts, scores, tool calls and hand-offs. Paths resolve against INIT_CWD.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  chunkMarkdown,
  createAgentEngine,
  createAgentLlmFromEnv,
  createKeywordRetriever,
  createMemoryStore,
  type InboundResult,
  retrieverFromKnowledgeSearch,
  type KnowledgeEntry,
} from '../agents/index';
import { LocalEmbedder } from '../embeddings/local-embedder';
import { createChangeFeedAdapter } from '../search/change-feed';
import { createKnowledgeSearch } from '../search/knowledge-search';
import { SearchIndex } from '../search/search-index';
import { isDomainError } from '../errors';
import type { MessageDoc } from '../schemas/index';

const { values } = parseArgs({
  options: {
    dialogs: { type: 'string' },
    knowledge: { type: 'string' },
    json: { type: 'boolean', default: false },
    retriever: { type: 'string', default: 'keyword' },
    start: { type: 'string', default: '2026-03-02T09:00:00.000Z' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.dialogs) {
  console.error(
    'usage: npm run replay -- --dialogs <file.jsonl> [--knowledge <dir>] [--retriever keyword|orama] [--json] [--start <iso>]',
  );
  process.exit(values.help ? 0 : 2);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
const at = (p: string) => resolve(cwd, p);

function loadKnowledge(dir: string): KnowledgeEntry[] {
  const files = readdirSync(dir).filter((f) => ['.md', '.txt', '.markdown'].includes(extname(f)));
  return files.sort().flatMap((f) => {
    const path = resolve(dir, f);
    if (!statSync(path).isFile()) return [];
    const text = readFileSync(path, 'utf8');
    const title = text.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? basename(f, extname(f));
    return chunkMarkdown(basename(f, extname(f)).replace(/[^A-Za-z0-9_.-]/g, '_'), title, text);
  });
}

/** The product's Orama hybrid search (BM25 + local vectors) over the same chunks. */
async function oramaRetriever(entries: KnowledgeEntry[]) {
  const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 256 }) });
  const at = '2026-01-01T00:00:00.000Z';
  const sources = [...new Map(entries.map((e) => [e.sourceId, e.title.split(' › ')[0]!])).entries()];
  await createChangeFeedAdapter(index).applyChanges([
    ...sources.map(([id, title]) => ({
      collection: 'knowledge_sources' as const,
      id,
      doc: {
        id,
        title,
        kind: 'markdown' as const,
        status: 'ready' as const,
        contentHash: id,
        createdAt: at,
        updatedAt: at,
      },
    })),
    ...entries.map((e, i) => ({
      collection: 'knowledge_chunks' as const,
      id: e.chunkId,
      doc: {
        id: e.chunkId,
        sourceId: e.sourceId,
        ordinal: i,
        text: e.text,
        headings: e.title.split(' › ').slice(1),
        position: { start: 0, end: e.text.length },
        contentHash: `${e.chunkId}:${e.text.length}`,
        createdAt: at,
      },
    })),
  ]);
  return retrieverFromKnowledgeSearch(createKnowledgeSearch(index));
}

type Turn = { dialog: string; text: string };
const turns: Turn[] = readFileSync(at(values.dialogs), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim())
  .map((l, i) => {
    const t = JSON.parse(l) as Partial<Turn>;
    if (typeof t.dialog !== 'string' && typeof t.dialog !== 'number')
      throw new Error(`line ${i + 1}: no "dialog"`);
    if (typeof t.text !== 'string') throw new Error(`line ${i + 1}: no "text"`);
    return { dialog: String(t.dialog), text: t.text };
  });

let llm;
try {
  llm = createAgentLlmFromEnv(process.env);
} catch (error) {
  console.error(isDomainError(error) ? error.message : error);
  process.exit(2);
}
const knowledge = values.knowledge ? loadKnowledge(at(values.knowledge)) : [];
const store = createMemoryStore('team-replay');
let now = new Date(values.start!);
const engine = createAgentEngine({
  store,
  llm,
  retriever:
    values.retriever === 'orama' ? await oramaRetriever(knowledge) : createKeywordRetriever(knowledge),
  clock: { now: () => now },
});

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 60) || 'x';
const counters = new Map<string, number>();
const print = (s = '') => console.log(s);

function describe(turn: Turn, r: InboundResult) {
  const reasons = r.score?.reasons.map((x) => `${x.factor} ${x.points > 0 ? '+' : ''}${x.points}`).join(', ');
  return {
    dialog: turn.dialog,
    customer: turn.text,
    intent: r.route
      ? { intent: r.route.intent, confidence: Number(r.route.confidence.toFixed(3)), source: r.route.source }
      : undefined,
    skipped: r.skipped,
    replies: r.replies.map((m) => ({ text: m.text, citations: m.citations?.map((c) => c.chunkId) ?? [] })),
    provider: r.provider ?? (r.handoff ? { id: 'rules', model: '-', offline: true } : undefined),
    facts: r.facts.added.map((f) => `${f.key}=${f.value}`),
    superseded: r.facts.superseded.map((f) => `${f.key}=${f.value}`),
    score: r.score ? { value: r.score.value, reasons } : undefined,
    toolCalls: r.toolCalls.map((t) => (t.ok ? `${t.name}: ok` : `${t.name}: ${t.code}`)),
    handoff: r.handoff?.reason,
    followUps: r.followUps.map((m) => m.scheduledFor),
    activity: r.activity.length,
  };
}

const conversations = new Set<string>();
if (!values.json) {
  print(
    `provider: ${llm.offlineOnly ? 'offline (no LLM configured: local classifier, rules, retrieval)' : 'configured LLM with offline fallback'}`,
  );
  print(
    `knowledge: ${knowledge.length} chunks${values.knowledge ? ` from ${values.knowledge}` : ''}, ${values.retriever} retriever; turns: ${turns.length}`,
  );
}
for (const turn of turns) {
  const n = (counters.get(turn.dialog) ?? 0) + 1;
  counters.set(turn.dialog, n);
  now = new Date(now.getTime() + 2 * 60_000);
  const chat = safe(turn.dialog);
  const message: MessageDoc = {
    id: `msg:replay:${chat}:${n}`,
    conversationId: `conv:replay:cli:${chat}`,
    contactId: `contact:replay:${chat}`,
    channel: 'manual',
    direction: 'inbound',
    author: { kind: 'customer', id: chat },
    text: turn.text,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `replay:${chat}:${n}`,
    createdAt: now.toISOString(),
  };
  conversations.add(message.conversationId);
  const t0 = performance.now();
  const r = await engine.handleInbound(message);
  const ms = performance.now() - t0;
  const d = describe(turn, r);
  if (values.json) {
    console.log(JSON.stringify({ ...d, ms: Math.round(ms * 10) / 10 }));
    continue;
  }
  print(`\n[${turn.dialog} #${n}] customer: ${turn.text}`);
  if (d.intent) print(`  route: ${d.intent.intent} (${d.intent.confidence}, ${d.intent.source})`);
  if (d.skipped) print(`  skipped: ${d.skipped}`);
  for (const reply of d.replies) {
    print(
      `  reply${d.provider ? ` [${d.provider.id}${d.provider.offline && d.provider.id !== 'offline' ? ', offline' : ''}]` : ''}: ${reply.text.replace(/\n/g, '\n         ')}`,
    );
    if (reply.citations.length) print(`  citations: ${reply.citations.join(', ')}`);
  }
  if (d.facts.length) print(`  facts: ${d.facts.join('; ')}`);
  if (d.superseded.length) print(`  superseded: ${d.superseded.join('; ')}`);
  if (d.score) print(`  score: ${d.score.value} (${d.score.reasons || 'no signals yet'})`);
  if (d.toolCalls.length) print(`  tools: ${d.toolCalls.join('; ')}`);
  if (d.handoff) print(`  HANDOFF: ${d.handoff}`);
  if (d.followUps.length) print(`  follow-up planned: ${d.followUps.join(', ')}`);
  print(`  (${d.activity} activity entries, ${ms.toFixed(1)} ms)`);
}
if (!values.json) {
  print('\nusage per conversation:');
  for (const id of conversations) {
    const u = llm.usage(id);
    print(
      `  ${id}: ${u.calls} calls, ${u.promptTokens}+${u.completionTokens} tokens, $${u.costUsd.toFixed(4)}`,
    );
  }
}
