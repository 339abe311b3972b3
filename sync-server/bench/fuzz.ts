// `npx tsx bench/fuzz.ts [--quick | --smoke] [--seed N] [--requests N] [--concurrency N] [--only I]`: hostile
// input against every route (the OpenAPI document, the sync gateway, web chat, ops, /app) of a sync
// server running as its own process, so a crash is seen. Counts answers by class, crashes (process
// exit, /healthz unanswered, or the embedded store's process dying: the fuzz restarts the server and
// goes on) and cross-team leaks: team B's docs carry a marker, every answer to team A (or to nobody)
// is searched for it, and B's data is hashed before and after. `--seed` gives the same cases again,
// `--only I` replays case I alone and prints it in full. Writes bench/results/fuzz[-mode].json.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMode, newReport, printReport } from '@app/shared/bench';
import { createAccessTokens } from '../src/auth/access-tokens';
import { loadSecrets } from '../src/secrets';
import { caseSeed } from '../test/fuzz-inputs';
import { fuzzRoutes, type OpenApiDoc } from '../test/fuzz-routes';
import { buildCase, type FuzzCase, type FuzzContext } from './fuzz-cases';
import { findLeak, needlesOf, send, type Outcome } from './fuzz-client';
import { startWatchedServer } from './fuzz-server';
import { call, diffSnapshots, FUZZ_PASSWORD, setUpTeam, settledSnapshot, type TeamSetup } from './fuzz-setup';
import { createTally, printCase, printFindings } from './fuzz-tally';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const mode = benchMode();
const quick = mode !== 'full';
const seed = Number(flag('--seed') ?? randomBytes(4).readUInt32BE() % 2 ** 31);
const only = flag('--only') === undefined ? undefined : Number(flag('--only'));
const REQUESTS = Number(flag('--requests') ?? { smoke: 300, quick: 4000, full: 30_000 }[mode]);
const CONCURRENCY = Number(flag('--concurrency') ?? 6);
const TIMEOUT_MS = 30_000;
/** Small body limits make "over the limit" cheap to send; the limits' handling is what is tested. */
const SERVER_ENV = {
  LONGPOLL_MAX_MS: '1000',
  SYNC_JSON_LIMIT: '1mb',
  FILES_JSON_LIMIT: '2mb',
  TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
};
/** Only team B's data carries it; the fuzz never sends it. */
const MARKER = `qxb${randomBytes(6).toString('hex')}`;

async function badTokens(dataDir: string, a: TeamSetup, bTeam: string): Promise<FuzzContext['badTokens']> {
  const past = () => new Date(Date.now() - 3_600_000);
  const claims = { userId: a.userId, teamId: a.teamId, role: 'admin' as const, email: a.email };
  const expired = await createAccessTokens(loadSecrets(dataDir, {}).jwtSecret, 60, past).sign(claims);
  const forged = await createAccessTokens(randomBytes(32), 900, () => new Date()).sign({
    ...claims,
    teamId: bTeam,
  });
  const b64 = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const payloadB = b64({
    sub: a.userId,
    team: bTeam,
    role: 'admin',
    email: a.email,
    iss: 'sales-workspace',
    aud: 'sales-workspace-api',
    exp,
  });
  const [head, , sig] = a.admin.split('.');
  return [
    { label: 'empty', header: 'Bearer' },
    { label: 'garbage', header: 'Bearer garbage' },
    { label: 'expired', header: `Bearer ${expired}` },
    { label: 'forged for team B', header: `Bearer ${forged}` },
    { label: 'alg none for team B', header: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payloadB}.` },
    { label: "A's signature on B's claims", header: `Bearer ${head}.${payloadB}.${sig}` },
    { label: 'basic', header: 'Basic YWRtaW46YWRtaW4=' },
    { label: 'tampered', header: `Bearer ${a.admin}x` },
    { label: 'refresh token', header: `Bearer ${a.refreshToken}` },
    { label: 'overlong', header: `Bearer ${'a'.repeat(5000)}` },
    { label: 'two tokens', header: `Bearer ${a.viewer}, Bearer ${a.admin}` },
  ];
}

type Role = 'admin' | 'rep' | 'viewer';
const roles: Role[] = ['admin', 'rep', 'viewer'];

/**
 * Signs team A's members in again after a case ended their sessions (a role change, a password
 * change: every later case as them would be a 401 `token-revoked` and test nothing past the auth).
 * One renewal at a time; a member who cannot sign in (the fuzz removed them) stays signed out.
 * Counts the renewals.
 */
function sessionRenewal(base: () => string, a: TeamSetup) {
  let running: Promise<void> | undefined;
  const renewed: Record<Role, number> = { admin: 0, rep: 0, viewer: 0 };
  const failed: string[] = [];
  /** Members who could not sign in (a case removed them): not tried again, each try counts against the IP's limit. */
  const gone = new Set<Role>();
  const renew = async (role: Role) => {
    const res = await call(base(), 'POST', '/api/v1/auth/login', {
      body: { email: a.emails[role], password: FUZZ_PASSWORD },
    });
    const token = (res.body as { accessToken?: unknown } | undefined)?.accessToken;
    if (res.status === 200 && typeof token === 'string') {
      a[role] = token;
      renewed[role]++;
    } else {
      gone.add(role);
      failed.push(`${role}: ${res.status} ${res.bytes.toString().slice(0, 120)}`);
    }
  };
  return {
    renewed,
    failed,
    /** After an answer: a 401 `token-revoked` to the member's current token signs them in again. */
    async after(c: FuzzCase, o: Outcome) {
      const role = roles.find((r) => r === c.auth);
      if (!role || gone.has(role) || o.status !== 401 || !o.body.includes('"token-revoked"')) return;
      if (c.headers.authorization !== `Bearer ${a[role]}`) return;
      running ??= renew(role).finally(() => (running = undefined));
      await running;
    },
  };
}

async function main() {
  const t0 = performance.now();
  console.log(
    `fuzz: seed ${seed}; the same cases again: npx tsx bench/fuzz.ts --seed ${seed}${quick ? ' --quick' : ''}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-fuzz-'));
  const inFlight = new Map<number, FuzzCase>();
  let last = 0;
  const server = await startWatchedServer({
    dataDir,
    env: SERVER_ENV,
    concurrency: CONCURRENCY,
    inFlight: () => ({
      last,
      cases: [...inFlight.values()].map(
        (c) => `#${c.index} ${c.method} ${c.path.slice(0, 120)} [${c.label}]`,
      ),
    }),
  });
  // Stopped from outside: stop the server child too (an `exit` handler cannot wait for it).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void server.stop().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(130);
      });
    });
  try {
    const base = () => server.base().origin;
    const a = await setUpTeam(base(), 'a', (what) => `a ${what}`);
    const b = await setUpTeam(base(), 'b', (what) => `${MARKER} ${what}`);
    const needles = needlesOf(MARKER);
    // The detector must see B's marker where it is (read as B): in text and in base64 attachments.
    for (const path of [
      '/sync/contacts/_all_docs?include_docs=true',
      '/sync/files/b-file-1?attachments=true',
    ]) {
      const own = await call(base(), 'GET', path, { token: b.admin });
      if (!findLeak({ headers: '', body: own.bytes, ms: 0 }, needles))
        throw new Error(`fuzz: the leak detector misses B's marker in ${path}`);
    }
    const before = await settledSnapshot(base(), b.admin);
    const backup = await call(base(), 'GET', '/api/v1/admin/backup', { token: a.admin });
    const invite = await call(base(), 'POST', '/api/v1/members/invite', {
      token: a.admin,
      body: { email: 'open-invite@example.com', role: 'viewer' },
    });
    const routes = fuzzRoutes((await call(base(), 'GET', '/api/v1/openapi.json')).body as OpenApiDoc);
    const ctx: FuzzContext = {
      a,
      b: { teamId: b.teamId, ids: b.ids },
      badTokens: await badTokens(dataDir, a, b.teamId),
      ownBackup: backup.bytes,
      known: {
        refreshToken: [a.refreshToken],
        token: [invite.body.inviteToken],
        email: [a.email],
        password: [FUZZ_PASSWORD],
        currentPassword: [FUZZ_PASSWORD],
        newPassword: [FUZZ_PASSWORD],
      },
      large: !quick,
    };
    const setupS = (performance.now() - t0) / 1000;
    console.log(`fuzz: ${routes.length} routes; setup ${setupS.toFixed(1)} s; team B: ${before.docs} docs`);

    const sessions = sessionRenewal(base, a);
    const logOf = (index: number) => server.errors.get(`fz-${index}`);
    const tally = createTally(needles, logOf);
    const cases = only === undefined ? Array.from({ length: REQUESTS }, (_, i) => i) : [only];
    let next = 0;
    const worker = async () => {
      for (;;) {
        await server.ready();
        if (next >= cases.length) return;
        const index = cases[next++]!;
        const c = buildCase(index, caseSeed(seed, index), routes, ctx);
        inFlight.set(index, c);
        last = Math.max(last, index);
        const o = await send(server.base(), server.agent(), c, TIMEOUT_MS);
        // No answer at all, at once: has the server gone?
        if (!o.status && o.error !== 'no answer') await server.ensure(`case #${index} got ${o.error}`, false);
        inFlight.delete(index);
        tally.record(c, o);
        await sessions.after(c, o);
        if (only !== undefined) printCase(c, o, logOf(index));
        const t = tally.total;
        if (t.n % 500 === 0)
          console.log(
            `fuzz: ${t.n} sent, ${t.s5xx} 5xx, ${server.crashes.length} crashes, ${tally.leaks.length} leaks`,
          );
      }
    };
    let finished = false;
    const monitor = async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, 2000));
        if (!finished) await server.ensure('health check', true);
      }
    };
    const tFuzz = performance.now();
    const watching = monitor();
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cases.length) }, worker));
    const fuzzS = (performance.now() - tFuzz) / 1000;
    finished = true;
    await watching;
    await server.ensure('after the last case', false);
    const after = await settledSnapshot(base(), b.admin);
    const changed = Object.keys(before.parts).filter((k) => before.parts[k]!.hash !== after.parts[k]?.hash);
    tally.fillLogs();

    const { total, byRoute } = tally;
    const crashes = server.crashes;
    const report = newReport('sync-server fuzz');
    const fig = (name: string, value: number, unit: string, extra: { goal?: string; note?: string } = {}) =>
      report.figures.push({ name, value, unit, ...extra });
    const rate = Math.round(total.n / fuzzS);
    fig('requests sent', total.n, 'req', {
      note: `seed ${seed}${quick ? ', quick' : ''}; ${routes.length} routes; ${CONCURRENCY} concurrent; ${rate} req/s`,
    });
    fig('answers 2xx', total.s2xx, 'req');
    fig('answers 3xx', total.s3xx, 'req');
    fig('answers 4xx', total.s4xx, 'req', { note: `${tally.not4xxJson.length} without a JSON error body` });
    fig('answers 5xx', total.s5xx, 'req', { goal: '<= 0' });
    fig('crashes', crashes.length, 'crashes', {
      goal: '<= 0',
      note: 'server exited, /healthz unanswered, or its store process died',
    });
    fig('cross-team leaks', tally.leaks.length, 'answers', {
      goal: '<= 0',
      note: 'answers to team A or to nobody carrying a team B marker',
    });
    fig('team B data changed', changed.length, 'parts', {
      goal: '<= 0',
      note: `${before.docs} docs + members, channels, widgets; sha256 ${before.hash.slice(0, 12)} -> ${after.hash.slice(0, 12)}`,
    });
    fig('no answer within 30 s', tally.noAnswer.length, 'req');
    fig('connections closed without an answer', tally.connErrors.length, 'req');
    const with2xx = [...byRoute.values()].filter((s) => s.s2xx > 0).length;
    fig('routes fuzzed', byRoute.size, 'routes', { note: `${with2xx} with a 2xx answer` });
    const { renewed } = sessions;
    fig('sessions renewed', renewed.admin + renewed.rep + renewed.viewer, 'sign-ins', {
      note: `team A's admin ${renewed.admin}, rep ${renewed.rep}, viewer ${renewed.viewer}, after a case ended them${sessions.failed.length ? `; ${sessions.failed.length} failed` : ''}`,
    });
    fig('wall time', (performance.now() - t0) / 1000, 's', {
      note: `setup ${setupS.toFixed(1)} s, fuzz ${fuzzS.toFixed(1)} s`,
    });
    const findings = {
      seed,
      fivexx: tally.fivexx.slice(0, 200),
      crashes,
      leaks: tally.leaks.slice(0, 100),
      teamBChanged: diffSnapshots(before, after).slice(0, 100),
      noAnswer: tally.noAnswer.slice(0, 50),
    };
    const details = {
      ...findings,
      quick,
      setupNotes: [...a.notes, ...b.notes],
      marker: MARKER,
      serverEnv: SERVER_ENV,
      byArea: Object.fromEntries(tally.byArea),
      errorCodes: Object.fromEntries([...tally.codes].sort((x, y) => y[1] - x[1])),
      routesWithout2xx: [...byRoute]
        .filter(([, s]) => s.s2xx === 0)
        .map(([r, s]) => `${r}: ${s.n} sent, ${s.s4xx} 4xx`),
      connErrors: tally.connErrors.slice(0, 50),
      renewalsFailed: sessions.failed,
      not4xxJson: tally.not4xxJson.slice(0, 50),
    };
    const out = join(
      dirname(fileURLToPath(import.meta.url)),
      'results',
      only === undefined ? (mode === 'full' ? 'fuzz.json' : `fuzz-${mode}.json`) : 'fuzz-only.json',
    );
    printReport(Object.assign(report, { fuzz: details }), out);
    printFindings(findings);
    for (const note of details.setupNotes) console.log(`\nSetup: ${note}`);
    if (total.s5xx || crashes.length || tally.leaks.length || changed.length) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
