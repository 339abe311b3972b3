// Why something failed, in the UI's language. The server answers `{ error: { code, message } }` with
// an English message (data/auth.ts makes it an ApiError); the code has a sentence in the dictionaries
// (errors-en.ts, errors-ru.ts), and the message is kept only as the detail of codes whose message
// names what was wrong (a field, a limit). A fetch that never reached the server (a TypeError) is
// "cannot be reached"; any other error is shown as it was written.
import { en, type MessageKey } from './en';
import type { Translate } from './i18n';

const known = (key: string): key is MessageKey => Object.hasOwn(en, key);

export function errorText(t: Translate, error: unknown): string {
  if (error instanceof TypeError) return t('error.network');
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const key = typeof e.code === 'string' ? `error.${e.code}` : '';
  return known(key) ? t(key, { detail: message }) : message;
}
