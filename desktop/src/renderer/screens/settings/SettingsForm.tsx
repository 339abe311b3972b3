// The one form of the settings kinds with secrets: it renders a kind's fields (@app/shared/settings)
// as inputs (SettingsInputs.tsx) in fieldsets, labelled through the card's i18n keys (RU+EN), with the
// options and placeholders its view decides. A secret is a password input that is always blank: the
// placeholder says whether one is stored (its hint) and that a blank one keeps it; a required secret
// is needed only until one is stored. The values and the body to send come from lib/settings-form.ts.
import type { SettingsField } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { textOf, visible, type FormValues } from '../../lib/settings-form';
import { ActionButton } from './CardParts';
import { FieldInput, type FieldOption } from './SettingsInputs';

type Props = {
  fields: readonly SettingsField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** The API's view of the stored settings (what says a secret is stored). */
  view: object | undefined;
  /** Test ids are `<testPrefix>-<field id>` (`vk-token`, `email-imap-host`). */
  testPrefix: string;
  /**
   * A field's (or group's, or `<field>.<option>`'s) label; a grouped field's also without its group;
   * `<field>@<value>` labels a `labelBy` field while the other field holds that value; `<field>#hint`
   * is a line under the field, `<field>#placeholder` its placeholder.
   */
  labels: Record<string, MessageKey>;
  /** The placeholder's words for a stored secret that a blank input keeps. */
  keep: MessageKey;
  /** Options the card's view decides (the team's providers), by field name. */
  options?: Record<string, readonly FieldOption[]>;
  /** Placeholders the card's view decides (a preset's address), by field name. */
  placeholders?: Record<string, string | undefined>;
};

export function SettingsFields(props: Props) {
  const { t } = useI18n();
  const words = (key: string) => {
    const found = props.labels[key] ?? props.labels[key.split('.').slice(1).join('.')];
    return found ? t(found) : undefined;
  };
  const shown = props.fields.filter((f) => visible(f, props.values));
  const groups = shown.reduce<Array<{ group?: string; fields: SettingsField[] }>>((all, f) => {
    const last = all.at(-1);
    if (last && last.group === f.group) last.fields.push(f);
    else all.push({ ...(f.group ? { group: f.group } : {}), fields: [f] });
    return all;
  }, []);
  const input = (f: SettingsField) => (
    <FieldWithHint key={f.name} field={f} props={props} words={words} keep={t(props.keep)} />
  );
  return (
    <>
      {groups.map(({ group, fields }, i) =>
        group ? (
          <fieldset key={group} className="server-fields">
            <legend>{words(group) ?? group}</legend>
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

/** One field's input (SettingsInputs.tsx) with its label, and the line under it when it has one. */
function FieldWithHint({
  field,
  props,
  words,
  keep,
}: {
  field: SettingsField;
  props: Props;
  words: (key: string) => string | undefined;
  keep: string;
}) {
  const by = field.labelBy ? words(`${field.name}@${textOf(props.values, field.labelBy)}`) : undefined;
  const hint = words(`${field.name}#hint`);
  const placeholder = props.placeholders?.[field.name] ?? words(`${field.name}#placeholder`);
  const options = props.options?.[field.name];
  return (
    <>
      <FieldInput
        field={field}
        values={props.values}
        set={(value) => props.onChange({ ...props.values, [field.name]: value })}
        view={props.view}
        testId={`${props.testPrefix}-${field.id ?? field.name.replace(/\./g, '-')}`}
        label={by ?? words(field.name) ?? field.name}
        words={words}
        {...(options ? { options } : {})}
        {...(placeholder ? { placeholder } : {})}
        keep={keep}
      />
      {hint && <p className="muted small">{hint}</p>}
    </>
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
