// The desktop form's fields (@app/shared/settings) are the admin API's: every field of each kind is a
// path of that kind's input schema, of the type the form sends (a list, a header record, a tick box,
// a select's options among the schema's values), and each secret path is what the spec keeps out of
// its views.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { secretPaths, settingsFields, type SettingsField, type SettingsKindName } from '@app/shared/settings';
import { emailSettingsInput } from '../channels/email/settings';
import { telegramBody } from '../channels/telegram/settings-routes';
import { vkSettingsInput } from '../channels/vk/settings';
import { integrationFields, integrationInput, integrationKinds } from '../integrations/settings';
import { mcpInput } from '../integrations/mcp-routes';
import { webhookInput } from '../integrations/webhook-routes';
import { choiceBody } from '../models/embeddings-routes';
import { providerInput } from '../models/settings';
import { widgetSettingsSchema } from '../channels/webchat/widgets';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
};
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

/** The input schema of each kind that is no task tracker. */
const inputs: Partial<Record<SettingsKindName, z.ZodType>> = {
  telegram: telegramBody,
  email: emailSettingsInput,
  vk: vkSettingsInput,
  webhookTool: webhookInput,
  mcpServer: mcpInput,
  modelProvider: providerInput,
  embeddings: choiceBody,
  webChat: widgetSettingsSchema,
};
const inputOf = (kind: SettingsKindName): z.ZodType =>
  inputs[kind] ?? integrationInput(kind as (typeof integrationKinds)[number]);

/** The schema type a field of this form type is sent as (others: any). */
const sentAs: Partial<Record<SettingsField['type'], string>> = {
  headers: 'record',
  json: 'record',
  lines: 'array',
  checkbox: 'boolean',
};

describe('settings fields', () => {
  it.each(Object.keys(settingsFields) as SettingsKindName[])(
    '%s: every field is a path of the input',
    (kind) => {
      for (const field of settingsFields[kind])
        expect(at(inputOf(kind), field.name.split('.')), field.name).toBeDefined();
      expect(at(inputOf(kind), ['nothing'])).toBeUndefined();
    },
  );

  it.each(Object.keys(settingsFields) as SettingsKindName[])(
    '%s: each field is sent as its schema takes it',
    (kind) => {
      for (const field of settingsFields[kind] as readonly SettingsField[]) {
        const def = defOf(at(inputOf(kind), field.name.split('.'))!);
        if (sentAs[field.type]) expect(def.type, field.name).toBe(sentAs[field.type]);
        if (field.type === 'select' && def.type === 'enum')
          expect(Object.values(def.entries ?? {}), field.name).toEqual(
            expect.arrayContaining([...(field.options ?? [])]),
          );
      }
    },
  );

  it('keeps the header values and the model key out of every view', () => {
    expect(secretPaths(settingsFields.webhookTool)).toEqual(['headers']);
    expect(secretPaths(settingsFields.mcpServer)).toEqual(['headers']);
    expect(secretPaths(settingsFields.modelProvider)).toEqual(['apiKey']);
  });

  it('names the same credentials the integrations seal', () => {
    for (const kind of integrationKinds)
      expect(secretPaths(settingsFields[kind]).sort()).toEqual([...integrationFields[kind].secrets].sort());
    expect(secretPaths(settingsFields.email)).toEqual(['imap.password', 'smtp.password']);
  });
});
