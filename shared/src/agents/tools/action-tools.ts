// Tools that plan work: a task (local, optionally mirrored to Notion, Asana, Trello or GitHub
// Projects), a calendar event (local + ICS, optionally Google Calendar), and search of the knowledge
// base. The local doc is always kept: the external call is tried a few times, and when it still fails
// the doc carries `externalSync` (the server retries it later) and the failure is in the activity log.
import { z } from 'zod';
import type { CalendarEventDoc, TaskDoc } from '../../schemas/index';
import { toIcs, type CalendarAdapter } from './calendar';
import { defineZodTool } from './define-tool';
import { eventSyncFields, mirrorExternally, syncedValues, taskSyncFields } from './external-mirror';
import { madeByAgent } from './made-by-agent';
import type { TaskAdapter } from './task-adapters';
import type { AgentTool } from './types';

const iso = z.iso.datetime({ offset: true });

export function createTaskTool(adapter?: TaskAdapter): AgentTool {
  return defineZodTool({
    name: 'create_task',
    description: 'Create a task for the sales team about this customer (e.g. send a proposal, call back).',
    schema: z
      .object({
        title: z.string().trim().min(1).max(500),
        description: z.string().max(5000).optional(),
        dueAt: iso.optional(),
        priority: z.enum(['low', 'normal', 'high']).optional(),
      })
      .strict(),
    async execute(args, ctx) {
      const at = ctx.now.toISOString();
      let task: TaskDoc = {
        id: ctx.newId('task'),
        title: args.title,
        ...(args.description ? { description: args.description } : {}),
        status: 'open',
        ...(args.priority ? { priority: args.priority } : {}),
        ...(args.dueAt ? { dueAt: args.dueAt } : {}),
        contactId: ctx.scope.contactId,
        ...madeByAgent(ctx, at),
      };
      if (adapter) {
        const mirrored = await mirrorExternally(ctx, adapter.provider, () =>
          adapter.create({
            title: args.title,
            ...(args.description ? { description: args.description } : {}),
            ...(args.dueAt ? { dueAt: args.dueAt } : {}),
          }),
        );
        task = { ...task, ...mirrored };
        if (task.external) task.external.synced = syncedValues(task, taskSyncFields);
      }
      await ctx.scope.addTask(task);
      return {
        taskId: task.id,
        ...(task.external ? { external: task.external } : {}),
        ...(task.externalSync ? { externalSync: task.externalSync } : {}),
      };
    },
  });
}

export function scheduleEventTool(adapter?: CalendarAdapter): AgentTool {
  return defineZodTool({
    name: 'schedule_event',
    description: 'Schedule a call or meeting with the customer in the team calendar (UTC times).',
    schema: z
      .object({
        title: z.string().trim().min(1).max(500),
        startAt: iso,
        durationMinutes: z.number().int().min(5).max(480).default(30),
        description: z.string().max(5000).optional(),
        location: z.string().max(500).optional(),
      })
      .strict(),
    async execute(args, ctx) {
      const at = ctx.now.toISOString();
      const start = new Date(args.startAt);
      if (start.getTime() < ctx.now.getTime()) throw new Error('The event would start in the past');
      const contact = await ctx.scope.contact();
      let event: CalendarEventDoc = {
        id: ctx.newId('event'),
        title: args.title,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + args.durationMinutes * 60_000).toISOString(),
        ...(args.description ? { description: args.description } : {}),
        ...(args.location ? { location: args.location } : {}),
        attendees: [
          {
            name: contact.name || contact.id,
            contactId: contact.id,
            ...(contact.email ? { email: contact.email } : {}),
          },
        ],
        status: 'scheduled',
        contactId: contact.id,
        ...madeByAgent(ctx, at),
      };
      if (adapter) {
        const draft = event;
        const mirrored = await mirrorExternally(ctx, 'google', async () => ({
          provider: 'google' as const,
          ...(await adapter.create(draft)),
        }));
        event = { ...event, ...mirrored };
        if (event.external) event.external.synced = syncedValues(event, eventSyncFields);
      }
      await ctx.scope.addEvent(event);
      return {
        eventId: event.id,
        startAt: event.startAt,
        endAt: event.endAt,
        ...(event.external ? { external: event.external } : {}),
        ...(event.externalSync ? { externalSync: event.externalSync } : {}),
        ics: toIcs(event, at),
      };
    },
  });
}

export const searchKnowledgeTool: AgentTool = defineZodTool({
  name: 'search_knowledge',
  description: "Search the company's knowledge base. Cite results by their number.",
  schema: z
    .object({ query: z.string().trim().min(2).max(500), limit: z.number().int().min(1).max(10).default(5) })
    .strict(),
  async execute(args, ctx) {
    if (!ctx.retriever) return { hits: [] };
    const hits = await ctx.retriever.search(args.query, { limit: args.limit });
    return {
      hits: hits.map((h) => ({
        chunkId: h.chunkId,
        sourceId: h.sourceId,
        title: h.title,
        text: h.text.slice(0, 1500),
      })),
    };
  },
});
