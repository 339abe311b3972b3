// Planning: an event plan from a template per event type — milestones and checklist tasks, each with a
// role and a due date counted back from the event date. When the event is sooner than the template's
// earliest task, the offsets shrink in proportion, so every task still falls between now and the day
// before the event.
import type { EventType } from './extract';
import type { Localized } from '../types';

export type PlanStep = Readonly<{ daysBefore: number; role: string; title: Localized; milestone?: boolean }>;
export type PlannedTask = { title: string; role: string; dueAt: string; milestone: boolean };

export const planRoles: Record<string, Localized> = {
  manager: { en: 'Project manager', ru: 'Менеджер проекта' },
  producer: { en: 'Producer', ru: 'Продюсер' },
  finance: { en: 'Finance', ru: 'Финансы' },
  vendors: { en: 'Vendor manager', ru: 'Менеджер по подрядчикам' },
  tech: { en: 'Technical director', ru: 'Технический директор' },
};

const common: PlanStep[] = [
  {
    daysBefore: 90,
    role: 'manager',
    milestone: true,
    title: { en: 'Brief and concept agreed', ru: 'Согласовать бриф и концепцию' },
  },
  {
    daysBefore: 80,
    role: 'finance',
    title: { en: 'Estimate approved and deposit invoiced', ru: 'Утвердить смету и выставить предоплату' },
  },
  {
    daysBefore: 75,
    role: 'vendors',
    milestone: true,
    title: { en: 'Venue booked', ru: 'Забронировать площадку' },
  },
  {
    daysBefore: 45,
    role: 'vendors',
    title: { en: 'Catering menu and tasting', ru: 'Меню и дегустация кейтеринга' },
  },
  {
    daysBefore: 21,
    role: 'tech',
    title: { en: 'AV and technical rider confirmed', ru: 'Подтвердить технику и райдер' },
  },
  { daysBefore: 10, role: 'manager', title: { en: 'Final guest list', ru: 'Финальный список гостей' } },
  {
    daysBefore: 5,
    role: 'producer',
    milestone: true,
    title: { en: 'Run of show signed off', ru: 'Утвердить тайминг мероприятия' },
  },
  {
    daysBefore: 1,
    role: 'producer',
    title: { en: 'Setup and rehearsal on site', ru: 'Монтаж и репетиция на площадке' },
  },
];

const extra: Partial<Record<EventType, PlanStep[]>> = {
  corporate: [
    {
      daysBefore: 40,
      role: 'producer',
      title: { en: 'Programme, host and entertainment', ru: 'Программа, ведущий и развлечения' },
    },
    {
      daysBefore: 30,
      role: 'manager',
      title: { en: 'Invitations sent to staff', ru: 'Разослать приглашения сотрудникам' },
    },
  ],
  wedding: [
    {
      daysBefore: 60,
      role: 'vendors',
      title: {
        en: 'Photographer, florist and music booked',
        ru: 'Забронировать фотографа, флориста и музыку',
      },
    },
    { daysBefore: 30, role: 'manager', title: { en: 'Seating plan', ru: 'Рассадка гостей' } },
  ],
  conference: [
    {
      daysBefore: 60,
      role: 'producer',
      title: { en: 'Speakers and agenda confirmed', ru: 'Подтвердить спикеров и программу' },
    },
    { daysBefore: 45, role: 'manager', title: { en: 'Registration opened', ru: 'Открыть регистрацию' } },
    {
      daysBefore: 14,
      role: 'tech',
      title: { en: 'Streaming and presentations checked', ru: 'Проверить трансляцию и презентации' },
    },
  ],
  teambuilding: [
    {
      daysBefore: 45,
      role: 'producer',
      title: { en: 'Activities and instructors booked', ru: 'Забронировать активности и инструкторов' },
    },
    { daysBefore: 14, role: 'vendors', title: { en: 'Transfer arranged', ru: 'Организовать трансфер' } },
  ],
};

const day = 86_400_000;

/** The plan's tasks for an event on `eventDate` (YYYY-MM-DD), in due order, all before the event. */
export function planEvent(
  type: EventType | undefined,
  eventDate: string,
  now: Date,
  language: 'en' | 'ru',
): PlannedTask[] {
  const steps = [...common, ...((type && extra[type]) || [])].sort((a, b) => b.daysBefore - a.daysBefore);
  // Tasks fall due at 09:00 UTC of their day; the event starts on its day.
  const event = Date.parse(`${eventDate}T00:00:00.000Z`);
  const longest = Math.max(...steps.map((s) => s.daysBefore));
  const room = (event - now.getTime()) / day;
  const scale = room >= longest + 1 ? 1 : Math.max(0, (room - 1) / longest);
  return steps.map((s) => {
    const before = Math.max(s.daysBefore * scale, 0);
    const due = Math.max(event - Math.max(1, Math.round(before)) * day + 9 * 3600_000, now.getTime());
    return {
      title: s.title[language],
      role: planRoles[s.role]![language],
      dueAt: new Date(Math.min(due, event - 3600_000)).toISOString(),
      milestone: !!s.milestone,
    };
  });
}
