// Agent profiles (agent_settings docs): which one answers a conversation, and what it allows.
// The conversation's own profile wins, then one assigned to `<channel>:<botId>`, then to the channel,
// then the team default, then the built-in default below.
import type { AgentSettingsDoc, ConversationDoc } from '../schemas/index';
import type { StorePort } from './ports';
import { zonedParts, zoneOffsetMs } from '../time/zoned-time';

/** The tools every engine has, catalog or not: the contact, the deal, tasks, meetings, hand-off, knowledge. */
export const coreToolNames = [
  'save_client_info',
  'update_lead',
  'create_task',
  'schedule_event',
  'call_human',
  'search_knowledge',
] as const;

export const builtinToolNames = [...coreToolNames, 'find_products', 'quote', 'send_proposal'] as const;

/**
 * The built-in profile. It sets no `handoffThreshold`: a message is of unknown intent below the local
 * classifier's own calibrated threshold (roles/unknown-intent.ts); a rep's profile may set one.
 */
export const defaultProfile: AgentSettingsDoc = {
  id: 'agent-builtin',
  name: 'Sales assistant',
  persona: 'You are a friendly, concise sales assistant of the company.',
  instructions: 'Answer from the knowledge base, qualify the lead, and hand over to a human when unsure.',
  language: 'auto',
  allowedTools: [...builtinToolNames],
  channels: [],
  followUp: { enabled: true, afterHours: 24, maxAttempts: 2 },
  quietHours: { from: '21:00', to: '09:00' },
  toolEffects: { closeStage: 'propose', value: 'propose', owner: 'propose' },
  isDefault: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export async function selectProfile(
  store: StorePort,
  conversation: ConversationDoc,
): Promise<AgentSettingsDoc> {
  if (conversation.agentProfileId) {
    const own = await store.get('agent_settings', conversation.agentProfileId);
    if (own) return own;
  }
  const all = await store.find('agent_settings', {}, { sortBy: 'id' });
  const keys = [
    ...(conversation.botId ? [`${conversation.channel}:${conversation.botId}`, conversation.botId] : []),
    conversation.channel,
  ];
  for (const key of keys) {
    const match = all.find((p) => p.channels.includes(key));
    if (match) return match;
  }
  return all.find((p) => p.isDefault) ?? defaultProfile;
}

/** The profile's time zone (its working hours'): customers' dates and times are read in it. */
export const timeZoneOf = (profile: Pick<AgentSettingsDoc, 'workingHours'>) =>
  profile.workingHours?.timezone ?? 'UTC';

/** Minutes since midnight of `date` in a time zone, and its day of the week (0 Sunday … 6 Saturday). */
export function localMinutes(date: Date, timeZone = 'UTC'): { minutes: number; day: number } {
  if (timeZone === 'UTC')
    return { minutes: date.getUTCHours() * 60 + date.getUTCMinutes(), day: date.getUTCDay() };
  // One read of the zone's wall clock gives both (a second one, for the day, doubled the cost).
  const p = zonedParts(date.getTime(), timeZone);
  return { minutes: p.hour * 60 + p.minute, day: new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() };
}

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inRange(minutes: number, from: string, to: string): boolean {
  const a = toMin(from);
  const b = toMin(to);
  return a <= b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
}

type WorkingDays = NonNullable<AgentSettingsDoc['workingHours']>['days'];

/** Whether a local weekday and minute of the day fall within working hours. */
const workingAt = (days: WorkingDays, day: number, minutes: number) =>
  days.some((d) => d.day === day && inRange(minutes, d.from, d.to));

export function isWorkingTime(profile: AgentSettingsDoc, date: Date): boolean {
  const wh = profile.workingHours;
  if (!wh) return true;
  const { minutes, day } = localMinutes(date, wh.timezone);
  return workingAt(wh.days, day, minutes);
}

/** The first moment at or after `date` within working hours (15-minute steps, a week ahead at most). */
export function nextWorkingTime(profile: AgentSettingsDoc, date: Date): Date | undefined {
  const wh = profile.workingHours;
  if (!wh?.days.length) return undefined;
  const step = 15 * 60_000;
  const steps = 8 * 24 * 4;
  const start = Math.ceil(date.getTime() / step) * step;
  // The hot path (each reply outside working hours): the zone's wall clock is the instant plus the
  // zone's offset, which changes only at a daylight-saving change, so the steps are judged at the
  // start's offset, without asking Intl for each one (it was ~2% of a reply's CPU). The step found
  // is checked in the zone itself, at an unchanged offset; else (a change in between) every step is
  // judged in the zone, one by one. (Two changes that cancel out within 8 days: no zone has them.)
  const offset = zoneOffsetMs(start, wh.timezone);
  const last = start + steps * step;
  let found: number | undefined;
  for (let t = start; t <= last && found === undefined; t += step) {
    const wall = new Date(t + offset);
    if (workingAt(wh.days, wall.getUTCDay(), wall.getUTCHours() * 60 + wall.getUTCMinutes())) found = t;
  }
  const checked = found ?? last;
  if (zoneOffsetMs(checked, wh.timezone) === offset) {
    if (found === undefined) return undefined;
    if (isWorkingTime(profile, new Date(found))) return new Date(found);
  }
  for (let i = 0, t = new Date(start); i <= steps; i++, t = new Date(t.getTime() + step)) {
    if (isWorkingTime(profile, t)) return t;
  }
  return undefined;
}

/** The first moment at or after `date` outside the profile's quiet hours (checked in 15-minute steps). */
export function outsideQuietHours(profile: AgentSettingsDoc, date: Date): Date {
  const q = profile.quietHours;
  if (!q) return date;
  const tz = timeZoneOf(profile);
  let t = date;
  for (let i = 0; i < 24 * 4 + 1 && inRange(localMinutes(t, tz).minutes, q.from, q.to); i++) {
    t = new Date(t.getTime() + 15 * 60_000);
  }
  return t;
}
