// What the one settings form (screens/settings/SettingsForm.tsx) does with a kind's fields
// (@app/shared/settings): the form's values from the API's view (secrets always blank), which fields
// show, whether a secret is stored, and the body to send: blank fields left out (a blank secret keeps
// the stored one), numbers as numbers, paths such as `imap.host` as nested objects.
import type { SettingsField } from '@app/shared/settings';

export type FormValues = Record<string, string>;

/** The value at a dotted path of a view (`imap.passwordSet`). */
export function valueAt(view: object | undefined, path: string): unknown {
  let at: unknown = view;
  for (const part of path.split('.'))
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

/** The form's values from a view: stored values as text, each select's first option by default. */
export function valuesFromView(fields: readonly SettingsField[], view: object | undefined): FormValues {
  return Object.fromEntries(
    fields.map((f) => {
      const stored = f.type === 'secret' ? undefined : valueAt(view, f.name);
      const value = stored === undefined || stored === null ? (f.options?.[0] ?? '') : String(stored);
      return [f.name, value];
    }),
  );
}

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

/** The body to send: shown, non-blank fields (secrets as typed, the rest trimmed), nested by path. */
export function bodyOf(fields: readonly SettingsField[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name] ?? '';
    if (!visible(field, values) || !raw.trim()) continue;
    const value = field.type === 'number' ? Number(raw) : field.type === 'secret' ? raw : raw.trim();
    const parts = field.name.split('.');
    let at = body;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = value;
  }
  return body;
}
