// Registration while the agent runtime runs: the runtime sees the new team at once and checks its
// databases while registration creates them; both must succeed (they once raced on `_security`, and
// on Apache CouchDB two processes creating one Mango index got `500 error_saving_ddoc`). Each server
// stops with no grace (shutdownGraceMs 1): the store closes while the new teams' feeds still read their
// checkpoints, and nothing may be left rejected with no one to hear it (Vitest fails on that).
import { describe, expect, it } from 'vitest';
import { call, sameStoreEnv, startTestServer, tempDir, uniqueEmail } from './helpers';

const registerTeam = (base: string, i: number) =>
  call(base, 'POST', '/api/v1/auth/register', {
    body: { teamName: `Team ${i}`, email: uniqueEmail('rt'), password: 'correct horse battery' },
  });

describe('registration with the runtime on', () => {
  it('creates every team, however many register at once', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, { EMBEDDED_STORE: 'process' }, { shutdownGraceMs: 1 });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => registerTeam(server.url, i)));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    } finally {
      await server.close();
      dir.remove();
    }
  }, 60_000);

  it('answers 202 to every registration with two server processes on one store', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const a = await startTestServer(dirA.path, {}, { shutdownGraceMs: 1 });
    const b = await startTestServer(dirB.path, sameStoreEnv(a, dirA.path), { shutdownGraceMs: 1 });
    try {
      // Each server's runtime sets up the team the other registers, at the same moment.
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => registerTeam((i % 2 ? b : a).url, i)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(12).fill(202));
    } finally {
      await b.close();
      await a.close();
      dirA.remove();
      dirB.remove();
    }
  }, 120_000);
});
