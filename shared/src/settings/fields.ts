// The fields of each settings kind with secrets, as the admin API takes them and the desktop's one
// settings form renders them (desktop/src/renderer/screens/settings/SettingsForm.tsx). The server's
// specs (sync-server/src/settings/spec.ts) take their secret paths from here, so what the form shows
// as a password and what the API never answers are one list. A secret is shown only as set or not set
// (`shown`: the view's hint or flag), kept when left blank, required the first time when `required`.
// The kinds of the agents' settings (tools, model providers, embeddings, the web chat): tool-fields.ts.
import type { SettingsField } from './field-type';
import { agentSettingsFields } from './tool-fields';

export type { SettingsField, SettingsFieldType } from './field-type';

const server = (group: 'imap' | 'smtp'): SettingsField[] => [
  { name: `${group}.host`, type: 'text', required: true, group },
  { name: `${group}.port`, type: 'number', group },
  { name: `${group}.tls`, type: 'select', options: ['implicit', 'starttls', 'none'], group },
  { name: `${group}.user`, type: 'text', group },
  { name: `${group}.password`, type: 'secret', shown: `${group}.passwordSet`, group },
];

const secret = (name: string, extra: Partial<SettingsField> = {}): SettingsField => ({
  name,
  type: 'secret',
  required: true,
  ...extra,
});
const id = (name: string): SettingsField => ({ name, type: 'text', required: true });
const key = (name: string): SettingsField => ({ name, type: 'secret' });

/** Each kind's fields, in the form's order. */
export const settingsFields = {
  telegram: [secret('token', { placeholder: '123456789:AA…' })],
  email: [
    { name: 'address', type: 'email', required: true },
    { name: 'fromName', type: 'text' },
    ...server('imap'),
    ...server('smtp'),
  ],
  vk: [
    { name: 'groupId', type: 'number', required: true, id: 'group-id', pattern: '[0-9]+' },
    secret('accessToken', { shown: 'tokenHint', id: 'token', placeholder: 'vk1.a.…' }),
    { name: 'mode', type: 'select', options: ['callback', 'longpoll'] },
    { name: 'confirmationCode', type: 'text', required: true, id: 'confirmation', when: callback() },
    secret('secretKey', {
      shown: 'secretKeySet',
      id: 'secret',
      when: callback(),
      minLength: 8,
      maxLength: 50,
      pattern: '[A-Za-z0-9]+',
    }),
    {
      name: 'serviceToken',
      type: 'secret',
      shown: 'serviceTokenHint',
      id: 'service-key',
      pattern: '[A-Za-z0-9._\\-]{20,512}',
    },
  ],
  // A tracker's credentials are needed the first time; its view names them in `secretsSet`, so the
  // form leaves them optional and the API says which one is missing.
  notion: [id('databaseId'), key('token')],
  asana: [id('projectId'), key('token')],
  trello: [id('listId'), key('key'), key('token')],
  github: [id('projectId'), key('token')],
  // Google: an OAuth client with a refresh token, or an access token alone: no secret is required.
  google: [
    { name: 'calendarId', type: 'text' },
    { name: 'clientId', type: 'text' },
    { name: 'clientSecret', type: 'secret' },
    { name: 'refreshToken', type: 'secret' },
    { name: 'accessToken', type: 'secret' },
  ],
  ...agentSettingsFields,
} as const satisfies Record<string, readonly SettingsField[]>;

function callback() {
  return { field: 'mode', is: 'callback' };
}

export type SettingsKindName = keyof typeof settingsFields;

/** The paths of a kind's secrets (a header list's values too): never answered, kept when left out. */
export const secretPaths = (fields: readonly SettingsField[]): string[] =>
  fields.filter((f) => f.type === 'secret' || f.type === 'headers').map((f) => f.name);
