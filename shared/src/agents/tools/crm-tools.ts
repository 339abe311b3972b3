// Tools over the current customer's record: save what they told us (into the twin, with the message it
// came from) and update their lead. Neither takes an id: both act on the customer of this run only.
import { z } from 'zod';
import { leadStages } from '../../schemas/index';
import { applyFacts } from '../twin/twin-facts';
import { defineZodTool } from './define-tool';

const text = (max: number) => z.string().trim().min(1).max(max);

export const saveClientInfoTool = defineZodTool({
  name: 'save_client_info',
  description:
    'Save details the customer shared about themselves (name, phone, email, company, position, budget, other facts) to their profile.',
  schema: z
    .object({
      name: text(200).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s()-]{6,20}$/, 'must be a phone number')
        .optional(),
      email: z.email().max(254).optional(),
      company: text(200).optional(),
      position: text(200).optional(),
      budget: text(200).optional(),
      facts: z
        .array(z.object({ key: z.string().regex(/^[a-z_]{2,60}$/), value: text(500) }))
        .max(20)
        .optional(),
    })
    .strict(),
  async execute(args, ctx) {
    const { facts = [], ...fields } = args;
    const all = [...Object.entries(fields).map(([key, value]) => ({ key, value: String(value) })), ...facts];
    const contact = await ctx.scope.contact();
    const { contact: next, change } = applyFacts(
      contact,
      all,
      {
        messageId: ctx.messageId,
        conversationId: ctx.scope.conversationId,
        observedAt: ctx.now.toISOString(),
        extractedBy: `tool:${ctx.role}`,
      },
      ctx.newId,
    );
    if (change.added.length) await ctx.scope.saveContact({ ...next, updatedAt: ctx.now.toISOString() });
    return {
      saved: change.added.map((f) => ({ key: f.key, value: f.value })),
      superseded: change.superseded.map((f) => ({ key: f.key, value: f.value })),
    };
  },
});

export const updateLeadTool = defineZodTool({
  name: 'update_lead',
  description: "Update the customer's sales lead: stage, title, deal value, next follow-up time, tags.",
  schema: z
    .object({
      stage: z.enum(leadStages).optional(),
      title: text(300).optional(),
      value: z
        .object({ amount: z.number().min(0).max(1e12), currency: z.string().regex(/^[A-Z]{3}$/) })
        .optional(),
      nextFollowUpAt: z.iso.datetime({ offset: true }).optional(),
      tags: z.array(text(100)).max(20).optional(),
      lostReason: text(500).optional(),
    })
    .strict(),
  async execute(args, ctx) {
    const lead = await ctx.scope.lead();
    if (!lead) throw new Error('This conversation has no lead');
    const at = ctx.now.toISOString();
    const fieldUpdatedAt = { ...lead.fieldUpdatedAt };
    for (const k of Object.keys(args)) fieldUpdatedAt[k] = at;
    const next = {
      ...lead,
      ...args,
      ...(args.stage && args.stage !== lead.stage ? { stageChangedAt: at } : {}),
      fieldUpdatedAt,
      updatedAt: at,
    };
    await ctx.scope.saveLead(next);
    return { leadId: lead.id, updated: Object.keys(args) };
  },
});
