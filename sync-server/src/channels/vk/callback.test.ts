// /vk/callback/<team> tells nobody which teams use callback mode: an unknown team, a team whose
// community runs in long-poll mode (or is disabled) and a wrong or missing secret get the same status
// and body; a bad body is a 400 whatever the team. The right secret still gets the confirmation.
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../app-errors';
import type { Store } from '../../context';
import { createVkCallbacks } from './callback';
import type { VkSettings } from './settings';

const SECRET = 'right-secret-key';
const GROUP = 4242;

const settings = (teamId: string, over: Partial<VkSettings> = {}): VkSettings => ({
  teamId,
  enabled: true,
  mode: 'callback',
  groupId: GROUP,
  apiVersion: '5.199',
  token: 'vk1.a.token',
  confirmationCode: 'abc123',
  secretKey: SECRET,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const teams: Record<string, VkSettings> = {
  callback: settings('callback'),
  longpoll: settings('longpoll', { mode: 'longpoll' }),
  disabled: settings('disabled', { enabled: false }),
  nosecret: settings('nosecret', { secretKey: undefined }),
};

let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const callbacks = createVkCallbacks({
    store: {} as Store, // no event reaches the store in these cases
    settingsOf: async (teamId) => teams[teamId] ?? null,
    apiRoot: 'http://127.0.0.1:9',
    log: pino({ level: 'silent' }),
  });
  const app = express();
  app.use('/vk/callback', callbacks.router);
  app.use(errorMiddleware);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vk/callback`;
  close = () => new Promise((ok) => server.close(() => ok()));
});

afterAll(() => close());

const post = async (teamId: string, body: unknown) => {
  const res = await fetch(`${base}/${teamId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

const confirmation = (secret?: string) => ({
  type: 'confirmation',
  group_id: GROUP,
  ...(secret === undefined ? {} : { secret }),
});

describe('VK callback refusals', () => {
  it('answers an unknown team, a team without callback mode and a wrong secret alike', async () => {
    const answers = [
      await post('no-such-team', confirmation(SECRET)),
      await post('longpoll', confirmation(SECRET)),
      await post('disabled', confirmation(SECRET)),
      await post('nosecret', confirmation(SECRET)),
      await post('callback', confirmation('wrong-secret')),
      await post('callback', confirmation()),
      await post('bad team id!', confirmation(SECRET)),
    ];
    expect(answers[0]!.status).toBe(401);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The right secret is still confirmed.
    expect(await post('callback', confirmation(SECRET))).toEqual({ status: 200, text: 'abc123' });
  });

  it('answers a body that is not a VK event with a 400 whatever the team', async () => {
    const known = await post('callback', '{"type":');
    const unknown = await post('no-such-team', '{"type":');
    expect(known.status).toBe(400);
    expect(unknown).toEqual(known);
    const noType = [await post('callback', { group_id: GROUP }), await post('longpoll', { group_id: GROUP })];
    expect(noType[0]!.status).toBe(400);
    expect(noType[1]).toEqual(noType[0]);
  });
});
