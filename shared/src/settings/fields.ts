// The fields of each settings kind with secrets, as the admin API takes them and the desktop's one
// settings form renders them (desktop/src/renderer/screens/settings/SettingsForm.tsx). The server's
// specs (sync-server/src/settings/spec.ts) take their secret paths from here, so what the form shows
// as a password and what the API never answers are one list. A secret is shown only as set or not set
// (`shown`: the view's hint or flag), kept when left blank, required the first time when `required`.

export type SettingsField = {
  /** The body's path: `groupId`, `imap.host`. The view shows the value at the same path. */
  name: string;
  type: 'text' | 'email' | 'number' | 'select' | 'secret';
  /** A select's values (each labelled `<name>.<value>` by the form). */
  options?: readonly string[];
  /** Needed in the form: always, or (a secret) until the view says one is stored. */
  required?: boolean;
  /** Where the view says a secret is stored: a hint (`tokenHint`) or a flag (`imap.passwordSet`). */
  shown?: string;
  /** Shown and sent only while another field holds this value (VK's Callback API strings). */
  when?: { field: string; is: string };
  /** The fieldset it belongs to (`imap`), labelled by the form. */
  group?: string;
  /** The form's short name when not the path (test ids, element ids): `token` for `accessToken`. */
  id?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  placeholder?: string;
};

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
} as const satisfies Record<string, readonly SettingsField[]>;

function callback() {
  return { field: 'mode', is: 'callback' };
}

export type SettingsKindName = keyof typeof settingsFields;

/** The paths of a kind's secrets: never answered, kept when left out. */
export const secretPaths = (fields: readonly SettingsField[]): string[] =>
  fields.filter((f) => f.type === 'secret').map((f) => f.name);
