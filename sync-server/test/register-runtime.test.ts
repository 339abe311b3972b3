// Registration while the agent runtime runs: the runtime sees the new team at once and checks its
// databases while registration creates them; both must succeed (they once raced on `_security`).
import { describe, expect, it } from 'vitest';
import { call, startTestServer, tempDir, uniqueEmail } from './helpers';

describe('registration with the runtime on', () => {
  it('creates every team, however many register at once', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir.path, { EMBEDDED_STORE: 'process' });
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call(server.url, 'POST', '/api/v1/auth/register', {
            body: { teamName: `Team ${i}`, email: uniqueEmail('rt'), password: 'correct horse battery' },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    } finally {
      await server.close();
      dir.remove();
    }
  }, 60_000);
});
