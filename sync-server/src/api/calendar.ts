// Calendars: one event as an .ics download (GET /events/:id/ics), and each member's calendar feed,
// a secret URL that calendar apps subscribe to (they cannot send a bearer token):
//   POST   /calendar/feed              makes or rotates the caller's token; the URL is shown this once
//   GET    /calendar/feed              whether the caller has a feed (never the secret)
//   DELETE /calendar/feed              ends it
//   GET    /calendar/feeds/<token>.ics the feed itself (public: the token is the credential)
// Which events and tasks are in a member's feed is shared/src/crm/my-calendar.ts. The feed is a read
// of the team's events and tasks, so the access table's `events`/`tasks` read decides who may have one,
// asked again at every fetch with the member's current role. Tokens are kept like refresh tokens
// (auth/calendar-feeds.ts: a hash only, compared in constant time); a wrong token answers 404.
import type { Router } from 'express';
import { z } from 'zod';
import { can } from '@app/shared/access';
import {
  calendarLinkIds,
  eventIsMine,
  eventToIcs,
  eventsToIcs,
  icsFileName,
  taskIsMine,
  type CalendarLinks,
} from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import { createRateLimiter, type RateLimiter } from '../auth/rate-limit';
import { createCalendarFeeds } from '../auth/calendar-feeds';
import { publicBaseUrl } from '../http/public-url';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry } from '../http/registry';
import { teamCollection } from '../store/collections';
import { idPattern } from '../store/raw-docs';
import type { ApiDeps } from './deps';
import { systemDocs } from '../store/data';

/** How far back a feed reaches (calendar apps keep what they fetched before). */
export const FEED_PAST_DAYS = 180;
/** The most events (and, apart, tasks) one feed holds: the latest ones. */
export const FEED_MAX_ITEMS = 5000;
const readEvents = [
  { resource: 'events', op: 'read' },
  { resource: 'tasks', op: 'read' },
] as const;

// Other parameters are ignored: some calendar apps add their own (cache busters) to a feed's URL.
const feedQuery = z.object({ lang: z.enum(['en', 'ru']).optional() });
const feedFile = /^([^./]{1,100})\.ics$/;
const words = {
  en: { task: 'Task', calendar: 'Sales calendar' },
  ru: { task: 'Задача', calendar: 'Календарь продаж' },
} as const;

export type CalendarRouteOptions = {
  /** Fetches of a live feed per token, and failed ones (unknown tokens) per IP. */
  feedLimits?: { perToken?: RateLimiter; failuresPerIp?: RateLimiter };
};

function limited(limiter: RateLimiter, key: string) {
  const wait = limiter.blockedFor(key);
  if (wait > 0) {
    throw new DomainError('rate-limited', 'Too many requests; try again later', {
      details: { retryAfterSeconds: Math.ceil(wait / 1000) },
    });
  }
}

const latest = <T>(docs: T[], at: (d: T) => string) =>
  docs.sort((a, b) => at(b).localeCompare(at(a))).slice(0, FEED_MAX_ITEMS);

export function addCalendarRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): void {
  const feeds = createCalendarFeeds({ store: deps.store, now: deps.now });

  registry.add(
    router,
    {
      method: 'get',
      path: '/calendar/feed',
      summary: 'Whether the caller has a calendar feed (the URL is shown only when it is made)',
      tag: 'calendar',
      access: readEvents,
      response: z.object({ active: z.boolean(), createdAt: z.string().optional() }),
    },
    route(async (_req, res) => {
      const feed = await feeds.status(authOf(res).userId);
      res.json(feed ? { active: true, createdAt: feed.createdAt } : { active: false });
    }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/calendar/feed',
      summary:
        "Makes the caller's calendar feed URL, or a new one (the old URL stops working). Anyone with the URL can read the calendar",
      tag: 'calendar',
      access: readEvents,
      status: 201,
      response: z.object({ url: z.string(), webcalUrl: z.string(), createdAt: z.string() }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const { token, createdAt } = await feeds.issue({ userId: auth.userId, teamId: auth.teamId });
      const url = `${publicBaseUrl(deps.publicUrl, req)}/api/v1/calendar/feeds/${token}.ics`;
      deps.log.info({ userId: auth.userId, teamId: auth.teamId }, 'calendar feed made');
      res.status(201).json({ url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt });
    }),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/calendar/feed',
      summary: "Ends the caller's calendar feed: its URL answers 404 from now on",
      tag: 'calendar',
      access: 'member',
      status: 204,
    },
    route(async (_req, res) => {
      const auth = authOf(res);
      if (await feeds.revoke(auth.userId)) {
        deps.log.info({ userId: auth.userId, teamId: auth.teamId }, 'calendar feed revoked');
      }
      res.status(204).end();
    }),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/events/:id/ics',
      summary: 'One calendar event as an iCalendar file (.ics) to import into any calendar app',
      tag: 'calendar',
      access: { resource: 'events', op: 'read' },
      response: { mediaType: 'text/calendar', description: 'An iCalendar file with the one event' },
    },
    route(async (req, res) => {
      const auth = authOf(res);
      const id = String(req.params.id);
      if (!idPattern.test(id)) throw new DomainError('not-found', 'No such event');
      const event = await teamCollection(deps.store, auth.teamId, 'events').getOr404(
        id,
        'not-found',
        'Event',
      );
      // UIDs are `<id>@sales-workspace` here, in the feed and in the desktop's own downloads alike, so
      // a meeting imported from a file and the feed's copy of it are one event in a calendar app.
      const text = eventToIcs(event, { calendarName: event.title });
      res.set('content-type', 'text/calendar; charset=utf-8');
      res.attachment(icsFileName(event.title));
      res.send(text);
    }),
  );
}

/** Where the web app shows what an event or task is about: its deal, else its conversation. */
const appLink =
  (base: string) =>
  (doc: { leadId?: string; conversationId?: string }): string | undefined =>
    doc.leadId
      ? `${base}/app/#/leads/${encodeURIComponent(doc.leadId)}`
      : doc.conversationId
        ? `${base}/app/#/inbox/${encodeURIComponent(doc.conversationId)}`
        : undefined;

/** The public feed route; added before the API's auth, since calendar apps send no bearer token. */
export function addCalendarFeedRoute(
  router: Router,
  registry: RouteRegistry,
  deps: ApiDeps,
  opts: CalendarRouteOptions = {},
): void {
  const feeds = createCalendarFeeds({ store: deps.store, now: deps.now });
  // A subscribed app fetches every few minutes to hours; Google's fetchers share IPs among many
  // users, so a live feed is limited per token, and only failed tries (unknown tokens) per IP: they
  // never hold up a live feed fetched from the same address.
  const perToken = opts.feedLimits?.perToken ?? createRateLimiter({ max: 120, windowMs: 60 * 60_000 });
  const failuresPerIp =
    opts.feedLimits?.failuresPerIp ?? createRateLimiter({ max: 30, windowMs: 15 * 60_000 });

  registry.add(
    router,
    {
      method: 'get',
      path: '/calendar/feeds/:file',
      summary:
        "A member's calendar feed (`<token>.ics`, the URL POST /calendar/feed gave): their events and tasks with a due date, for calendar apps to subscribe to",
      tag: 'calendar',
      access: 'public',
      query: feedQuery,
      response: { mediaType: 'text/calendar', description: 'An iCalendar feed' },
    },
    route(async (req, res) => {
      const ip = req.ip ?? 'unknown';
      const query = parse(feedQuery, req.query);
      const token = feedFile.exec(String(req.params.file))?.[1];
      const owner = token ? await feeds.resolve(token) : undefined;
      if (!owner || !readEvents.every((p) => can(owner.user.role, p.resource, p.op))) {
        // Guessing a 256-bit secret is hopeless; this keeps scanners from filling the logs.
        limited(failuresPerIp, ip);
        failuresPerIp.hit(ip);
        throw new DomainError('not-found', 'No such calendar feed');
      }
      limited(perToken, token!.slice(0, 32));
      perToken.hit(token!.slice(0, 32));

      const teamId = owner.teamId;
      const since = new Date(deps.now().getTime() - FEED_PAST_DAYS * 86_400_000).toISOString();
      const collection = <C extends 'events' | 'tasks' | 'leads' | 'conversations' | 'contacts'>(c: C) =>
        teamCollection(deps.store, teamId, c);
      const [allEvents, allTasks] = await Promise.all([
        collection('events').all(),
        collection('tasks').all(),
      ]);
      const events = allEvents.filter((e) => typeof e.endAt === 'string' && e.endAt >= since);
      const tasks = allTasks.filter((t) => typeof t.dueAt === 'string' && t.dueAt >= since);
      const ids = calendarLinkIds([...events, ...tasks]);
      const [leads, conversations, contacts] = await Promise.all([
        collection('leads').byIds(ids.leads),
        collection('conversations').byIds(ids.conversations),
        collection('contacts').byIds(ids.contacts),
      ]);
      const links: CalendarLinks = { leads, conversations, contacts };
      const who = { userId: owner.userId, email: owner.user.email };
      const lang = query.lang ?? 'en';
      const team = await systemDocs<{ _id: string; name?: string }>(deps.store, 'app_teams')
        .get(teamId)
        .catch(() => null);
      const text = eventsToIcs(
        latest(
          events.filter((e) => eventIsMine(e, who, links)),
          (e) => e.startAt,
        ),
        {
          calendarName: [words[lang].calendar, team?.name, owner.user.email].filter(Boolean).join(' · '),
          tasks: latest(
            tasks.filter((t) => taskIsMine(t, who, links)),
            (t) => t.dueAt ?? '',
          ),
          taskLabel: words[lang].task,
          url: appLink(publicBaseUrl(deps.publicUrl, req)),
          linkInDescription: true,
          refreshSeconds: 15 * 60,
        },
      );
      res.set('content-type', 'text/calendar; charset=utf-8');
      res.set('cache-control', 'private, no-cache');
      res.set('x-robots-tag', 'noindex');
      res.set('content-disposition', 'inline; filename="calendar.ics"');
      res.send(text);
    }),
  );
}
