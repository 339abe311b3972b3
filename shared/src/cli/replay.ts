// `npm run replay -- --dialogs <file.jsonl> [--knowledge <dir>] [--json] [--start <iso>] [--wait <min>] [--check]`
// Runs customer turns ({"dialog":id,"text":...,"afterMinutes"?:n} per line; 2 minutes apart unless
// said; {"dialog":id,"pick":n|"none"} picks the n-th article the dialog's last reply offered, as a
// channel delivers a button's press) through the whole agent pipeline on the configured provider (offline unless LLM_BASE_URL /
// LLM_API_KEY / LLM_MODEL are set), with the in-memory sender delivering what falls due, and prints
// the replies, extracted facts, scores, tool calls and hand-offs, and per turn what the customer got:
// a reply, a hand-off notice, a status within the profile's hand-off wait, or silence (a failure;
// `--check` exits 1 on any). Paths resolve against INIT_CWD.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createAgentEngine,
  createAgentLlmFromEnv,
  createKeywordRetriever,
  defaultProfile,
  isHandoffStatus,
  type InboundResult,
} from '../agents/index';
import { createMemoryStore } from '../testing/memory-store';
import { deliverDue } from '../testing/delivery-simulation';
import type { MessageDoc } from '../schemas/index';
import { isDomainError } from '../errors';
import { handoffWaitMinutesOf } from '../schemas/index';
import { customerMessage, loadKnowledge, oramaRetriever } from './replay-knowledge';
import { summarize, turnOutcomes, type ReplayedTurn, type TurnOutcome } from './replay-outcomes';

const { values } = parseArgs({
  options: {
    dialogs: { type: 'string' },
    knowledge: { type: 'string' },
    json: { type: 'boolean', default: false },
    retriever: { type: 'string', default: 'keyword' },
    start: { type: 'string', default: '2026-03-02T09:00:00.000Z' },
    wait: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.dialogs) {
  console.error(
    'usage: npm run replay -- --dialogs <file.jsonl> [--knowledge <dir>] [--retriever keyword|orama] [--json] [--start <iso>] [--wait <minutes>] [--check]',
  );
  process.exit(values.help ? 0 : 2);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
const at = (p: string) => resolve(cwd, p);

type Turn = { dialog: string; text: string; afterMinutes?: number; pick?: number | 'none' };
const turns: Turn[] = readFileSync(at(values.dialogs), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim())
  .map((l, i) => {
    const t = JSON.parse(l) as Partial<Turn>;
    if (typeof t.dialog !== 'string' && typeof t.dialog !== 'number')
      throw new Error(`line ${i + 1}: no "dialog"`);
    const pick = typeof t.pick === 'number' || t.pick === 'none' ? { pick: t.pick } : {};
    if (typeof t.text !== 'string' && !('pick' in pick)) throw new Error(`line ${i + 1}: no "text"`);
    const after =
      typeof t.afterMinutes === 'number' && t.afterMinutes >= 0 ? { afterMinutes: t.afterMinutes } : {};
    return { dialog: String(t.dialog), text: t.text ?? '', ...after, ...pick };
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
const profile = { ...defaultProfile, ...(values.wait ? { handoffWaitMinutes: Number(values.wait) } : {}) };
if (values.wait) await store.put('agent_settings', profile);
const waitMs = handoffWaitMinutesOf(profile) * 60_000;
let now = new Date(values.start!);
const engine = createAgentEngine({
  store,
  llm,
  retriever:
    values.retriever === 'orama' ? await oramaRetriever(knowledge) : createKeywordRetriever(knowledge),
  clock: { now: () => now },
});

const counters = new Map<string, number>();
const print = (s = '') => console.log(s);

function describe(turn: Turn, r: InboundResult) {
  const reasons = r.score?.reasons.map((x) => `${x.factor} ${x.points > 0 ? '+' : ''}${x.points}`).join(', ');
  return {
    dialog: turn.dialog,
    customer: turn.pick === undefined ? turn.text : `${turn.text} (pick ${turn.pick})`,
    intent: r.route
      ? { intent: r.route.intent, confidence: Number(r.route.confidence.toFixed(3)), source: r.route.source }
      : undefined,
    skipped: r.skipped,
    replies: r.replies.map((m) => ({ text: m.text, citations: m.citations?.map((c) => c.chunkId) ?? [] })),
    // The articles offered to choose from (issue 61): none when the agent answered or handed over.
    choices: r.replies.flatMap((m) =>
      (m.choices ?? []).flatMap((c) => (c.sourceId ? [{ sourceId: c.sourceId, title: c.label }] : [])),
    ),
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
/** Each dialog's last reply that offered choices, for its `pick` turns. */
const offers = new Map<string, MessageDoc>();

/** The customer's message of a turn: its text, or its pick of the last offer (the label, `picked`). */
function turnMessage(turn: Turn, n: number): MessageDoc {
  const message = customerMessage(turn.dialog, n, turn.text, now);
  if (turn.pick === undefined) return message;
  const offer = offers.get(turn.dialog);
  const choice = offer?.choices?.find((c, i) =>
    turn.pick === 'none' ? c.id === 'none' : i === Number(turn.pick) - 1 && c.id !== 'none',
  );
  if (!offer || !choice) throw new Error(`dialog ${turn.dialog}: no offered choice ${turn.pick} to pick`);
  return {
    ...message,
    text: choice.label,
    picked: { id: choice.id, ...(choice.sourceId ? { sourceId: choice.sourceId } : {}), replyTo: offer.id },
  };
}
if (!values.json) {
  print(
    `provider: ${llm.offlineOnly ? 'offline (no LLM configured: local classifier, rules, retrieval)' : 'configured LLM with offline fallback'}`,
  );
  print(
    `knowledge: ${knowledge.length} chunks${values.knowledge ? ` from ${values.knowledge}` : ''}, ${values.retriever} retriever; turns: ${turns.length}`,
  );
}
const replayed: ReplayedTurn[] = [];
const lines: Record<string, unknown>[] = [];
for (const turn of turns) {
  const n = (counters.get(turn.dialog) ?? 0) + 1;
  counters.set(turn.dialog, n);
  now = new Date(now.getTime() + (turn.afterMinutes ?? 2) * 60_000);
  // The sender runs all along: what fell due before this turn has gone out.
  await deliverDue(store, engine, now, []);
  const message = turnMessage(turn, n);
  conversations.add(message.conversationId);
  const t0 = performance.now();
  const r = await engine.handleInbound(message);
  const ms = performance.now() - t0;
  const offered = r.replies.find((m) => m.choices?.length);
  if (offered) offers.set(turn.dialog, offered);
  await deliverDue(store, engine, now, []);
  replayed.push({ message, handoff: !!r.handoff });
  const d = describe({ ...turn, text: message.text }, r);
  if (values.json) {
    lines.push({ ...d, ms: Math.round(ms * 10) / 10 });
    continue;
  }
  print(`\n[${turn.dialog} #${n}] ${now.toISOString().slice(11, 16)} customer: ${message.text}`);
  if (d.intent) print(`  route: ${d.intent.intent} (${d.intent.confidence}, ${d.intent.source})`);
  if (d.skipped) print(`  skipped: ${d.skipped}`);
  for (const reply of d.replies) {
    print(
      `  reply${d.provider ? ` [${d.provider.id}${d.provider.offline && d.provider.id !== 'offline' ? ', offline' : ''}]` : ''}: ${reply.text.replace(/\n/g, '\n         ')}`,
    );
    if (reply.citations.length) print(`  citations: ${reply.citations.join(', ')}`);
  }
  d.choices.forEach((c, i) => print(`  choice ${i + 1}: ${c.title} (${c.sourceId})`));
  if (d.facts.length) print(`  facts: ${d.facts.join('; ')}`);
  if (d.superseded.length) print(`  superseded: ${d.superseded.join('; ')}`);
  if (d.score) print(`  score: ${d.score.value} (${d.score.reasons || 'no signals yet'})`);
  if (d.toolCalls.length) print(`  tools: ${d.toolCalls.join('; ')}`);
  if (d.handoff) print(`  HANDOFF: ${d.handoff}`);
  print(`  (${d.activity} activity entries, ${ms.toFixed(1)} ms)`);
}
// The last turns' waits run out: what is due then goes out too.
now = new Date(now.getTime() + waitMs + 60_000);
await deliverDue(store, engine, now, []);
const outcomes: TurnOutcome[] = turnOutcomes(replayed, store.all('messages'), waitMs);
const summary = summarize(outcomes);
if (values.json) {
  lines.forEach((l, i) => console.log(JSON.stringify({ ...l, outcome: outcomes[i] })));
} else {
  print(`\nwhat each customer turn got (hand-off wait ${waitMs / 60_000} min):`);
  replayed.forEach(({ message }, i) => {
    const o = outcomes[i]!;
    const text = o.text ? `: ${o.text.replace(/\s+/g, ' ').slice(0, 90)}` : '';
    print(
      `  ${message.id.replace('msg:replay:', '').padEnd(16)} ${o.kind.toUpperCase()}${o.at ? ` at ${o.at.slice(11, 16)}` : ''}${text}`,
    );
  });
  print(
    `turns ${summary.turns}: ${summary.reply} replies, ${summary['handoff-notice']} hand-off notices, ${summary.status} statuses, ${summary.silence} silent${summary.ok ? '' : ' (FAILED)'}`,
  );
}
const plannedFollowUps = store
  .all('messages')
  .filter((m) => m.scheduledFor && !isHandoffStatus(m) && !m.cancelledAt);
if (!values.json && plannedFollowUps.length) print(`follow-ups planned: ${plannedFollowUps.length}`);
if (!values.json) {
  print('\nusage per conversation:');
  for (const id of conversations) {
    const u = llm.usage(id);
    print(
      `  ${id}: ${u.calls} calls, ${u.promptTokens}+${u.completionTokens} tokens, $${u.costUsd.toFixed(4)}`,
    );
  }
}
if (values.check && !summary.ok) process.exit(1);
