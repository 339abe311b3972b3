import { describe, expect, it } from 'vitest';
import type { CalendarEventDoc, TaskDoc } from '../schemas/index';
import { calendarLinkIds, eventIsMine, taskIsMine, type CalendarLinks } from './my-calendar';

const at = '2026-03-01T09:00:00.000Z';
const ev = (over: Partial<CalendarEventDoc>): CalendarEventDoc => ({
  id: 'e',
  title: 'Call',
  startAt: at,
  endAt: at,
  status: 'scheduled',
  createdBy: { kind: 'agent', name: 'answer' },
  createdAt: at,
  updatedAt: at,
  ...over,
});
const task = (over: Partial<TaskDoc>): TaskDoc => ({
  id: 't',
  title: 'Do',
  status: 'open',
  createdBy: { kind: 'agent', name: 'answer' },
  createdAt: at,
  updatedAt: at,
  ...over,
});
const links: CalendarLinks = {
  leads: new Map([
    ['lead-anna', { ownerId: 'anna' }],
    ['lead-boris', { ownerId: 'boris' }],
  ]),
  conversations: new Map([['conv-anna', { assigneeId: 'anna' }]]),
  contacts: new Map([['contact-anna', { ownerId: 'anna' }]]),
};
const anna = { userId: 'anna', email: 'Anna@Example.com' };

describe('whose calendar', () => {
  it('an event is a member’s when they made it, attend it, or it is about their deal, conversation or customer', () => {
    expect(eventIsMine(ev({ createdBy: { kind: 'rep', id: 'anna' } }), anna, links)).toBe(true);
    expect(eventIsMine(ev({ attendees: [{ email: 'anna@example.COM' }] }), anna, links)).toBe(true);
    expect(eventIsMine(ev({ leadId: 'lead-anna' }), anna, links)).toBe(true);
    expect(eventIsMine(ev({ conversationId: 'conv-anna' }), anna, links)).toBe(true);
    expect(eventIsMine(ev({ contactId: 'contact-anna' }), anna, links)).toBe(true);
    // Someone else's, or about nothing of hers; an agent's name is never a member's id.
    expect(
      eventIsMine(ev({ leadId: 'lead-boris', createdBy: { kind: 'rep', id: 'boris' } }), anna, links),
    ).toBe(false);
    expect(eventIsMine(ev({ createdBy: { kind: 'agent', id: 'anna' } }), anna, links)).toBe(false);
    expect(eventIsMine(ev({ leadId: 'lead-missing' }), anna, links)).toBe(false);
    expect(eventIsMine(ev({ attendees: [{ name: 'Anna' }] }), { userId: 'anna' }, links)).toBe(false);
  });

  it('a task is its assignee’s; an unassigned one its maker’s and the owner’s of what it is about', () => {
    expect(taskIsMine(task({ assigneeId: 'anna' }), anna, links)).toBe(true);
    expect(taskIsMine(task({ assigneeId: 'boris', leadId: 'lead-anna' }), anna, links)).toBe(false);
    expect(taskIsMine(task({ leadId: 'lead-anna' }), anna, links)).toBe(true);
    expect(taskIsMine(task({ createdBy: { kind: 'rep', id: 'anna' } }), anna, links)).toBe(true);
    expect(taskIsMine(task({ leadId: 'lead-boris' }), anna, links)).toBe(false);
  });

  it('lists each linked id once', () => {
    expect(
      calendarLinkIds([
        { leadId: 'l1', conversationId: 'c1', contactId: 'k1' },
        { leadId: 'l1', contactId: 'k2' },
      ]),
    ).toEqual({ leads: ['l1'], conversations: ['c1'], contacts: ['k1', 'k2'] });
  });
});
