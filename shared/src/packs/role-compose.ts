// A domain pack's role writing a text for the customer (issue 39): the pack's template draft, rewritten
// by the role's own model when the team's agent profile routes that role to one (`models.<role>`,
// e.g. GigaChat for Maestro), else the draft as it is: the offline provider works end to end and no
// model is asked. A rewrite is kept only when it is not empty and holds every figure of the draft
// (amounts, dates, counts); otherwise the draft goes out. The customer's own text is not in the prompt.
import { callLlm, type RunContext } from '../agents/run-context';
import type { PackLlmRole } from '../llm/types';
import { profileTextFor } from '../schemas/agent-settings';

export type Composed = { text: string; origin: 'template' | 'model'; provider?: string };

/** The numbers of a text, digit groups joined ("2 000 000 ₽" and "2,000,000" are both 2000000). */
export function figuresOf(text: string): string[] {
  const joined = text.replace(/(\d)[\s\u00a0\u202f,.'](?=\d{3}(?!\d))/g, '$1');
  return joined.match(/\d+/g) ?? [];
}

/** Every figure of the draft is in the text, as often as in the draft. */
export function keepsFigures(draft: string, text: string): boolean {
  const have = new Map<string, number>();
  for (const f of figuresOf(text)) have.set(f, (have.get(f) ?? 0) + 1);
  return figuresOf(draft).every((f) => {
    const n = have.get(f) ?? 0;
    have.set(f, n - 1);
    return n > 0;
  });
}

const instructions = {
  en: 'Rewrite the draft below as one message to the customer, in English, in your own voice. Keep every figure, date, name and amount exactly as written; add no vendor, price, date or promise that is not in the draft. Answer with the message only.',
  ru: 'Перепишите черновик ниже одним сообщением клиенту, по-русски, своими словами. Сохраните все числа, даты, названия и суммы в точности; не добавляйте подрядчиков, цен, дат и обещаний, которых нет в черновике. Ответьте только текстом сообщения.',
} as const;

export async function composeAs(
  ctx: RunContext,
  role: PackLlmRole,
  draft: string,
  lang: 'en' | 'ru',
): Promise<Composed> {
  if (!ctx.profile.models?.[role]) return { text: draft, origin: 'template' };
  const { persona } = profileTextFor(ctx.profile, lang);
  const outcome = await callLlm(ctx, role, {
    messages: [
      { role: 'system', content: `${persona}\n\n${instructions[lang]}` },
      { role: 'user', content: draft },
    ],
    task: { kind: 'compose', draft },
  });
  const text = outcome.content?.trim() ?? '';
  if (outcome.offline || !text || !keepsFigures(draft, text)) return { text: draft, origin: 'template' };
  return { text, origin: 'model', provider: outcome.provider };
}
