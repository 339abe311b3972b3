// A settings card's notice and its one-at-a-time actions: `fail` shows an error as "Failed: …" (RU+EN
// through settings.failed), `run` (lib/use-busy-action.ts) clears the notice, sets busy and sends a
// throw to `fail`. Every card that acts on the admin API starts from it.
import { useCallback } from 'react';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { useBusyAction } from '../../lib/use-busy-action';
import { useNotice } from './Notice';

/** `noticeId`: the notice's test id (and the toast's data-source), e.g. `models-notice`. */
export function useCardAction(noticeId: string) {
  const i18n = useI18n();
  const { t } = i18n;
  const [notice, setNotice] = useNotice(noticeId);
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: failText(e) }),
    [setNotice, failText],
  );
  const action = useBusyAction({ onStart: () => setNotice(null), onError: fail });
  return { ...i18n, notice, setNotice, failText, fail, ...action };
}
