// Counting the fuzz benchmark's answers: by class, route and area; every 5xx, leak, unanswered or
// dropped request kept with what it takes to replay it; and the findings printed as Markdown.
import type { FuzzCase } from './fuzz-cases';
import { findLeak, summarize, type Needle, type Outcome } from './fuzz-client';
import type { Crash } from './fuzz-server';

export type Stat = { n: number; s2xx: number; s3xx: number; s4xx: number; s5xx: number; none: number };
export type Entry = {
  index: number;
  method: string;
  path: string;
  caller: string;
  input: string;
  body: string;
  status: string;
  answer: string;
  log?: string;
};

const newStat = (): Stat => ({ n: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, none: 0 });
const statusClass = (s: number | undefined): keyof Stat =>
  !s ? 'none' : s >= 500 ? 's5xx' : s >= 400 ? 's4xx' : s >= 300 ? 's3xx' : 's2xx';

/** The error code of a JSON error answer (`{error:{code}}`, or CouchDB's `{error:"..."}`). */
export function errorCode(o: Outcome): string {
  try {
    const e = (JSON.parse(o.body.toString('utf8')) as { error?: { code?: unknown } | string }).error;
    return typeof e === 'string' ? e : typeof e?.code === 'string' ? e.code : '(no code)';
  } catch {
    return '(not JSON)';
  }
}

export function createTally(needles: Needle[], logOf: (index: number) => string | undefined) {
  const t = {
    total: newStat(),
    byRoute: new Map<string, Stat>(),
    byArea: new Map<string, Stat>(),
    codes: new Map<string, number>(),
    fivexx: [] as Entry[],
    leaks: [] as (Entry & { found: string })[],
    noAnswer: [] as Entry[],
    connErrors: [] as Entry[],
    not4xxJson: [] as Entry[],
  };
  const entry = (c: FuzzCase, o: Outcome): Entry => ({
    index: c.index,
    method: c.method,
    path: c.path.length > 200 ? `${c.path.slice(0, 200)}… (${c.path.length} chars)` : c.path,
    caller: c.auth,
    input: c.label,
    body: summarize(c.raw ?? c.body),
    status: o.status ? String(o.status) : (o.error ?? '?'),
    answer: summarize(o.body, 300),
    ...(logOf(c.index) ? { log: logOf(c.index) } : {}),
  });
  function record(c: FuzzCase, o: Outcome) {
    const cls = statusClass(o.status);
    for (const [map, key] of [
      [t.byRoute, `${c.route.method} ${c.route.path}`],
      [t.byArea, c.route.area],
    ] as const) {
      const s = map.get(key) ?? newStat();
      s.n++;
      s[cls]++;
      map.set(key, s);
    }
    t.total.n++;
    t.total[cls]++;
    if (cls === 's5xx') t.fivexx.push(entry(c, o));
    if (cls === 'none') (o.error === 'no answer' ? t.noAnswer : t.connErrors).push(entry(c, o));
    if (o.status && o.status >= 400) {
      const code = errorCode(o);
      t.codes.set(`${o.status} ${code}`, (t.codes.get(`${o.status} ${code}`) ?? 0) + 1);
      // Node's own 400 (raw cases) and 431 (headers too large) come before any app code.
      if (o.status < 500 && !c.raw && c.method !== 'HEAD' && o.status !== 431 && code.startsWith('('))
        t.not4xxJson.push(entry(c, o));
    }
    const found = o.status ? findLeak(o, needles) : undefined;
    if (found) t.leaks.push({ ...entry(c, o), found });
  }
  /** A request's error line may reach us just after its answer: look again at the end. */
  function fillLogs() {
    for (const e of [...t.fivexx, ...t.noAnswer]) e.log ??= logOf(e.index);
  }
  return { ...t, record, fillLogs };
}

export type Findings = {
  seed: number;
  fivexx: Entry[];
  crashes: Crash[];
  leaks: (Entry & { found: string })[];
  teamBChanged: string[];
  noAnswer: Entry[];
};

const cell = (s: string, n: number) => s.slice(0, n).replace(/\|/g, '/').replace(/\n/g, ' ');

export function printFindings(d: Findings): void {
  const row = (e: Entry) =>
    `| ${e.index} | ${e.method} | \`${cell(e.path, 120)}\` | ${e.caller} | ${cell(`${e.input}: ${e.body}`, 140)} | ${e.status} | ${cell(e.answer, 120)} | ${cell(e.log ?? '', 160)} |`;
  const table = [
    '| # | method | path | caller | body | status | answer | server log |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const section = (title: string, lines: string[]) => console.log(['', title, '', ...lines].join('\n'));
  if (d.fivexx.length)
    section(`#### 5xx answers (${d.fivexx.length}); replay one with --seed ${d.seed} --only <#>`, [
      ...table,
      ...d.fivexx.slice(0, 40).map(row),
    ]);
  if (d.leaks.length)
    section(
      `#### Cross-team leaks (${d.leaks.length})`,
      d.leaks.slice(0, 20).map((l) => `- #${l.index} ${l.method} ${l.path} as ${l.caller}: ${l.found}`),
    );
  if (d.crashes.length)
    section(
      `#### Crashes (${d.crashes.length})`,
      d.crashes.map(
        (c) => `- ${c.reason} after case ${c.afterCase}; in flight: ${c.inFlight.join('; ') || '-'}`,
      ),
    );
  if (d.teamBChanged.length)
    section(
      `#### Team B data changed (${d.teamBChanged.length})`,
      d.teamBChanged.slice(0, 30).map((x) => `- ${x}`),
    );
  if (d.noAnswer.length)
    section(`#### No answer within 30 s (${d.noAnswer.length})`, [
      ...table,
      ...d.noAnswer.slice(0, 10).map(row),
    ]);
}

/** One case in full (`--only`). */
export function printCase(c: FuzzCase, o: Outcome, log: string | undefined): void {
  console.log(`\n#${c.index} ${c.method} ${c.path}\ncaller: ${c.auth}; input: ${c.label}`);
  console.log(
    `headers: ${JSON.stringify(c.headers).slice(0, 600)}\nbody: ${summarize(c.raw ?? c.body, 2000)}`,
  );
  console.log(`-> ${o.status ?? o.error} ${o.headers.slice(0, 400)}\n${summarize(o.body, 2000)}`);
  if (log) console.log(`server log: ${log}`);
}
