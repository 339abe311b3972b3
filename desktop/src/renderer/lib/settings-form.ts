// What the one settings form (screens/settings/SettingsForm.tsx) does with a kind's fields
// (@app/shared/settings): the form's values from the API's view (secrets always blank), which fields
// show, whether a secret is stored, and the body to send: blank fields left out (a blank secret keeps
// the stored one; a `clearable` one is sent as ''), numbers as numbers, JSON parsed, lines as a list,
// headers as `{ name: value }`, tick boxes as true or false, paths such as `imap.host` nested.
import type { SettingsField } from '@app/shared/settings';

/** One row of a header list: its name, and its value (a secret, typed afresh, never shown). */
export type HeaderRow = { name: string; value: string };
export type FormValue = string | boolean | HeaderRow[];
export type FormValues = Record<string, FormValue>;

/** The value at a dotted path of a view (`imap.passwordSet`). */
export function valueAt(view: object | undefined, path: string): unknown {
  let at: unknown = view;
  for (const part of path.split('.'))
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

/** A field's value as text (a tick box's and a header list's are not text: ''). */
export const textOf = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};

/** A header list's rows, one blank row when it has none. */
export const rowsOf = (values: FormValues, name: string): HeaderRow[] => {
  const value = values[name];
  return Array.isArray(value) && value.length > 0 ? value : [{ name: '', value: '' }];
};

/** A field's value in a form over `view` (nothing stored: its start value). */
function valueFromView(f: SettingsField, view: object | undefined): FormValue {
  if (f.type === 'headers') return [{ name: '', value: '' }];
  const stored = f.type === 'secret' ? undefined : valueAt(view, f.name);
  if (f.type === 'checkbox') return stored === true;
  if (stored === undefined || stored === null) return f.options?.[0] ?? f.initial ?? '';
  if (f.type === 'lines' && Array.isArray(stored)) return stored.join('\n');
  if (f.type === 'json') return JSON.stringify(stored, null, 2);
  return String(stored);
}

/** The form's values from a view: stored values as text, each select's first option by default. */
export const valuesFromView = (fields: readonly SettingsField[], view: object | undefined): FormValues =>
  Object.fromEntries(fields.map((f) => [f.name, valueFromView(f, view)]));

/** Whether the field shows (a `when` field only while the other field holds its value). */
export const visible = (field: SettingsField, values: FormValues) =>
  !field.when || values[field.when.field] === field.when.is;

/** What the view says of a stored secret: its hint (`…wxyz`), true when only set, else undefined. */
export function storedSecret(field: SettingsField, view: object | undefined): string | true | undefined {
  const shown = field.shown ? valueAt(view, field.shown) : undefined;
  if (typeof shown === 'string' && shown) return shown;
  return shown === true ? true : undefined;
}

/** Whether the form needs a value: a required field, a required secret only while none is stored. */
export const needed = (field: SettingsField, view: object | undefined) =>
  !!field.required && !(field.type === 'secret' && storedSecret(field, view) !== undefined);

/** The first shown field whose text cannot be read as what it is (a `json` field that is not JSON). */
export function unreadable(fields: readonly SettingsField[], values: FormValues): SettingsField | undefined {
  return fields.find((f) => {
    if (f.type !== 'json' || !visible(f, values) || !textOf(values, f.name).trim()) return false;
    try {
      JSON.parse(textOf(values, f.name));
      return false;
    } catch {
      return true;
    }
  });
}

/** The header rows with both a name and a value, as `{ name: value }`; none: undefined. */
function headersOf(rows: HeaderRow[]): Record<string, string> | undefined {
  const given = rows.filter((r) => r.name.trim() && r.value);
  return given.length > 0 ? Object.fromEntries(given.map((r) => [r.name.trim(), r.value])) : undefined;
}

/** What a shown field sends (undefined: left out). Throws on a `json` field that is not JSON. */
function sentValue(field: SettingsField, values: FormValues): unknown {
  const value = values[field.name];
  if (field.type === 'checkbox') return value === true;
  if (field.type === 'headers') return headersOf(Array.isArray(value) ? value : []);
  const raw = typeof value === 'string' ? value : '';
  if (field.type === 'lines')
    return raw
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  if (!raw.trim()) return field.clearable ? '' : undefined;
  if (field.type === 'number') return Number(raw);
  if (field.type === 'json') return JSON.parse(raw) as unknown;
  return field.type === 'secret' ? raw : raw.trim();
}

/** The body to send: shown fields with a value (secrets as typed, the rest trimmed), nested by path. */
export function bodyOf(fields: readonly SettingsField[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (!visible(field, values)) continue;
    const value = sentValue(field, values);
    if (value === undefined) continue;
    const parts = field.name.split('.');
    let at = body;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = value;
  }
  return body;
}
