// Parts of the agents' tools card (ToolsCard): a list of tools with remove (webhooks or MCP servers),
// and the two forms that add them, each with one optional header whose value is a password input
// (sent once, never shown again). The forms hand their body to the card, which posts it.
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';

const methods = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'] as const;
type Header = { headerName: string; headerValue: string };
/** Adds what the form built; `reset` blanks the form once the server took it. */
type OnAdd = (body: Record<string, unknown>, reset: () => void) => void;

const headersOf = ({ headerName, headerValue }: Header) =>
  headerName.trim() && headerValue ? { headers: { [headerName.trim()]: headerValue } } : {};

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

function Field(p: {
  labelKey: MessageKey;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  required?: boolean;
  placeholder?: string;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t(p.labelKey)}
      <input
        required={p.required}
        value={p.value}
        placeholder={p.placeholder}
        onChange={(e) => p.onChange(e.target.value)}
        data-testid={p.testId}
      />
    </label>
  );
}

/** The optional header (an API key): its name, and its value as a password. */
function HeaderFields<F extends Header>(p: { form: F; set: (form: F) => void; prefix: string }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <Field
        labelKey="tools.headerName"
        value={p.form.headerName}
        onChange={(headerName) => p.set({ ...p.form, headerName })}
        testId={`${p.prefix}-header-name`}
      />
      <label>
        {t('tools.headerValue')}
        <input
          type="password"
          autoComplete="off"
          value={p.form.headerValue}
          data-testid={`${p.prefix}-header-value`}
          onChange={(e) => p.set({ ...p.form, headerValue: e.target.value })}
        />
      </label>
    </div>
  );
}

const blankHook = {
  name: '',
  description: '',
  url: '',
  method: 'POST',
  parameters: '',
  headerName: '',
  headerValue: '',
};

/** A webhook tool: name, description, URL (with `{param}` slots), method, JSON schema, header. */
export function WebhookForm({ onAdd, onBadJson }: { onAdd: OnAdd; onBadJson: () => void }) {
  const { t } = useI18n();
  const [hook, setHook] = useState(blankHook);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    let parameters: unknown;
    try {
      parameters = JSON.parse(hook.parameters);
    } catch {
      return onBadJson();
    }
    const body = {
      name: hook.name.trim(),
      description: hook.description.trim(),
      url: hook.url.trim(),
      method: hook.method,
      parameters,
      ...headersOf(hook),
    };
    onAdd(body, () => setHook({ ...blankHook, method: hook.method, parameters: hook.parameters }));
  };
  const text = (k: 'name' | 'description' | 'url', label: MessageKey, placeholder?: string) => (
    <Field
      labelKey={label}
      required
      value={hook[k]}
      placeholder={placeholder}
      onChange={(v) => setHook({ ...hook, [k]: v })}
      testId={`webhook-${k}`}
    />
  );
  return (
    <form onSubmit={submit} data-testid="webhook-form">
      {text('name', 'tools.name')}
      {text('description', 'tools.description')}
      {text('url', 'tools.url', 'https://example.com/hooks/{sku}')}
      <label>
        {t('tools.method')}
        <select value={hook.method} onChange={(e) => setHook({ ...hook, method: e.target.value })}>
          {methods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label>
        {t('tools.parameters')}
        <textarea
          rows={3}
          value={hook.parameters}
          onChange={(e) => setHook({ ...hook, parameters: e.target.value })}
          data-testid="webhook-parameters"
        />
      </label>
      <HeaderFields form={hook} set={setHook} prefix="webhook" />
      <button type="submit" className="primary" data-testid="webhook-add">
        {t('tools.addWebhook')}
      </button>
    </form>
  );
}

const blankMcp = { name: '', url: '', headerName: '', headerValue: '' };

/** An MCP server over Streamable HTTP: name, URL, header. */
export function McpForm({ onAdd }: { onAdd: OnAdd }) {
  const { t } = useI18n();
  const [mcp, setMcp] = useState(blankMcp);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onAdd({ name: mcp.name.trim(), url: mcp.url.trim(), ...headersOf(mcp) }, () => setMcp(blankMcp));
  };
  return (
    <form onSubmit={submit} data-testid="mcp-form">
      <Field
        labelKey="tools.name"
        required
        value={mcp.name}
        onChange={(name) => setMcp({ ...mcp, name })}
        testId="mcp-name"
      />
      <Field
        labelKey="tools.url"
        required
        value={mcp.url}
        placeholder="https://mcp.example.com/mcp"
        onChange={(url) => setMcp({ ...mcp, url })}
        testId="mcp-url"
      />
      <HeaderFields form={mcp} set={setMcp} prefix="mcp" />
      <button type="submit" className="primary" data-testid="mcp-add">
        {t('tools.addMcp')}
      </button>
    </form>
  );
}
