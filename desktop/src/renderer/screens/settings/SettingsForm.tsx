// The one form of the settings kinds with secrets: it renders a kind's fields (@app/shared/settings)
// as inputs, selects and fieldsets, labelled through the card's i18n keys (RU+EN). A secret is a
// password input that is always blank: the placeholder says whether one is stored (its hint) and that
// a blank one keeps it; a required secret is needed only until one is stored. The values and the body
// to send come from lib/settings-form.ts.
import type { SettingsField } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { needed, storedSecret, visible, type FormValues } from '../../lib/settings-form';
import { ActionButton } from './CardParts';

type Props = {
  fields: readonly SettingsField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** The API's view of the stored settings (what says a secret is stored). */
  view: object | undefined;
  /** Test ids are `<testPrefix>-<field id>` (`vk-token`, `email-imap-host`). */
  testPrefix: string;
  /** A field's (or group's, or `<field>.<option>`'s) label; a grouped field's also without its group. */
  labels: Record<string, MessageKey>;
  /** The placeholder's words for a stored secret that a blank input keeps. */
  keep: MessageKey;
};

export function SettingsFields(props: Props) {
  const { t } = useI18n();
  const label = (key: string) => {
    const found = props.labels[key] ?? props.labels[key.split('.').slice(1).join('.')];
    return found ? t(found) : key;
  };
  const shown = props.fields.filter((f) => visible(f, props.values));
  const groups = shown.reduce<Array<{ group?: string; fields: SettingsField[] }>>((all, f) => {
    const last = all.at(-1);
    if (last && last.group === f.group) last.fields.push(f);
    else all.push({ ...(f.group ? { group: f.group } : {}), fields: [f] });
    return all;
  }, []);
  const input = (f: SettingsField) => (
    <FieldInput key={f.name} field={f} props={props} label={label} keep={t(props.keep)} />
  );
  return (
    <>
      {groups.map(({ group, fields }, i) =>
        group ? (
          <fieldset key={group} className="server-fields">
            <legend>{label(group)}</legend>
            {fields.map(input)}
          </fieldset>
        ) : (
          <div key={i} className="settings-fields">
            {fields.map(input)}
          </div>
        ),
      )}
    </>
  );
}

function FieldInput({
  field,
  props,
  label,
  keep,
}: {
  field: SettingsField;
  props: Props;
  label: (key: string) => string;
  keep: string;
}) {
  const testId = `${props.testPrefix}-${field.id ?? field.name.replace(/\./g, '-')}`;
  const value = props.values[field.name] ?? '';
  const set = (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    props.onChange({ ...props.values, [field.name]: e.target.value });
  if (field.type === 'select')
    return (
      <label>
        {label(field.name)}
        <select value={value} onChange={set} data-testid={testId}>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {label(`${field.name}.${o}`)}
            </option>
          ))}
        </select>
      </label>
    );
  const stored = field.type === 'secret' ? storedSecret(field, props.view) : undefined;
  const placeholder =
    stored === undefined ? (field.placeholder ?? '') : stored === true ? keep : `${stored} · ${keep}`;
  return (
    <label>
      {label(field.name)}
      <input
        type={field.type === 'secret' ? 'password' : field.type === 'email' ? 'email' : 'text'}
        {...(field.type === 'number' ? { inputMode: 'numeric' as const } : {})}
        required={needed(field, props.view)}
        {...(field.pattern ? { pattern: field.pattern } : {})}
        {...(field.minLength ? { minLength: field.minLength } : {})}
        {...(field.maxLength ? { maxLength: field.maxLength } : {})}
        value={value}
        onChange={set}
        autoComplete={field.type === 'secret' ? 'new-password' : 'off'}
        placeholder={placeholder}
        data-testid={testId}
      />
    </label>
  );
}

/** A settings card's buttons: check, save (`saveLabel`), the card's own (children), disconnect. */
export function SettingsActions(props: {
  testPrefix: string;
  busy: boolean;
  configured: boolean;
  saveLabel: MessageKey;
  onCheck: () => void;
  onRemove: () => void;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <ActionButton busy={props.busy} onClick={props.onCheck} testId={`${props.testPrefix}-check-button`}>
        {t('settings.emailCheck')}
      </ActionButton>
      <ActionButton busy={props.busy} submit className="primary" testId={`${props.testPrefix}-save`}>
        {t(props.saveLabel)}
      </ActionButton>
      {props.children}
      {props.configured && (
        <ActionButton busy={props.busy} className="danger" onClick={props.onRemove}>
          {t('settings.disconnect')}
        </ActionButton>
      )}
    </div>
  );
}
