// Parts of the agents' tools card (ToolsCard): a list of tools with remove (webhooks or MCP servers),
// and the form that adds one: the kind's fields (@app/shared/settings `webhookTool`, `mcpServer`)
// through the one settings form, header values as password inputs (sent once, never shown again).
// The form hands its body to the card, which posts it.
import type { SettingsField } from '@app/shared/settings';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { unreadable, valuesFromView } from '../../lib/settings-form';
import { SettingsFields } from './SettingsForm';
import { useSettingsForm } from './use-settings-form';

/** Adds what the form built; `reset` blanks the form once the server took it. */
export type OnAdd = (body: Record<string, unknown>, reset: () => void) => void;

/** The tools' labels, one set for both kinds (RU+EN: integrations-en.ts). */
const labels: Record<string, MessageKey> = {
  name: 'tools.name',
  description: 'tools.description',
  url: 'tools.url',
  method: 'tools.method',
  parameters: 'tools.parameters',
  'headers.name': 'tools.headerName',
  'headers.value': 'tools.headerValue',
  'headers.add': 'tools.addHeader',
};

/** A list of tools by name, each with its details and a remove button. */
export function ToolList(p: {
  testId: string;
  items: Array<{ name: string; detail: React.ReactNode }>;
  onRemove: (name: string) => void;
}) {
  const { t } = useI18n();
  return (
    <ul className="plain-list" data-testid={p.testId}>
      {p.items.length === 0 && <li className="muted">{t('tools.none')}</li>}
      {p.items.map((item) => (
        <li key={item.name} data-name={item.name}>
          <code>{item.name}</code> {item.detail}{' '}
          <button type="button" className="danger" onClick={() => p.onRemove(item.name)}>
            {t('tools.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The form that adds a tool of one kind (`prefix`: its test ids, `webhook-name`, `mcp-add`); a field
 * that cannot be read (arguments that are not JSON) is `onUnreadable`'s, nothing is sent. Once added,
 * the form is blank again but for the fields in `keep` (a webhook's method and arguments).
 */
export function ToolForm(p: {
  fields: readonly SettingsField[];
  prefix: string;
  addLabel: MessageKey;
  keep?: readonly string[];
  onAdd: OnAdd;
  onUnreadable?: (field: SettingsField) => void;
}) {
  const { t } = useI18n();
  const form = useSettingsForm(p.fields, { testPrefix: p.prefix, labels });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const bad = unreadable(p.fields, form.values);
    if (bad) return p.onUnreadable?.(bad);
    const kept = Object.fromEntries((p.keep ?? []).map((k) => [k, form.values[k]!]));
    p.onAdd(form.body(), () => form.setValues({ ...valuesFromView(p.fields, undefined), ...kept }));
  };
  return (
    <form onSubmit={submit} data-testid={`${p.prefix}-form`}>
      <SettingsFields {...form.props(undefined)} />
      <button type="submit" className="primary" data-testid={`${p.prefix}-add`}>
        {t(p.addLabel)}
      </button>
    </form>
  );
}
