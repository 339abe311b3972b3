// The state of one settings form (SettingsFields) over a kind's fields (@app/shared/settings): its
// values, filled again from a view (`fill`), the body to send (lib/settings-form.ts), and the props
// SettingsFields takes. Every card with such a form starts from it (use-settings-kind.ts too).
import { useCallback, useState } from 'react';
import type { SettingsField } from '@app/shared/settings';
import type { MessageKey } from '../../i18n/en';
import { bodyOf, valuesFromView, type FormValues } from '../../lib/settings-form';

export type SettingsFormOptions = {
  /** The form's test ids are `<testPrefix>-<field>` (SettingsForm.tsx). */
  testPrefix: string;
  /** The fields' labels (SettingsFields' `labels`). */
  labels: Record<string, MessageKey>;
  /** The placeholder's words for a stored secret a blank input keeps (default: "left empty: unchanged"). */
  keep?: MessageKey;
};

export function useSettingsForm(fields: readonly SettingsField[], opts: SettingsFormOptions) {
  const [values, setValues] = useState<FormValues>(() => valuesFromView(fields, undefined));
  /** The form's values from a view (none: a blank form). */
  const fill = useCallback((view?: object) => setValues(valuesFromView(fields, view)), [fields]);
  /** SettingsFields' props over `view` (what says a secret is stored). */
  const props = (view: object | undefined) => ({
    fields,
    values,
    onChange: setValues,
    view,
    testPrefix: opts.testPrefix,
    labels: opts.labels,
    keep: opts.keep ?? ('settings.vkKeep' as const),
  });
  return { values, setValues, fill, props, body: () => bodyOf(fields, values) };
}
