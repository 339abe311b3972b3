// Tools over the current customer's record: save what they told us (into the twin, with the message it
// came from) and update their lead. Neither takes an id: both act on the customer of this run only.
// Consequential lead changes follow the profile's policy: done, proposed to a rep, or refused.
// Saved details pass semantic checks (twin/fact-checks.ts) and never replace a rep-set or verified value.
import { z } from 'zod';
import { leadStages } from '../../schemas/index';
import { implausibleFact } from '../twin/fact-checks';
import { applyFacts } from '../twin/twin-facts';
import { defineZodTool } from './define-tool';
import { writeLeadChange } from './lead-write';

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
        // Digits as written, or E.164 with an extension (`+13458993560;ext=4587`, as the rules store it).
        .regex(/^\+?[\d\s().-]{6,20}(?:\s*(?:;ext=|ext\.?|x)\s*\d{1,7})?$/i, 'must be a phone number')
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
    .strict()
    // Semantic checks: a weak model's `name: "23-020020.03-00020000Z"` is refused, not saved.
    .superRefine((args, issues) => {
      const { facts = [], ...fields } = args;
      for (const [key, value] of Object.entries(fields)) {
        const why = implausibleFact(key, String(value));
        if (why) issues.addIssue({ code: 'custom', path: [key], message: why });
      }
      facts.forEach((f, i) => {
        const why = implausibleFact(f.key, f.value);
        if (why) issues.addIssue({ code: 'custom', path: ['facts', i, 'value'], message: why });
      });
    }),
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
      ...(change.kept?.length
        ? {
            notChanged: {
              fields: change.kept,
              note: 'A rep set or verified these contact fields; they stay. The new values are noted.',
            },
          }
        : {}),
    };
  },
});

export const updateLeadTool = defineZodTool({
  name: 'update_lead',
  description:
    "Update the customer's sales lead: stage, title, deal value, next follow-up time, tags. Closing a deal (won/lost) or setting its value may only be proposed to a rep: read the result.",
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
    return writeLeadChange(ctx, lead, args);
  },
});
