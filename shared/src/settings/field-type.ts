// What a settings field is: its type, how the one settings form shows it and how its value is sent.
// The kinds' lists: fields.ts (channels, trackers) and tool-fields.ts (the agents' settings).
/**
 * How a field is typed and sent: `url` and `email` are checked inputs; `textarea` is text of many
 * lines; `json` is a textarea sent parsed (a JSON schema); `lines` is a textarea sent as a list, one
 * item a line (empty: an empty list); `headers` is a list of name/value pairs whose values are secrets
 * (sent as `{ name: value }`, never shown again); `checkbox` is sent as true or false; `color` #rrggbb.
 */
export type SettingsFieldType =
  | 'text'
  | 'email'
  | 'url'
  | 'number'
  | 'select'
  | 'secret'
  | 'textarea'
  | 'json'
  | 'lines'
  | 'headers'
  | 'checkbox'
  | 'color';

export type SettingsField = {
  /** The body's path: `groupId`, `imap.host`. The view shows the value at the same path. */
  name: string;
  type: SettingsFieldType;
  /** A select's values (each labelled `<name>.<value>` by the form, unless `verbatim`). */
  options?: readonly string[];
  /** A select's options shown as they are (HTTP methods, scope names), not through the labels. */
  verbatim?: boolean;
  /** The field whose value picks this one's label (`apiKey@gigachat`, else `apiKey`). */
  labelBy?: string;
  /** The value of a new form when not blank (a colour); a select starts at its first option. */
  initial?: string;
  /** A blank value is sent as '' (it clears the stored one) instead of being left out. */
  clearable?: boolean;
  /** A textarea's height in lines. */
  rows?: number;
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
