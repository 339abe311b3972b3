// The events demo team's data (issue 39): the pack's pipeline with vendors and rate cards, Maestro
// as the default profile, a deal in every stage of the events pipeline with the event's fields and
// the rate card's estimate, Planning's tasks before each event ahead, and social mentions of the
// events with a negative one, all valid docs.
import { describe, expect, it } from 'vitest';
import { socialMentionSchema } from '@app/shared/schemas';
import { validateDoc, validateSchema } from '@app/shared/validation';
import { eventsDemoDocs } from './demo-events';

const now = new Date('2026-12-01T10:00:00Z');
const demo = eventsDemoDocs('team-ev', now, [{ id: 'u1', name: 'Events admin' }]);

describe('the events demo', () => {
  it('holds valid docs: the pack applied, clients, deals, tasks and the calendar', () => {
    const byName = {
      pipelines: demo.pipelines,
      agent_settings: demo.agent_settings,
      contacts: demo.contacts,
      leads: demo.leads,
      tasks: demo.tasks,
      events: demo.events,
    } as const;
    for (const [name, docs] of Object.entries(byName))
      for (const d of docs) expect(validateDoc(name as keyof typeof byName, d)).toMatchObject({ ok: true });
    const pipeline = demo.pipelines.find((p) => p.id === 'events')!;
    expect(pipeline.vendors?.length).toBeGreaterThanOrEqual(4);
    expect(pipeline.rateCards?.map((r) => r.currency)).toEqual(expect.arrayContaining(['RUB', 'GBP']));
    expect(demo.agent_settings).toMatchObject([{ id: 'agent-pack-events-maestro', isDefault: true }]);
  });

  it('has a deal in every stage of the events pipeline, each with its event and estimate', () => {
    const stages = demo.pipelines.find((p) => p.id === 'events')!.stages.map((s) => s.id);
    expect(new Set(demo.leads.map((l) => l.stage))).toEqual(new Set(stages));
    for (const l of demo.leads) {
      expect(l.pipelineId).toBe('events');
      expect(l.customFields).toMatchObject({ eventDate: expect.any(String), guests: expect.any(String) });
      const [total, currency] = l.customFields!.estimate!.split(' ');
      expect(currency).toBe(l.value!.currency);
      expect(Number(total)).toBeGreaterThan(0);
    }
    const moscow = demo.leads.find((l) => l.id === 'lead-ev-sokolova')!;
    expect(moscow.value).toEqual({ amount: 2_000_000, currency: 'RUB' });
    expect(moscow.customFields?.vendors).toBeTruthy();
  });

  it('plans tasks before each event ahead, and the event day on the calendar', () => {
    const ahead = demo.leads.filter((l) => l.customFields!.eventDate! > '2026-12-01' && l.stage !== 'lost');
    for (const l of ahead) {
      const tasks = demo.tasks.filter((t) => t.leadId === l.id);
      expect(tasks.length).toBeGreaterThanOrEqual(5);
      for (const t of tasks) expect(t.dueAt! < `${l.customFields!.eventDate}T00:00:00.000Z`).toBe(true);
      expect(demo.events.filter((e) => e.leadId === l.id)).toHaveLength(1);
    }
    expect(demo.tasks.some((t) => t.leadId === 'lead-ev-morozova')).toBe(false);
  });

  it('has social mentions of its events, a negative one among them, as the schema says', () => {
    for (const m of demo.mentions) {
      expect(validateSchema(socialMentionSchema, m)).toMatchObject({ ok: true });
      expect(demo.leads.some((l) => l.id === m.leadId)).toBe(true);
      expect(m.id.startsWith('social:team-ev:')).toBe(true);
    }
    expect(demo.mentions.map((m) => m.sentiment.label)).toEqual(
      expect.arrayContaining(['negative', 'positive', 'neutral']),
    );
  });
});
