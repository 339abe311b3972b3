// POST /vk/callback/:teamId: VK's Callback API calls for teams whose community runs in callback mode.
// Every server process serves it. The `secret` VK sends in every event is checked: a wrong or missing
// one, a team without callback mode and an unknown team get one answer (401, same body), so the route
// does not tell which teams use callback mode; a `confirmation` event gets the team's confirmation string; a `message_new` is written as an
// inbound doc (inbound.ts) and answered `ok` at once: the agents' work is the runtime's (changes
// feed), and a store failure answers 500 so VK delivers the event again (the same message id then
// writes nothing new). Bodies are bounded; what is not a VK event is a 400. Settings are cached per
// team, read again after `invalidate(teamId)` or `refreshMs`.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { route } from '../../http/route';
import type { Store } from '../../context';
import type { ChannelFileAccess } from '../file-fetch';
import { handleVkEvent, MalformedVkEvent } from './events';
import type { VkSettings } from './settings';
import { createTeamCache } from '../team-cache';
import { createVkApi, type VkApi } from './vk-api';

export type VkCallbackDeps = {
  store: Store;
  /** The team's VK settings (null: none); throws when the store fails. */
  settingsOf: (teamId: string) => Promise<VkSettings | null>;
  apiRoot: string;
  log: Logger;
  /** VK's file hosts and the outbound policy customers' files are fetched under (vk-files.ts). */
  fileAccess?: ChannelFileAccess;
  refreshMs?: number;
  /** Largest event accepted (default 256 KiB; VK's are a few KiB). */
  bodyLimit?: string;
  now?: () => number;
};

export type VkCallbacks = { router: Router; invalidate(teamId: string): void };

type Entry = { settings: VkSettings; api: VkApi };
const teamIdPattern = /^[A-Za-z0-9_.:-]{1,200}$/;
const digest = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (given: string | undefined, expected: string) =>
  given !== undefined && timingSafeEqual(digest(given), digest(expected));

const eventSchema = z.looseObject({
  type: z.string().min(1).max(100),
  group_id: z.number().int(),
  event_id: z.string().max(200).optional(),
  secret: z.string().max(200).optional(),
  object: z.unknown().optional(),
});

export function createVkCallbacks(deps: VkCallbackDeps): VkCallbacks {
  const cache = createTeamCache<Entry | undefined>({
    ...(deps.refreshMs === undefined ? {} : { refreshMs: deps.refreshMs }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const readBody = express.raw({ type: () => true, limit: deps.bodyLimit ?? '256kb' });

  async function load(teamId: string): Promise<Entry | undefined> {
    const settings = await deps.settingsOf(teamId);
    if (!settings?.enabled || settings.mode !== 'callback') return undefined;
    const api = createVkApi({ apiRoot: deps.apiRoot, token: settings.token, version: settings.apiVersion });
    return { settings, api };
  }

  const entryOf = (teamId: string): Promise<Entry | undefined> =>
    cache.fresh(teamId) ?? cache.keep(teamId, load(teamId));

  /** Unknown team, no callback mode, wrong or missing secret: one answer for all. */
  const refused = () => new DomainError('unauthorized', 'No VK callback here with this secret');
  const notFound = () => new DomainError('not-found', 'No VK callback here');

  const router = express.Router();
  router.post(
    '/:teamId',
    route(async (req: Request, res: Response) => {
      const teamId = String(req.params.teamId);
      // The body is read and checked before the team is looked at, so a bad body is answered alike too.
      await new Promise<void>((ok, fail) => readBody(req, res, (err?: unknown) => (err ? fail(err) : ok())));
      let body: unknown;
      try {
        body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      } catch {
        throw new DomainError('invalid-json', 'The body is not JSON');
      }
      const parsed = eventSchema.safeParse(body);
      if (!parsed.success) throw new DomainError('bad-request', 'The body is not a VK Callback API event');
      const event = parsed.data;
      const entry = teamIdPattern.test(teamId) ? await entryOf(teamId) : undefined;
      if (!entry?.settings.secretKey || !sameSecret(event.secret, entry.settings.secretKey)) throw refused();
      const { settings } = entry;
      if (event.group_id !== settings.groupId)
        throw new DomainError(
          'bad-request',
          `An event of community ${event.group_id}, not of this channel's`,
        );
      if (event.type === 'confirmation') {
        if (!settings.confirmationCode) throw notFound();
        res.type('text/plain').send(settings.confirmationCode);
        return;
      }
      const log = deps.log.child({ teamId, channel: 'vk', eventId: event.event_id, type: event.type });
      try {
        await handleVkEvent(
          {
            store: deps.store,
            teamId,
            groupId: settings.groupId,
            api: entry.api,
            log,
            ...(deps.fileAccess ? { fileAccess: deps.fileAccess } : {}),
          },
          event.type,
          event.object,
        );
      } catch (err) {
        if (err instanceof MalformedVkEvent) throw new DomainError('bad-request', err.message);
        throw err;
      }
      res.type('text/plain').send('ok');
    }),
  );

  return {
    router,
    invalidate: (teamId) => cache.invalidate(teamId),
  };
}
