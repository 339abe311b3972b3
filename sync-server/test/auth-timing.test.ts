// Registration answers alike in time whether or not the e-mail has an account (SECURITY.md): both
// outcomes answer no sooner than one budget (SIGNUP_ANSWER_MS) after the request, so a taken e-mail
// and a new one are told apart neither by the answer nor by when it comes. The budget is measured
// here first (the slowest of three new teams on this machine, and half again), so the test holds on a busy machine:
// every answer comes after the budget, and the medians of the two outcomes differ by a small part of it.
// A loaded machine makes a new team slower than any budget (2.3-4.6 s against 2 s were seen): the team
// is made after the answer, so a new e-mail still answers when a taken one does, and its admin signs
// in as soon as the answer came.
import { describe, expect, it } from 'vitest';
import { CORE, call, login, startTestServer, tempDir, uniqueEmail } from './helpers';

const PASSWORD = 'correct horse battery';

async function timedRegister(base: string, email: string, teamName = 'Timing') {
  const started = performance.now();
  const res = await call(base, 'POST', '/api/v1/auth/register', {
    body: { teamName, email, password: PASSWORD },
  });
  return { ms: performance.now() - started, status: res.status, body: res.body as unknown };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A new team's registration time on this machine now (no budget): the slowest of three. */
async function measureNewTeam(): Promise<number> {
  const dir = tempDir();
  const server = await startTestServer(dir.path, { ...CORE, SIGNUP_ANSWER_MS: '0' });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await timedRegister(server.url, uniqueEmail('measure'))).ms);
    return Math.max(...times);
  } finally {
    await server.close();
    dir.remove();
  }
}

describe('registration timing', () => {
  it('answers a taken e-mail and a new one after the same budget', async () => {
    const budget = Math.min(8_000, Math.max(1_000, Math.ceil(1.5 * (await measureNewTeam()))));
    const dir = tempDir();
    const server = await startTestServer(dir.path, { ...CORE, SIGNUP_ANSWER_MS: String(budget) });
    try {
      const taken = [uniqueEmail('taken')];
      await timedRegister(server.url, taken[0]!); // warms the server up; its e-mail is taken from now on
      const times = { created: [] as number[], taken: [] as number[] };
      const answers: unknown[] = [];
      for (let round = 0; round < 3; round++) {
        const fresh = uniqueEmail('fresh');
        const pair = [
          async () => {
            const r = await timedRegister(server.url, fresh);
            times.created.push(r.ms);
            answers.push([r.status, (r.body as { message?: string }).message]);
          },
          async () => {
            const r = await timedRegister(server.url, taken[round % taken.length]!.toUpperCase(), 'Other');
            times.taken.push(r.ms);
            answers.push([r.status, (r.body as { message?: string }).message]);
          },
        ];
        // Alternate which outcome goes first, so warming up favours neither.
        for (const run of round % 2 ? pair.reverse() : pair) await run();
        taken.push(fresh);
      }
      // The same answer every time.
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect((answers[0] as [number])[0]).toBe(202);
      // No answer before the budget, whichever the outcome.
      for (const ms of [...times.created, ...times.taken]) expect(ms).toBeGreaterThanOrEqual(budget);
      // And the outcomes' medians close together: a small part of the budget apart.
      const gap = Math.abs(median(times.created) - median(times.taken));
      expect(gap, JSON.stringify({ budget, ...times })).toBeLessThan(0.2 * budget);
    } finally {
      await server.close();
      dir.remove();
    }
  }, 180_000);

  it('answers a new e-mail when a taken one answers even when making the team takes longer than the budget', async () => {
    const budget = 400;
    const slowMs = 1_500;
    const dir = tempDir();
    const server = await startTestServer(dir.path, { ...CORE, SIGNUP_ANSWER_MS: String(budget) });
    // A loaded machine: creating a team's databases takes longer than the whole budget.
    const ensureTeam = server.store.ensureTeam.bind(server.store);
    server.store.ensureTeam = async (teamId) => {
      await new Promise((ok) => setTimeout(ok, slowMs));
      await ensureTeam(teamId);
    };
    try {
      const taken = uniqueEmail('taken');
      await timedRegister(server.url, taken);
      const times = { created: [] as number[], taken: [] as number[] };
      for (let round = 0; round < 2; round++) {
        // Each timed on a server done with the teams it made before.
        await server.auth.settled();
        const created = await timedRegister(server.url, uniqueEmail('fresh'));
        await server.auth.settled();
        const again = await timedRegister(server.url, taken, 'Other');
        expect([created.status, again.status]).toEqual([202, 202]);
        times.created.push(created.ms);
        times.taken.push(again.ms);
      }
      const detail = JSON.stringify({ budget, slowMs, ...times });
      for (const ms of [...times.created, ...times.taken]) expect(ms, detail).toBeGreaterThanOrEqual(budget);
      // Before the fix a new e-mail answered slowMs later than a taken one.
      expect(Math.abs(median(times.created) - median(times.taken)), detail).toBeLessThan(slowMs / 3);
      // The new admin signs in straight after the answer (the sign-in waits for the team being made),
      // and the team's databases are there.
      const fresh = uniqueEmail('fresh');
      expect((await timedRegister(server.url, fresh)).status).toBe(202);
      const session = await login(server.url, fresh);
      const contacts = await call(server.url, 'GET', '/api/v1/contacts', { token: session.accessToken });
      expect(contacts.status).toBe(200);
    } finally {
      await server.auth.settled();
      await server.close();
      dir.remove();
    }
  }, 60_000);
});
