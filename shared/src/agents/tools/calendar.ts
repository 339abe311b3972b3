// Calendar events: an iCalendar (RFC 5545) file for any calendar app, and a Google Calendar adapter
// over its HTTP API (injectable fetch and base URL).
import { DomainError } from '../../errors';
import { eventToIcs } from '../../crm/ics';
import type { CalendarEventDoc } from '../../schemas/index';
import { checked, type ConnectionCheck } from './task-adapters';

/** The event as an iCalendar file (the CRM's one builder, crm/ics.ts), stamped at `stamp`. */
export function toIcs(event: CalendarEventDoc, stamp: string): string {
  return eventToIcs(event, { calendarName: event.title, stamp });
}

export type CalendarAdapter = {
  provider: 'google';
  create(event: CalendarEventDoc): Promise<{ externalId: string; url?: string }>;
  /** Reads the calendar without writing (the settings' connection test). */
  check(): Promise<ConnectionCheck>;
  /** The event as it is now in the calendar (cancelled, or moved). */
  state(externalId: string): Promise<{ status: 'scheduled' | 'cancelled'; startAt?: string; endAt?: string }>;
  /** Writes a local edit to the event (Events: patch), only the fields given. */
  update(externalId: string, change: CalendarChange, event: CalendarEventDoc): Promise<void>;
};

/** A rep's edit to carry to the calendar: only the fields changed. */
export type CalendarChange = {
  title?: string;
  startAt?: string;
  endAt?: string;
  status?: 'scheduled' | 'cancelled' | 'done';
};

/** Google's OAuth for a server: a refresh token (with the OAuth client's id and secret) traded for
 * access tokens at the token endpoint, each cached until a minute before it expires. */
export type GoogleOAuth = { clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string };

type HttpCfg = { fetch?: typeof globalThis.fetch; timeoutMs?: number };

export function googleTokenSource(oauth: GoogleOAuth, http: HttpCfg = {}, now = () => Date.now()) {
  let cached: { token: string; until: number } | undefined;
  return {
    async token(): Promise<string> {
      if (cached && cached.until > now()) return cached.token;
      const f = http.fetch ?? globalThis.fetch;
      const res = await f(oauth.tokenUrl ?? 'https://oauth2.googleapis.com/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: oauth.refreshToken,
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
        }).toString(),
        signal: AbortSignal.timeout(http.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok || typeof body.access_token !== 'string') {
        // Google's OAuth errors: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }
        const said = [body.error, body.error_description].filter((x) => typeof x === 'string').join(': ');
        throw new DomainError(
          'bad-request',
          `Google OAuth answered ${res.status}${said ? `: ${said}` : ''}`,
          {
            details: { status: res.status },
          },
        );
      }
      const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
      cached = { token: body.access_token, until: now() + Math.max(0, seconds - 60) * 1000 };
      return cached.token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

export function googleCalendarAdapter(
  cfg: HttpCfg & {
    /** A fixed access token, or `oauth` to get and refresh them. */
    accessToken?: string;
    oauth?: GoogleOAuth;
    calendarId?: string;
    baseUrl?: string;
  },
): CalendarAdapter {
  const base = cfg.baseUrl ?? 'https://www.googleapis.com';
  const calendar = encodeURIComponent(cfg.calendarId ?? 'primary');
  const source = cfg.oauth ? googleTokenSource(cfg.oauth, cfg) : undefined;
  const token = async () => (source ? source.token() : (cfg.accessToken ?? ''));

  /** One call to the Calendar API; with OAuth, a 401 gets a fresh token and one more try. */
  async function call(method: string, path: string, payload?: unknown): Promise<Record<string, unknown>> {
    const f = cfg.fetch ?? globalThis.fetch;
    for (let attempt = 1; ; attempt++) {
      const res = await f(`${base}/calendar/v3/calendars/${calendar}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token()}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 401 && source && attempt === 1) {
        source.invalidate();
        continue;
      }
      if (!res.ok) {
        // Google's error shape: { error: { code, message, errors: [...] } }
        const said = (body.error as { message?: unknown } | undefined)?.message;
        throw new DomainError(
          'bad-request',
          `Google Calendar answered ${res.status}${typeof said === 'string' ? `: ${said.slice(0, 300)}` : ''}`,
          { details: { status: res.status } },
        );
      }
      return body;
    }
  }

  const at = (t: unknown) => {
    const v = (t as { dateTime?: string } | undefined)?.dateTime;
    return v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
  };
  return {
    provider: 'google',
    async create(event) {
      const body = await call('POST', '/events', {
        summary: event.title,
        ...(event.description ? { description: event.description } : {}),
        ...(event.location ? { location: event.location } : {}),
        start: { dateTime: event.startAt, ...(event.timezone ? { timeZone: event.timezone } : {}) },
        end: { dateTime: event.endAt, ...(event.timezone ? { timeZone: event.timezone } : {}) },
        attendees: (event.attendees ?? []).filter((a) => a.email).map((a) => ({ email: a.email })),
      });
      return { externalId: String(body.id), ...(body.htmlLink ? { url: String(body.htmlLink) } : {}) };
    },
    async state(id) {
      const res = await call('GET', `/events/${encodeURIComponent(id)}`);
      const startAt = at(res.start);
      const endAt = at(res.end);
      return {
        status: res.status === 'cancelled' ? 'cancelled' : 'scheduled',
        ...(startAt ? { startAt } : {}),
        ...(endAt ? { endAt } : {}),
      };
    },
    async update(id, change, event) {
      const when = (dateTime: string) => ({
        dateTime,
        ...(event.timezone ? { timeZone: event.timezone } : {}),
      });
      // A move sends both ends (Google refuses an end before the start); Google has no done event.
      const moved = change.startAt !== undefined || change.endAt !== undefined;
      const status = change.status && change.status !== 'done' ? change.status : undefined;
      const body = {
        ...(change.title !== undefined ? { summary: change.title } : {}),
        ...(moved ? { start: when(event.startAt), end: when(event.endAt) } : {}),
        ...(status ? { status: status === 'cancelled' ? 'cancelled' : 'confirmed' } : {}),
      };
      if (Object.keys(body).length) await call('PATCH', `/events/${encodeURIComponent(id)}`, body);
    },
    check: () =>
      checked(async () => {
        const res = await call('GET', '');
        return `Google calendar "${String(res.summary ?? cfg.calendarId ?? 'primary')}"`;
      }),
  };
}
