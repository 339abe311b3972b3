// Why something failed, in the UI's language. The server answers `{ error: { code, message } }` with
// an English message (data/auth.ts makes it an ApiError); the code has a sentence in the dictionaries
// (errors-en.ts, errors-ru.ts), and the message is kept only as the detail of codes whose message
// names what was wrong (a field, a limit). A fetch that never reached the server (a TypeError) is
// "cannot be reached"; any other error is shown as it was written.
import { isPlanId, limitKeys, type LimitKey } from '@app/shared/billing';
import { en, type MessageKey } from './en';
import type { Translate } from './i18n';

const known = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * A plan limit said in the UI's language from the error's details (which limit, the plan, its
 * ceiling), not from the server's sentence.
 */
function planLimitText(t: Translate, details: unknown): string | undefined {
  const d = (details ?? {}) as { limit?: unknown; plan?: unknown; max?: unknown };
  if (!limitKeys.includes(d.limit as LimitKey) || !isPlanId(d.plan) || typeof d.max !== 'number')
    return undefined;
  const key = `error.plan-limit-reached.${String(d.limit)}`;
  if (!known(key)) return undefined;
  const bytes = d.limit === 'knowledgeBytes' || d.limit === 'storageBytes';
  const max = bytes ? Math.round((d.max / 1_048_576) * 10) / 10 : d.max;
  return t(key, { plan: t(`plan.name.${d.plan}`), max });
}

export function errorText(t: Translate, error: unknown): string {
  if (error instanceof TypeError) return t('error.network');
  const e = (error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  if (e.code === 'plan-limit-reached') {
    const said = planLimitText(t, e.details);
    if (said) return said;
  }
  const message = typeof e.message === 'string' ? e.message : String(error);
  const key = typeof e.code === 'string' ? `error.${e.code}` : '';
  return known(key) ? t(key, { detail: message }) : message;
}
