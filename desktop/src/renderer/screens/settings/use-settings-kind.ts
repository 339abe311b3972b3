// The state of a settings card over one kind of the admin API (`/channels/vk`): its view, the form's
// values (lib/settings-form.ts), the last check, busy and the notice; loading, checking, saving and
// disconnecting as every such card does them. Cards add their own parts (VK's callback address).
import { useCallback, useEffect, useState } from 'react';
import type { SettingsField } from '@app/shared/settings';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { bodyOf, valuesFromView, type FormValues } from '../../lib/settings-form';
import { useNotice } from './Notice';

type Options<View> = {
  /** The kind's path in the admin API; its check is `<path>/check`. */
  path: string;
  fields: readonly SettingsField[];
  /** The notice's test id (`vk-notice`). */
  noticeId: string;
  /** Adds to the body what the form does not show (the stored mailbox). */
  extend?: (body: Record<string, unknown>, view: View | undefined) => Record<string, unknown>;
};

export function useSettingsKind<View extends { configured: boolean }, Check>(opts: Options<View>) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<View | undefined>(undefined);
  const [values, setValues] = useState<FormValues>(() => valuesFromView(opts.fields, undefined));
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice(opts.noticeId);
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);
  const { path, fields } = opts;

  const show = useCallback(
    (v: View) => {
      setView(v);
      setValues(valuesFromView(fields, v));
    },
    [fields],
  );
  useEffect(() => {
    if (admin)
      ws.api.get<View>(path).then(show, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));
  }, [ws, admin, failText, path, show]);

  const body = () => {
    const sent = bodyOf(fields, values);
    return opts.extend ? opts.extend(sent, view) : sent;
  };
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await what();
    } catch (e) {
      setNotice({ kind: 'error', text: failText(e) });
    } finally {
      setBusy(false);
    }
  };
  /** Asks the server to check the form's settings (stored secrets fill blank ones); keeps the answer. */
  const checkNow = async () => {
    const checked = await ws.api.post<Check>(`${path}/check`, body());
    setCheck(checked);
    return checked;
  };
  const save = async () => {
    show(await ws.api.put<View>(path, body()));
    setNotice({ kind: 'success', text: t('common.saved') });
  };
  const remove = () =>
    run(async () => {
      await ws.api.delete(path);
      show({ configured: false } as View);
      setCheck(null);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
    });
  return {
    t,
    ws,
    admin,
    view,
    values,
    setValues,
    check,
    busy,
    notice,
    setNotice,
    run,
    checkNow,
    save,
    remove,
  };
}
