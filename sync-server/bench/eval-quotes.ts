// `npm run eval:quotes -w shared -- --data <dir> [--json]` (issue 61): a price-question set replayed
// through the real web chat. The server starts in this process on the embedded store, with no model
// (the offline provider answers, as a team without one is answered); a new team adds the set's
// catalog.json through `POST /api/v1/products` and opens a web chat; each question is posted by a new
// visitor and the agent's first reply is read and judged (shared/src/cli/quote-eval.ts): priced right,
// asked back, confidently wrong, unit price only, other, per language and per class; the baseline (the
// reader before issue 61, digits next to the product else 1, with the same arithmetic) in the same run.
// The set's format: shared/src/reading/README.md.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import {
  baselineReply,
  formatReport,
  judgeReply,
  loadQuoteSet,
  report,
  type JudgedQuestion,
  type QuoteQuestion,
} from '@app/shared/quote-eval';
import { loadServerConfig } from '../src/config';
import { startServer } from '../src/server';
import { json, signUpTeam, type Json } from './clients';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    json: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '4' },
  },
});
if (!values.data) {
  console.error('usage: npm run eval:quotes -w shared -- --data <dir> [--json]');
  process.exit(2);
}

/** The folder as written from where the command was typed (npm runs the script in the workspace). */
function dataDir(given: string): string {
  if (isAbsolute(given)) return given;
  const roots = [
    process.env.INIT_CWD,
    process.cwd(),
    join(process.cwd(), '..'),
    join(process.cwd(), '../shared'),
  ];
  for (const root of roots)
    if (root && existsSync(resolve(root, given, 'catalog.json'))) return resolve(root, given);
  throw new Error(`no catalog.json in ${given}`);
}

const set = loadQuoteSet(dataDir(values.data));
const dir = mkdtempSync(join(tmpdir(), 'eval-quotes-'));
const config = loadServerConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  SIGNUP_ANSWER_MS: '0',
  EMBEDDED_STORE: 'inline',
  // Every question is a new visitor from this machine's address.
  WEBCHAT_NEW_VISITORS_PER_HOUR: '100000',
  WEBCHAT_MESSAGES_PER_MINUTE: '100000',
});
const server = await startServer(config, { log: pino({ level: 'silent' }), shutdownGraceMs: 500 });
try {
  const { tokens } = await signUpTeam(server.url, 'Quotes eval', 0);
  const token = tokens[0]!;
  const api = (path: string, init: RequestInit = {}) =>
    json(`${server.url}/api/v1${path}`, { ...init, token });
  for (const p of set.products) {
    const { id: _id, createdAt: _c, updatedAt: _u, ...body } = p;
    await api('/products', { method: 'POST', body: JSON.stringify(body) });
  }
  const widget = await api('/channels/webchat', {
    method: 'POST',
    body: JSON.stringify({ title: 'Prices' }),
  });
  const key = String(widget.key);

  let visitors = 0;
  /** A new visitor asks `text`; the text of the agent's first reply. */
  const ask = async (text: string): Promise<string> => {
    const visitor = `v_eval_quotes_${process.pid}_${String(++visitors).padStart(5, '0')}`;
    const conversation = encodeURIComponent(`conv:webchat:${key}:${visitor}`);
    const sent = await fetch(`${server.url}/webchat/v1/${key}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId: visitor, clientMessageId: 'm1', text }),
    });
    if (sent.status !== 202) throw new Error(`the web chat answered ${sent.status}: ${await sent.text()}`);
    const started = Date.now();
    for (;;) {
      const res = await fetch(`${server.url}/api/v1/conversations/${conversation}/messages?limit=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok) {
        const items = ((await res.json()) as { items: Json[] }).items;
        const reply = items.find((m) => m.direction === 'outbound' && !m.scheduledFor);
        if (reply) return String(reply.text);
      }
      if (Date.now() - started > 60_000) return '';
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const judged: JudgedQuestion[] = [];
  const queue = [...set.questions];
  const worker = async () => {
    for (let q = queue.shift(); q; q = queue.shift()) judged.push(judge(q, await ask(q.text)));
  };
  const judge = (q: QuoteQuestion, reply: string): JudgedQuestion => ({
    language: q.language,
    ...(q.id ? { id: q.id } : {}),
    ...(q.class ? { class: q.class } : {}),
    text: q.text,
    expected: q.expect,
    reply,
    outcome: judgeReply(reply, q, set.products),
    baseline: judgeReply(baselineReply(q, set.products), q, set.products),
  });
  await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency) || 1) }, worker));
  judged.sort(
    (a, b) =>
      set.questions.findIndex((q) => q.text === a.text) - set.questions.findIndex((q) => q.text === b.text),
  );
  const r = report(judged);
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else console.log(formatReport(r));
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
