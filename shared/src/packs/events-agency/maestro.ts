// Maestro, the events pack's orchestrator, as the pack's answerer (plugin.ts: the engine asks it after
// the catalog and before the objection library, for a team that applied the pack). It reads the customer's message for
// the event (extract.ts, deterministic: the offline provider works end to end), writes it into the
// deal's custom fields and amount and moves the deal into the events pipeline; Planning (planning.ts)
// and Finance (finance.ts) then work side by side — the plan's tasks and the event day on the team's
// calendar, the estimate from the pipeline's rate card against the customer's budget — and Maestro
// answers once with both, in the customer's language. The customer's text is only ever parsed, never
// followed. A message that is no event request (too little to plan or estimate) goes on to the usual
// answer.
import { derivedId } from '../../agents/doc-ids';
import { putReply, type Response } from '../../agents/roles/respond';
import type { RoutePlan } from '../../agents/roles/supervisor';
import { recordMessageStep, type RunContext } from '../../agents/run-context';
import { toolContextOf } from '../../agents/roles/tool-context';
import { writeLeadChange } from '../../agents/tools/lead-write';
import { findStage } from '../../crm/pipelines';
import type { CalendarEventDoc, LeadDoc, MessageDoc, PipelineDoc, TaskDoc } from '../../schemas/index';
import type { Vendor } from '../../schemas/pipelines';
import { composeAs } from '../role-compose';
import { eventIntentModel } from './intent-model';
import { requestQuotes } from './quotes';
import { matchVendors } from './vendors';
import {
  cityForms,
  extractEvent,
  isEventRequest,
  placeCurrency,
  type EventRequest,
  type EventType,
} from './extract';
import { estimateFor, fixedCosts, type EstimateLine, type EstimatePlan } from './finance';
import { EVENTS_PACK_ID, EVENTS_PIPELINE_ID } from './index';
import { planEvent, type PlannedTask } from './planning';
import { planEventReminders } from './reminders';

type Lang = 'en' | 'ru';

const typeNames: Record<EventType, Record<Lang, string>> = {
  corporate: { en: 'corporate party', ru: 'корпоратив' },
  wedding: { en: 'wedding', ru: 'свадьба' },
  conference: { en: 'conference', ru: 'конференция' },
  birthday: { en: 'birthday party', ru: 'день рождения' },
  anniversary: { en: 'company anniversary', ru: 'юбилей компании' },
  teambuilding: { en: 'team building', ru: 'тимбилдинг' },
  launch: { en: 'product launch', ru: 'презентация продукта' },
  graduation: { en: 'graduation party', ru: 'выпускной' },
  other: { en: 'event', ru: 'мероприятие' },
};
const itemNames: Record<EstimateLine['item'], Record<Lang, string>> = {
  venue: { en: 'venue', ru: 'площадка' },
  catering: { en: 'catering', ru: 'кейтеринг' },
  av: { en: 'AV', ru: 'техника' },
  staff: { en: 'staff', ru: 'персонал' },
  decor: { en: 'decor', ru: 'декор' },
  margin: { en: 'agency fee', ru: 'комиссия агентства' },
};
const vendorKindNames: Record<Vendor['kind'], Record<Lang, string>> = {
  venue: { en: 'venue', ru: 'площадка' },
  catering: { en: 'catering', ru: 'кейтеринг' },
  av: { en: 'AV', ru: 'техника' },
  host: { en: 'host', ru: 'ведущий' },
  decor: { en: 'decor', ru: 'декор' },
  photo: { en: 'photo', ru: 'фото' },
};
const formatNames: Record<string, Record<Lang, string>> = {
  'in-person': { en: 'in person', ru: 'очно' },
  online: { en: 'online', ru: 'онлайн' },
  hybrid: { en: 'hybrid', ru: 'гибрид' },
};

const locale = (lang: Lang) => (lang === 'ru' ? 'ru-RU' : 'en-GB');
const money = (amount: number, currency: string, lang: Lang) =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
const day = (ymd: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ymd}T00:00:00.000Z`));
const shortDay = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  );

/** The event the deal holds already (an earlier message's), as custom fields read back. */
function eventOfLead(lead: LeadDoc): Partial<EventRequest> {
  const f = lead.customFields ?? {};
  const budget = f.budget?.match(/^(\d+(?:\.\d+)?) ([A-Z]{3})$/);
  const type = Object.entries(typeNames).find(([k]) => k === f.eventTypeId)?.[0] as EventType | undefined;
  return {
    ...(type ? { type } : {}),
    ...(f.eventDate ? { date: f.eventDate } : {}),
    ...(f.city ? { city: f.city } : {}),
    ...(f.guests && Number(f.guests) > 0 ? { guests: Number(f.guests) } : {}),
    ...(budget ? { budget: { amount: Number(budget[1]), currency: budget[2]! } } : {}),
  };
}

/** The team's events pipeline, when this pack set it up. */
export async function eventsPipelineOf(ctx: Pick<RunContext, 'store'>): Promise<PipelineDoc | undefined> {
  try {
    const p = await ctx.store.get('pipelines', EVENTS_PIPELINE_ID);
    return p?.pack === EVENTS_PACK_ID ? p : undefined;
  } catch {
    return undefined;
  }
}

/** How many days before the event each planned reminder goes out. */
const remindDaysOf = (reminders: readonly MessageDoc[], date: string | undefined) =>
  date
    ? reminders.map((m) =>
        Math.round((Date.parse(`${date}T09:00:00.000Z`) - Date.parse(m.scheduledFor!)) / 86_400_000),
      )
    : [];

/** The event in one line (a quote request's description). */
function replySummary(event: EventRequest, lang: Lang): string {
  return [
    event.type ? typeNames[event.type][lang] : typeNames.other[lang],
    event.date && day(event.date, lang),
    event.city,
    event.guests && (lang === 'ru' ? `${event.guests} гостей` : `${event.guests} guests`),
  ]
    .filter(Boolean)
    .join(', ');
}

function replyText(
  event: EventRequest,
  tasks: PlannedTask[],
  plan: EstimatePlan | undefined,
  vendors: readonly Vendor[],
  lang: Lang,
  /** Days before the event the reminders just planned go out. */
  remindDays: readonly number[] = [],
): string {
  const ru = lang === 'ru';
  const parts = [
    event.type ? typeNames[event.type][lang] : typeNames.other[lang],
    event.date && day(event.date, lang),
    event.city,
    event.guests && (ru ? `${event.guests} гостей` : `${event.guests} guests`),
    event.format && formatNames[event.format]?.[lang],
    event.budget && (ru ? 'бюджет ' : 'budget ') + money(event.budget.amount, event.budget.currency, lang),
  ].filter(Boolean);
  const lines = [
    ru
      ? `Спасибо! Записали ваш запрос: ${parts.join(', ')}.`
      : `Thank you! We have your request: ${parts.join(', ')}.`,
  ];
  if (event.wishes.length)
    lines.push(ru ? `Пожелания: ${event.wishes.join(', ')}.` : `Wishes: ${event.wishes.join(', ')}.`);
  if (tasks.length) {
    const first = tasks[0]!;
    const last = tasks.at(-1)!;
    lines.push(
      ru
        ? `План подготовки — ${tasks.length} задач: от «${first.title}» (до ${shortDay(first.dueAt, lang)}) до «${last.title}» (до ${shortDay(last.dueAt, lang)}).`
        : `Preparation plan — ${tasks.length} tasks: from "${first.title}" (by ${shortDay(first.dueAt, lang)}) to "${last.title}" (by ${shortDay(last.dueAt, lang)}).`,
    );
  }
  const check = plan && 'check' in plan ? plan.check : undefined;
  const fixed = plan && 'card' in plan ? fixedCosts(plan.card) : 0;
  if (plan && 'noCardFor' in plan)
    lines.push(
      ru
        ? `Цен в валюте ${plan.noCardFor} в нашем прайс-листе пока нет, поэтому смету в ${plan.noCardFor} подготовит менеджер проекта.`
        : `Our rate card has no prices in ${plan.noCardFor} yet, so your project manager will prepare the estimate in ${plan.noCardFor}.`,
    );
  if (check) {
    const e = check.estimate;
    const items = e.lines
      .map((l) => `${itemNames[l.item][lang]} ${money(l.amount, e.currency, lang)}`)
      .join(', ');
    const verdict =
      check.fits === true
        ? ru
          ? ' — укладываемся в ваш бюджет.'
          : ' — within your budget.'
        : check.fits === false
          ? ru
            ? ' — это больше вашего бюджета.'
            : ' — this is over your budget.'
          : '.';
    lines.push(
      (ru
        ? `Предварительная смета: ${money(e.total, e.currency, lang)} (${items})`
        : `Preliminary estimate: ${money(e.total, e.currency, lang)} (${items})`) + verdict,
    );
    const c = check.cheaper;
    if (c) {
      lines.push(
        c.fits
          ? ru
            ? `Вариант дешевле: ${money(c.total, c.currency, lang)} — площадка проще, фуршет вместо банкета, без декора.`
            : `A cheaper option: ${money(c.total, c.currency, lang)} — a simpler venue, a buffet instead of a banquet, no decor.`
          : c.guestsThatFit
            ? ru
              ? `Даже вариант дешевле (${money(c.total, c.currency, lang)}) больше бюджета: бюджета хватит примерно на ${c.guestsThatFit} гостей из ${event.guests}.`
              : `Even the cheaper option (${money(c.total, c.currency, lang)}) is over the budget: the budget covers about ${c.guestsThatFit} of your ${event.guests} guests.`
            : ru
              ? `Даже вариант дешевле (${money(c.total, c.currency, lang)}) больше бюджета: бюджет меньше постоянных расходов (техника и персонал с комиссией, ${money(fixed, c.currency, lang)}) ещё до гостей.`
              : `Even the cheaper option (${money(c.total, c.currency, lang)}) is over the budget: the budget is below the fixed costs (AV and staff with our fee, ${money(fixed, c.currency, lang)}) before any guests.`,
      );
    }
  }
  if (vendors.length) {
    const list = vendors.map((v) => `${v.name} (${vendorKindNames[v.kind][lang]})`).join(', ');
    lines.push(
      ru
        ? `Запрашиваем предложения у подрядчиков: ${list}.`
        : `We are asking these vendors for quotes: ${list}.`,
    );
  }
  if (remindDays.length) {
    const ruDays = { one: 'день', few: 'дня', many: 'дней', other: 'дня' } as Record<string, string>;
    const plural = new Intl.PluralRules(locale(lang));
    const days = remindDays
      .map((d) =>
        ru
          ? d === 1
            ? 'за день'
            : `за ${d} ${ruDays[plural.select(d)]}`
          : `${d} ${plural.select(d) === 'one' ? 'day' : 'days'}`,
      )
      .join(ru ? ' и ' : ' and ');
    lines.push(
      ru ? `Напомним о мероприятии ${days} до него.` : `We will remind you ${days} before the event.`,
    );
  }
  const missing = [
    !event.date && (ru ? 'дату' : 'the date'),
    !event.guests && (ru ? 'число гостей' : 'the number of guests'),
    !event.city && (ru ? 'город' : 'the city'),
    !event.budget && (ru ? 'бюджет' : 'the budget'),
  ].filter(Boolean);
  if (missing.length)
    lines.push(
      ru ? `Уточните, пожалуйста: ${missing.join(', ')}.` : `Could you tell us ${missing.join(', ')}?`,
    );
  lines.push(
    ru
      ? 'Менеджер проекта свяжется с вами, чтобы обсудить детали.'
      : 'Your project manager will be in touch to go through the details.',
  );
  return lines.join('\n');
}

export async function maestroStep(ctx: RunContext, plan: RoutePlan): Promise<Response | undefined> {
  const asked = await readRequest(ctx, plan);
  if (!asked) return undefined;
  const { pipeline, event, lang } = asked;
  const at = ctx.now.toISOString();
  const future = event.date && event.date > at.slice(0, 10) ? event.date : undefined;
  // Planning and Finance are independent of each other: side by side.
  // Planning, Finance and Vendors are independent of each other: side by side.
  // The estimate is in the budget's currency, never silently in another (finance.ts estimateFor).
  const [tasks, estimatePlan, vendors] = await Promise.all([
    Promise.resolve(future ? planEvent(event.type, future, ctx.now, lang) : []),
    Promise.resolve(
      estimateFor(
        pipeline.rateCards,
        event.guests,
        event.budget,
        placeCurrency(event.place) ?? (lang === 'ru' ? 'RUB' : 'GBP'),
      ),
    ),
    Promise.resolve(
      pipeline.vendors?.length ? matchVendors(pipeline.vendors, event, cityForms(event.city)) : [],
    ),
  ]);
  const check = estimatePlan && 'check' in estimatePlan ? estimatePlan.check : undefined;

  const { written, title, what } = await writeEventDeal(ctx, pipeline, { event, vendors, check, lang });
  const planned = await planTasks(ctx, tasks, lang, at);
  await askVendors(ctx, { event, vendors, future, lang, at });
  if (future) await planEventDay(ctx, { future, title, event, at });
  // Communication: reminders to the client 7 days and 1 day before the event (reminders.ts).
  const reminders = future
    ? await planEventReminders(
        ctx,
        {
          date: future,
          title: what.charAt(0).toUpperCase() + what.slice(1),
          ...(event.city ? { city: event.city } : {}),
        },
        lang,
      )
    : [];
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'reminders',
    status: reminders.length ? 'ok' : 'skipped',
    input: { date: future },
    output: { planned: reminders.map((m) => m.scheduledFor) },
    startedAt: ctx.now,
  });
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'planning',
    status: future ? 'ok' : 'skipped',
    input: { type: event.type, date: event.date },
    output: { tasks: planned.length, dueDates: tasks.map((t) => t.dueAt) },
    startedAt: ctx.now,
  });
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'finance',
    status: check ? 'ok' : 'skipped',
    input: { guests: event.guests, budget: event.budget },
    output:
      estimatePlan && 'noCardFor' in estimatePlan
        ? { noRateCardIn: estimatePlan.noCardFor }
        : check
          ? {
              total: check.estimate.total,
              currency: check.estimate.currency,
              fits: check.fits,
              cheaper: check.cheaper?.total,
              dealAmount: written.proposedToRep
                ? 'proposed to a rep'
                : written.updated.includes('value')
                  ? 'set'
                  : 'unchanged',
            }
          : {},
    startedAt: ctx.now,
  });
  // One reply with all of it: the template, in Maestro's own words when the profile gives Maestro a
  // model (role-compose.ts keeps the template unless every figure survives).
  const composed = await composeAs(
    ctx,
    'maestro',
    replyText(event, tasks, estimatePlan, vendors, lang, remindDaysOf(reminders, future)),
    lang,
  );
  const reply = await putReply(ctx, { text: composed.text, cited: [], origin: composed.origin });
  return { reply, toolCalls: [], toxicReplyBlocked: false };
}

/** The event the customer asks for, when the message is an event request (the deal's details added). */
async function readRequest(ctx: RunContext, plan: RoutePlan) {
  // An opt-out, or a customer who clearly asks for a person (a rule, or the classifier sure of it), go
  // their own way; the sales classifier's weak guesses do not stop an event's details.
  const wantsHuman = plan.intent === 'human_request' && (plan.source === 'rules' || plan.confidence >= 0.5);
  if (plan.optOut || wantsHuman) return undefined;
  const pipeline = await eventsPipelineOf(ctx);
  if (!pipeline) return undefined;
  const lang: Lang = ctx.language;
  const read = extractEvent(ctx.message.text, ctx.now, lang);
  const known = eventOfLead(ctx.lead);
  const event: EventRequest = { ...known, ...read, wishes: read.wishes };
  // A new request, or a detail that changes the deal's event (not a cancellation: that is a rep's).
  const detail = (['type', 'date', 'city', 'guests', 'budget', 'format'] as const).some(
    (k) => read[k] !== undefined,
  );
  // The pack's intents decide only a follow-up (a new request is one by what it says), so a first
  // request does not wait for the intent model's training (~1 s, once per process).
  const fresh = isEventRequest(read);
  const followUp = !fresh && isEventRequest(event) && Object.keys(known).length >= 2 && detail;
  const intent = followUp ? eventIntentModel().predict(ctx.message.text) : undefined;
  const request = fresh || (followUp && intent?.label !== 'event_cancel');
  await recordMessageStep(ctx, {
    role: 'supervisor',
    name: 'maestro-read',
    status: request ? 'ok' : 'skipped',
    output: {
      ...(intent
        ? { intent: intent.label, confidence: Math.round(intent.confidence * 1000) / 1000 }
        : { intent: fresh ? 'event_request' : 'none' }),
      event: read,
    },
  });
  if (!request) return undefined;
  return { pipeline, event, lang };
}

type Check = Extract<EstimatePlan, { check: unknown }>['check'] | undefined;

/** The deal: into the events pipeline, the event in its fields, the customer's budget as its amount. */
async function writeEventDeal(
  ctx: RunContext,
  pipeline: PipelineDoc,
  { event, vendors, check, lang }: { event: EventRequest; vendors: Vendor[]; check: Check; lang: Lang },
) {
  const lead = ctx.lead;
  const inEvents = lead.pipelineId === pipeline.id && !!findStage(pipeline, lead.stage);
  const stage = inEvents ? lead.stage : (pipeline.stages.find((s) => s.kind === 'open')?.id ?? lead.stage);
  const customFields: Record<string, string> = {
    ...lead.customFields,
    ...(event.type ? { eventType: typeNames[event.type][lang], eventTypeId: event.type } : {}),
    ...(event.date ? { eventDate: event.date } : {}),
    ...(event.city ? { city: event.city } : {}),
    ...(event.guests ? { guests: String(event.guests) } : {}),
    ...(event.budget ? { budget: `${event.budget.amount} ${event.budget.currency}` } : {}),
    ...(event.format ? { format: event.format } : {}),
    ...(event.wishes.length ? { wishes: event.wishes.join(', ') } : {}),
    ...(vendors.length ? { vendors: vendors.map((v) => v.name).join(', ') } : {}),
    ...(check ? { estimate: `${check.estimate.total} ${check.estimate.currency}` } : {}),
  };
  const value =
    event.budget ?? (check ? { amount: check.estimate.total, currency: check.estimate.currency } : undefined);
  const what = [
    event.type ? typeNames[event.type][lang] : typeNames.other[lang],
    event.guests && (lang === 'ru' ? `${event.guests} гостей` : `${event.guests} guests`),
  ]
    .filter(Boolean)
    .join(', ');
  // The date as the team's language writes it («12 сентября 2026 г.», "September 12, 2026"), not ISO.
  const day = (d: string) =>
    new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${d.slice(0, 10)}T12:00:00Z`),
    );
  const title = event.date ? `${what}, ${day(event.date)}` : what;
  // Written the way every tool writes a lead (agents/tools/lead-write.ts): the profile's policy says
  // whether the amount is set or proposed to a rep; the scope records the move into the pipeline.
  const written = await writeLeadChange(
    toolContextOf(ctx, 'answer', { leadId: lead.id }),
    lead,
    { title: title.charAt(0).toUpperCase() + title.slice(1), stage, ...(value ? { value } : {}) },
    {
      pipelineId: pipeline.id,
      customFields,
      ...(event.date ? { expectedCloseDate: event.date } : {}),
    },
  );
  ctx.lead = (await ctx.store.get('leads', lead.id)) ?? ctx.lead;

  return { written, title, what };
}

/** Planning's tasks: once per deal (a later message does not plan again); the ids of those written. */
async function planTasks(ctx: RunContext, tasks: PlannedTask[], lang: Lang, at: string): Promise<string[]> {
  const planned: string[] = [];
  for (const [i, t] of tasks.entries()) {
    const id = derivedId(ctx.lead.id, 'event-plan', String(i));
    if (await ctx.store.get('tasks', id)) continue;
    const task: TaskDoc = {
      id,
      title: t.title,
      description: `${lang === 'ru' ? 'Роль' : 'Role'}: ${t.role}${t.milestone ? (lang === 'ru' ? ' · веха' : ' · milestone') : ''}`,
      status: 'open',
      priority: t.milestone ? 'high' : 'normal',
      dueAt: t.dueAt,
      contactId: ctx.contact.id,
      leadId: ctx.lead.id,
      conversationId: ctx.conversation.id,
      createdBy: { kind: 'agent', name: 'planning' },
      createdAt: at,
      updatedAt: at,
    };
    await ctx.store.put('tasks', task);
    planned.push(id);
  }
  return planned;
}

/** The vendors asked for quotes (or a rep's task for each the directory cannot reach), logged. */
async function askVendors(
  ctx: RunContext,
  {
    event,
    vendors,
    future,
    lang,
    at,
  }: { event: EventRequest; vendors: Vendor[]; future: string | undefined; lang: Lang; at: string },
): Promise<void> {
  // Vendors: a request for a quote to each match through the team's channels (quotes.ts), once per
  // deal and vendor, recorded on the deal; a vendor the directory has no e-mail or Telegram for gets a
  // task for a rep instead, due in two days and before the event.
  const before = new Set((ctx.lead.vendorRequests ?? []).map((r) => r.vendorId));
  const requests = await requestQuotes(ctx, vendors, (l) => replySummary(event, l), event.guests);
  const asked = requests.filter((r) => !before.has(r.vendorId)).map((r) => r.vendorId);
  if (asked.length) {
    ctx.lead = await ctx.store.put('leads', {
      ...ctx.lead,
      vendorRequests: requests,
      fieldUpdatedAt: { ...ctx.lead.fieldUpdatedAt, vendorRequests: at },
      updatedAt: at,
    });
  }
  const summary = replySummary(event, lang);
  for (const v of vendors.filter((v) => !requests.some((r) => r.vendorId === v.id))) {
    const id = derivedId(ctx.lead.id, 'rfq', v.id);
    if (await ctx.store.get('tasks', id)) continue;
    const due = Math.min(
      ctx.now.getTime() + 2 * 86_400_000,
      future ? Date.parse(`${future}T00:00:00.000Z`) - 3600_000 : Infinity,
    );
    await ctx.store.put('tasks', {
      id,
      title: (lang === 'ru' ? `Запросить КП: ${v.name}` : `Request a quote: ${v.name}`).slice(0, 500),
      description: summary,
      status: 'open',
      priority: 'normal',
      dueAt: new Date(Math.max(due, ctx.now.getTime())).toISOString(),
      contactId: ctx.contact.id,
      leadId: ctx.lead.id,
      conversationId: ctx.conversation.id,
      createdBy: { kind: 'agent', name: 'vendors' },
      createdAt: at,
      updatedAt: at,
    });
  }
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'vendors',
    status: vendors.length ? 'ok' : 'skipped',
    input: { city: event.city, date: event.date, guests: event.guests },
    output: { chosen: vendors.map((v) => v.id), asked },
    startedAt: ctx.now,
  });
}

/** The event day in the calendar, once per deal. */
async function planEventDay(
  ctx: RunContext,
  { future, title, event, at }: { future: string; title: string; event: EventRequest; at: string },
): Promise<void> {
  const id = derivedId(ctx.lead.id, 'event-day');
  if (!(await ctx.store.get('events', id))) {
    const doc: CalendarEventDoc = {
      id,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      startAt: `${future}T10:00:00.000Z`,
      endAt: `${future}T22:00:00.000Z`,
      ...(event.city ? { location: event.city } : {}),
      status: 'scheduled',
      contactId: ctx.contact.id,
      leadId: ctx.lead.id,
      conversationId: ctx.conversation.id,
      createdBy: { kind: 'agent', name: 'planning' },
      createdAt: at,
      updatedAt: at,
    };
    await ctx.store.put('events', doc);
  }
}
