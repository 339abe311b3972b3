// The desktop form's fields (@app/shared/settings) are the admin API's: every field of each kind is a
// path of that kind's input schema, and each secret path is what the spec keeps out of its views.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { secretPaths, settingsFields, type SettingsKindName } from '@app/shared/settings';
import { emailSettingsInput } from '../channels/email/settings';
import { telegramBody } from '../channels/telegram/settings-routes';
import { vkSettingsInput } from '../channels/vk/settings';
import { integrationFields, integrationInput, integrationKinds } from '../integrations/settings';

type Def = { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType; innerType?: z.ZodType };
const defOf = (schema: z.ZodType): Def => schema._zod.def as Def;

/** The schema at `path` (`imap.host`) through optionals, defaults, refinements and transforms. */
function at(schema: z.ZodType | undefined, path: string[]): z.ZodType | undefined {
  if (!schema) return undefined;
  const def = defOf(schema);
  if (def.type === 'pipe') return at(def.in, path);
  if (['optional', 'default', 'nullable', 'prefault'].includes(def.type)) return at(def.innerType, path);
  if (path.length === 0) return schema;
  return def.type === 'object' ? at(def.shape?.[path[0]!], path.slice(1)) : undefined;
}

const inputOf = (kind: SettingsKindName): z.ZodType =>
  kind === 'telegram'
    ? telegramBody
    : kind === 'email'
      ? emailSettingsInput
      : kind === 'vk'
        ? vkSettingsInput
        : integrationInput(kind);

describe('settings fields', () => {
  it.each(Object.keys(settingsFields) as SettingsKindName[])(
    '%s: every field is a path of the input',
    (kind) => {
      for (const field of settingsFields[kind])
        expect(at(inputOf(kind), field.name.split('.')), field.name).toBeDefined();
      expect(at(inputOf(kind), ['nothing'])).toBeUndefined();
    },
  );

  it('names the same credentials the integrations seal', () => {
    for (const kind of integrationKinds)
      expect(secretPaths(settingsFields[kind]).sort()).toEqual([...integrationFields[kind].secrets].sort());
    expect(secretPaths(settingsFields.email)).toEqual(['imap.password', 'smtp.password']);
  });
});
