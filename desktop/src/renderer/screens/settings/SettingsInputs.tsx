// The inputs of the one settings form (SettingsForm.tsx), one per kind of field (@app/shared/settings):
// a select (its options labelled, given as they are, or handed in by the card from its view), a
// textarea (text, JSON, or one item a line), a header list (name and password rows, a row added on
// demand), a tick box or a colour with its words after it, and a text, URL, e-mail, number or password
// input. A secret is always blank: its placeholder says whether one is stored and that blank keeps it.
import type { SettingsField } from '@app/shared/settings';
import { needed, rowsOf, storedSecret, textOf, type FormValues } from '../../lib/settings-form';

/** A select's option as the card hands it in (the view's providers, the presets' names). */
export type FieldOption = { value: string; label: string };

/** What every input gets from the form. */
export type InputProps = {
  field: SettingsField;
  values: FormValues;
  set: (value: FormValues[string]) => void;
  view: object | undefined;
  testId: string;
  /** The field's label (per `labelBy`), a key's words when the card labels it (`<name>#hint`). */
  label: string;
  words: (key: string) => string | undefined;
  /** The card's options and placeholder for this field, when its view decides them. */
  options?: readonly FieldOption[];
  placeholder?: string;
  keep: string;
};

/** The input a field's type calls for, with its label. */
export function FieldInput(p: InputProps) {
  switch (p.field.type) {
    case 'select':
      return <SelectInput {...p} />;
    case 'textarea':
    case 'json':
    case 'lines':
      return <TextAreaInput {...p} />;
    case 'headers':
      return <HeadersInput {...p} />;
    case 'checkbox':
    case 'color':
      return <WordsAfterInput {...p} />;
    default:
      return <TextInput {...p} />;
  }
}

function SelectInput(p: InputProps) {
  const f = p.field;
  const options =
    p.options ??
    (f.options ?? []).map((o) => ({
      value: o,
      label: f.verbatim ? o : (p.words(`${f.name}.${o}`) ?? o),
    }));
  return (
    <label>
      {p.label}
      <select value={textOf(p.values, f.name)} onChange={(e) => p.set(e.target.value)} data-testid={p.testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function TextAreaInput(p: InputProps) {
  return (
    <label>
      {p.label}
      <textarea
        rows={p.field.rows ?? 3}
        required={needed(p.field, p.view)}
        value={textOf(p.values, p.field.name)}
        placeholder={p.placeholder ?? p.field.placeholder}
        onChange={(e) => p.set(e.target.value)}
        data-testid={p.testId}
      />
    </label>
  );
}

/** Name and value rows (the value a password input); "add" puts a blank row under them. */
function HeadersInput(p: InputProps) {
  const rows = rowsOf(p.values, p.field.name);
  const change = (i: number, part: 'name' | 'value', text: string) =>
    p.set(rows.map((r, j) => (j === i ? { ...r, [part]: text } : r)));
  const suffix = (i: number) => (i === 0 ? '' : `-${i}`);
  const { name } = p.field;
  return (
    <div className="settings-headers">
      {rows.map((row, i) => (
        <div className="row" key={i}>
          <label>
            {p.words(`${name}.name`) ?? name}
            <input
              value={row.name}
              onChange={(e) => change(i, 'name', e.target.value)}
              data-testid={`${p.testId}-name${suffix(i)}`}
            />
          </label>
          <label>
            {p.words(`${name}.value`) ?? name}
            <input
              type="password"
              autoComplete="off"
              value={row.value}
              onChange={(e) => change(i, 'value', e.target.value)}
              data-testid={`${p.testId}-value${suffix(i)}`}
            />
          </label>
        </div>
      ))}
      <button type="button" onClick={() => p.set([...rows, { name: '', value: '' }])}>
        {p.words(`${name}.add`) ?? '+'}
      </button>
    </div>
  );
}

/** A tick box or a colour: the input first, its words after it. */
function WordsAfterInput(p: InputProps) {
  const tick = p.field.type === 'checkbox';
  const value = p.values[p.field.name];
  return (
    <label className={tick ? 'check' : 'inline'}>
      {tick ? (
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => p.set(e.target.checked)}
          data-testid={p.testId}
        />
      ) : (
        <input
          type="color"
          value={textOf(p.values, p.field.name)}
          onChange={(e) => p.set(e.target.value)}
          data-testid={p.testId}
        />
      )}{' '}
      {p.label}
    </label>
  );
}

const inputType = { secret: 'password', email: 'email', url: 'url' } as Record<string, string>;

function TextInput(p: InputProps) {
  const f = p.field;
  const stored = f.type === 'secret' ? storedSecret(f, p.view) : undefined;
  const placeholder =
    stored === undefined
      ? (p.placeholder ?? f.placeholder ?? '')
      : stored === true
        ? p.keep
        : `${stored} · ${p.keep}`;
  return (
    <label>
      {p.label}
      <input
        type={inputType[f.type] ?? 'text'}
        {...(f.type === 'number' ? { inputMode: 'numeric' as const } : {})}
        required={needed(f, p.view)}
        {...(f.pattern ? { pattern: f.pattern } : {})}
        {...(f.minLength ? { minLength: f.minLength } : {})}
        {...(f.maxLength ? { maxLength: f.maxLength } : {})}
        value={textOf(p.values, f.name)}
        onChange={(e) => p.set(e.target.value)}
        autoComplete={f.type === 'secret' ? 'new-password' : 'off'}
        placeholder={placeholder}
        data-testid={p.testId}
      />
    </label>
  );
}
