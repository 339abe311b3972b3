// The state of a settings card over one kind of the admin API (`/channels/vk`): its view, the form's
// values (use-settings-form.ts), the last check, busy and the notice; loading, checking, saving and
// disconnecting as every such card does them. Cards add their own parts (VK's callback address).
import { useCallback, useEffect, useState } from 'react';
import type { SettingsField } from '@app/shared/settings';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import type { MessageKey } from '../../i18n/en';
import { useCardAction } from './use-card-action';
import { useSettingsForm } from './use-settings-form';

type Options<View> = {
  /** The kind's path in the admin API; its check is `<path>/check`. */
  path: string;
  fields: readonly SettingsField[];
  /** The notice's test id (`vk-notice`). */
  noticeId: string;
  /** The form's test ids are `<testPrefix>-<field>` (SettingsForm.tsx), its buttons' too. */
  testPrefix: string;
  /** The fields' labels and the placeholder's words for a stored secret (SettingsFields). */
  labels: Record<string, MessageKey>;
  keep: MessageKey;
  /** Adds to the body what the form does not show (the stored mailbox). */
  extend?: (body: Record<string, unknown>, view: View | undefined) => Record<string, unknown>;
};

export function useSettingsKind<View extends { configured: boolean }, Check>(opts: Options<View>) {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [view, setView] = useState<View | undefined>(undefined);
  const fieldsForm = useSettingsForm(opts.fields, opts);
  const { values, setValues, fill } = fieldsForm;
  const [check, setCheck] = useState<Check | null>(null);
  const { t, busy, notice, setNotice, fail, run } = useCardAction(opts.noticeId);
  const { path } = opts;

  const show = useCallback(
    (v: View) => {
      setView(v);
      fill(v);
    },
    [fill],
  );
  useEffect(() => {
    if (admin) ws.api.get<View>(path).then(show, fail);
  }, [ws, admin, fail, path, show]);

  const body = () => {
    const sent = fieldsForm.body();
    return opts.extend ? opts.extend(sent, view) : sent;
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
  /** What SettingsFields and SettingsActions take from the card's state. */
  const form = fieldsForm.props(view);
  const actions = {
    testPrefix: opts.testPrefix,
    busy,
    configured: !!view?.configured,
    onCheck: () => void run(checkNow),
    onRemove: () => void remove(),
  };
  return {
    form,
    actions,
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
