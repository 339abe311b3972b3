// The start the Telegram e2e tests share: the real server with its demo team, its bot talking to a fake
// Bot API on loopback (the real protocol, bot/testing), and the demo admin signed in.
import { startFakeTelegram, FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { RunningServer } from '../src/server';
import { call, startTestServer, tempDir } from './helpers';

export type DemoTelegram = {
  dir: ReturnType<typeof tempDir>;
  fake: FakeTelegram;
  server: RunningServer;
  /** The demo admin's access token. */
  token: string;
  teamId: string;
};

/**
 * Starts the demo server with the Telegram bot on a fake Bot API (data under a temp dir `prefix`);
 * `env`: more of the server's settings.
 */
export async function startDemoTelegram(
  prefix: string,
  env: Record<string, string> = {},
): Promise<DemoTelegram> {
  const dir = tempDir(prefix);
  let fake: FakeTelegram | undefined;
  let server: RunningServer | undefined;
  try {
    fake = await startFakeTelegram();
    server = await startTestServer(dir.path, {
      SEED_DEMO: 'true',
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      ...env,
    });
    const seeded = server.seeded!;
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: seeded.email, password: seeded.password },
    });
    return { dir, fake, server, token: login.body.accessToken, teamId: seeded.teamId };
  } catch (e) {
    await server?.close();
    await fake?.close();
    dir.remove();
    throw e;
  }
}
