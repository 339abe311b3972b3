// /telegram/webhook/<team> tells nobody which teams run a webhook bot (issue 60), as VK's callback
// does: an unknown team, a team whose bot polls, a malformed team id and a wrong or missing secret get
// the same status and body. The right secret still passes (its bad body is then a 400).
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../app-errors';
import type { TelegramTeamSettings } from './settings';
import { createTelegramWebhooks } from './webhook';

const SECRET = 'right-secret-token_0123456789';
const settings = (mode: TelegramTeamSettings['mode']): TelegramTeamSettings => ({
  token: '123456:TestToken',
  botId: '123456',
  mode,
  secretToken: SECRET,
});
const teams: Record<string, TelegramTeamSettings> = {
  hooked: settings('webhook'),
  polling: settings('polling'),
};

let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const hooks = createTelegramWebhooks({
    settingsOf: async (teamId) => teams[teamId],
    sinkFor: () => {
      throw new Error('no update reaches a sink in these cases');
    },
    apiRoot: 'http://127.0.0.1:9',
    log: pino({ level: 'silent' }),
  });
  const app = express();
  app.use('/telegram/webhook', hooks.router);
  app.use(errorMiddleware);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  close = () => new Promise((ok) => server.close(() => ok()));
});

afterAll(() => close());

const post = async (teamId: string, secret: string | undefined, body = '{"update_id":1}') => {
  const res = await fetch(`${base}/${encodeURIComponent(teamId)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
};

describe('Telegram webhook refusals', () => {
  it('answers an unknown team, a polling bot, a bad team id and a wrong or missing secret alike', async () => {
    const answers = [
      await post('no-such-team', SECRET),
      await post('polling', SECRET),
      await post('bad team id!', SECRET),
      await post('hooked', 'wrong-secret'),
      await post('hooked', undefined),
      await post('no-such-team', undefined),
    ];
    expect(answers[0]!.status).toBe(401);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The right secret gets past the check: its body is looked at next.
    const bad = await post('hooked', SECRET, '{not json');
    expect(bad.status).toBe(400);
  });
});
