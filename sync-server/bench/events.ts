// `tsx bench/events.ts [--quick | --smoke]`: the events-agency pack's seed target (issue 39), "a new
// event request processed (plan, budget, vendors chosen) in under 1 s end to end with the offline
// provider". A server process with its agent runtime and no model; a new team applies the events pack
// (Maestro, the rate cards, the vendors, the knowledge) and opens a web chat. Each customer, a new
// visitor, writes an event request ("корпоратив на 120 человек…", its English twin every other
// time): the time from the web chat's POST to the reply stored for the customer, which is written
// after the deal, the plan's tasks, the estimate and the vendors' quote requests, and says all of
// them. The baseline, in the same run and on the same team: a plain question answered from the pack's
// knowledge ("Какая предоплата нужна по договору?"), the same path without Maestro's work. Each reply
// is checked (the estimate and the vendors; the knowledge's answer): one that does not say it makes
// the figures invalid. The reply is polled for every 20 ms through the admin API, so each time is up
// to 20 ms long.
//
// The pack's other seed target, "API p95 under 200 ms under the usual load": after the requests, 50
// clients at once (the API benchmark's load, bench/run.ts) read what a rep of an events agency opens
// (the events board, a deal, its plan's tasks, its vendors' quote requests, its social report, the
// pipeline with its rate card, the events analytics), in bursts; the baseline is the same clients
// reading GET /api/v1/me, the lightest signed-in route, in the same run.
//
// The target is an absolute time, and machines of this kind differ up to 3× from one session to the
// next: it is reported with the ratio to the plain answer measured beside it, which holds across
// machines; the goal is checked on the p95 (a smoke run's figures are not judged).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  benchMode,
  newReport,
  printReport,
  repeated,
  resultsFile,
  summarize,
  type Figure,
} from '@app/shared/bench';
import { apiBursts, exitOnSignals, json, signUpTeam, type Json } from './clients';
import { startServerProcess } from './server-process';

const mode = benchMode();
/** Event requests and plain questions, each from a new visitor, one at a time. */
const REQUESTS = { smoke: 2, quick: 10, full: 30 }[mode];
const POLL_MS = 20;
/** The events API's load: clients at once, the bursts judged (the first, not counted, warms up), reads each. */
const API_CLIENTS = 50;
const API_BURSTS = { smoke: 1, quick: 3, full: 5 }[mode];
const API_READS = { smoke: 2, quick: 7, full: 14 }[mode];

const requests = [
  {
    text: 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей',
    says: ['смета', 'Запрашиваем предложения у подрядчиков'],
  },
  {
    text: 'We need a corporate party for 120 people in London on 14 March 2027, budget 50,000 GBP',
    says: ['estimate', 'We are asking these vendors for quotes'],
  },
];
const plainQuestions = [
  { text: 'Какая предоплата нужна по договору?', says: 'предоплата 50%' },
  { text: 'Можно ли бесплатно отменить мероприятие?', says: 'бесплатна' },
];

/** The p95 of each burst of API_CLIENTS clients reading `paths` in turn, API_READS each. */
async function burstP95s(token: string, paths: readonly string[]): Promise<number[]> {
  const o = { clients: API_CLIENTS, perClient: API_READS, bursts: API_BURSTS, paths };
  const { bursts } = await apiBursts(`${server.url}/api/v1`, token, o);
  return bursts.map((times) => summarize(times).p95);
}

/** The events API under the usual load, beside GET /me under the same load. */
async function eventsApiLoad(api: (method: string, path: string) => Promise<Json>, token: string) {
  const deals = (await api('GET', '/leads?pipelineId=events&limit=50')).items as Json[];
  const deal = deals[0];
  if (!deal) throw new Error('no event deal to read: the requests made none');
  const id = encodeURIComponent(String(deal.id));
  const paths = [
    '/leads?pipelineId=events&limit=50',
    `/leads/${id}`,
    `/tasks?leadId=${id}&limit=50`,
    `/leads/${id}/vendor-requests`,
    `/leads/${id}/social`,
    '/pipelines/events',
    '/analytics/events',
  ];
  const events = repeated(await burstP95s(token, paths));
  const me = repeated(await burstP95s(token, ['/me']));
  return [
    {
      name: `events API p95 at ${API_CLIENTS} clients`,
      ...events,
      unit: 'ms',
      goal: '< 200',
      baseline: { name: `GET /api/v1/me at ${API_CLIENTS} clients`, value: me.value },
      note: `median of the p95 of ${API_BURSTS} bursts of ${API_CLIENTS * API_READS} reads: ${paths.length} routes in turn (board, deal, plan tasks, quote requests, social report, pipeline, analytics) over ${deals.length} event deals`,
    },
  ] satisfies Figure[];
}

exitOnSignals();
const dir = mkdtempSync(join(tmpdir(), 'bench-events-'));
// Every customer comes from this machine's address: the web chat's limit of new chats per network is
// raised for them.
const server = await startServerProcess(dir, { WEBCHAT_NEW_VISITORS_PER_HOUR: '10000' });
const report = newReport('events');
try {
  const { tokens } = await signUpTeam(server.url, 'Events bench');
  const token = tokens[0]!;
  const api = (method: string, path: string, body?: unknown): Promise<Json> =>
    json(`${server.url}/api/v1${path}`, {
      method,
      token,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  await api('POST', '/packs/events-agency/apply', { language: 'ru' });
  // The pack's knowledge is indexed in the background: the plain answers need it.
  for (let waited = 0; ; waited += 200) {
    const source = await api('GET', '/knowledge/sources/pack-events-agency-events-faq');
    if (source.status === 'ready') break;
    if (waited > 120_000) throw new Error(`the pack's knowledge was not indexed: ${source.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const widget = await api('POST', '/channels/webchat', { title: 'Events bench' });
  const key = String(widget.key);

  /** Ms from the customer's message to the stored reply, and the reply's text. */
  let visitors = 0;
  const ask = async (text: string): Promise<{ ms: number; reply: string }> => {
    const visitor = `v_bench_events_${process.pid}_${String(++visitors).padStart(6, '0')}`;
    const conversation = encodeURIComponent(`conv:webchat:${key}:${visitor}`);
    const started = performance.now();
    const sent = await fetch(`${server.url}/webchat/v1/${key}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId: visitor, clientMessageId: 'm1', text }),
    });
    if (sent.status !== 202) throw new Error(`the web chat answered ${sent.status}: ${await sent.text()}`);
    for (;;) {
      const res = await fetch(`${server.url}/api/v1/conversations/${conversation}/messages?limit=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok) {
        const items = ((await res.json()) as { items: Json[] }).items;
        const reply = items.find((m) => m.direction === 'outbound' && !m.scheduledFor);
        if (reply) return { ms: performance.now() - started, reply: String(reply.text) };
      }
      if (performance.now() - started > 60_000) throw new Error(`no reply to "${text}" within 60 s`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  // One of each first, not counted: the first request loads the pack's classifier and the templates.
  await ask(requests[0]!.text);
  await ask(plainQuestions[0]!.text);
  const events: number[] = [];
  const plain: number[] = [];
  const missing: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const request = requests[i % requests.length]!;
    const answer = await ask(request.text);
    events.push(answer.ms);
    for (const part of request.says)
      if (!answer.reply.includes(part)) missing.push(`"${part}" in the reply to "${request.text}"`);
    const question = plainQuestions[i % plainQuestions.length]!;
    const plainAnswer = await ask(question.text);
    plain.push(plainAnswer.ms);
    if (!plainAnswer.reply.includes(question.says))
      missing.push(`"${question.says}" in the answer to "${question.text}"`);
  }
  const e = summarize(events);
  const p = summarize(plain);
  const invalid = missing.length
    ? { invalid: `a reply did not say what it should: no ${missing.slice(0, 2).join(', ')}` }
    : {};
  const baseline = (value: number) => ({ name: 'a plain question answered from knowledge', value });
  const figures: Figure[] = [
    {
      name: 'event request: web chat to the reply with plan, estimate and vendors (p95)',
      value: Math.round(e.p95),
      unit: 'ms',
      goal: '< 1000',
      baseline: baseline(Math.round(p.p95)),
      note: `${e.n} requests, one at a time, in Russian and English; p50 ${Math.round(e.p50)} ms; offline provider; polled every ${POLL_MS} ms; absolute, so read with the ratio`,
      ...invalid,
    },
    {
      name: 'event request: web chat to the reply (p50)',
      value: Math.round(e.p50),
      unit: 'ms',
      baseline: baseline(Math.round(p.p50)),
      note: "the ratio is Maestro's work (deal, plan, estimate, quote requests) over a plain answer",
      ...invalid,
    },
  ];
  report.figures.push(...figures, ...(await eventsApiLoad(api, token)));
} finally {
  await server.stop(10_000);
  rmSync(dir, { recursive: true, force: true });
}
printReport(report, resultsFile(new URL('./results/', import.meta.url).pathname, 'events', mode));
