// The team's webhook tools and MCP servers over Streamable HTTP (admins): listed (header names only,
// never their values), added and removed. The server refuses a bad JSON schema, a private or internal
// URL and a name taken by a built-in tool, and its reason is shown; an MCP server is connected when it
// is added, and the tools it offers (or why it did not answer) are shown.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { Notice, useNotice } from './Notice';

type Webhook = { name: string; description: string; url: string; method: string; headerNames: string[] };
type McpServer = { name: string; url: string; toolNames?: string[] };
type McpAdded = McpServer & { check?: { ok: true; tools: string[] } | { ok: false; error: string } };

const methods = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'] as const;

const headersOf = (name: string, value: string) =>
  name.trim() && value ? { headers: { [name.trim()]: value } } : {};

export function ToolsCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'integrations', 'update');
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [servers, setServers] = useState<McpServer[]>([]);
  const [hook, setHook] = useState({
    name: '',
    description: '',
    url: '',
    method: 'POST',
    parameters: '',
    headerName: '',
    headerValue: '',
  });
  const [mcp, setMcp] = useState({ name: '', url: '', headerName: '', headerValue: '' });
  const [notice, setNotice] = useNotice('tools-notice');
  const failText = useCallback((e: unknown) => t('settings.failed', { message: errorText(t, e) }), [t]);

  const refresh = useCallback(() => {
    if (!admin) return;
    Promise.all([
      ws.api.get<{ webhooks: Webhook[] }>('/tools/webhooks'),
      ws.api.get<{ servers: McpServer[] }>('/tools/mcp'),
    ]).then(
      ([w, m]) => {
        setWebhooks(w.webhooks);
        setServers(m.servers);
      },
      (e: unknown) => setNotice({ kind: 'error', text: failText(e) }),
    );
  }, [ws, admin, failText]);
  useEffect(refresh, [refresh]);

  const addWebhook = async (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    let parameters: unknown;
    try {
      parameters = JSON.parse(hook.parameters);
    } catch {
      setNotice({ kind: 'error', text: t('tools.badJson') });
      return;
    }
    try {
      await ws.api.post('/tools/webhooks', {
        name: hook.name.trim(),
        description: hook.description.trim(),
        url: hook.url.trim(),
        method: hook.method,
        parameters,
        ...headersOf(hook.headerName, hook.headerValue),
      });
      setNotice({ kind: 'success', text: t('tools.added', { name: hook.name.trim() }) });
      setHook({ ...hook, name: '', description: '', url: '', headerName: '', headerValue: '' });
      refresh();
    } catch (err) {
      setNotice({ kind: 'error', text: failText(err) });
    }
  };
  const addMcp = async (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    try {
      const added = await ws.api.post<McpAdded>('/tools/mcp', {
        name: mcp.name.trim(),
        url: mcp.url.trim(),
        ...headersOf(mcp.headerName, mcp.headerValue),
      });
      setNotice(
        added.check?.ok === false
          ? { kind: 'error', text: t('tools.mcpFailed', { reason: added.check.error }) }
          : { kind: 'success', text: t('tools.mcpTools', { tools: (added.check?.tools ?? []).join(', ') }) },
      );
      setMcp({ name: '', url: '', headerName: '', headerValue: '' });
      refresh();
    } catch (err) {
      setNotice({ kind: 'error', text: failText(err) });
    }
  };
  const remove = (path: string) =>
    ws.api.delete(path).then(refresh, (e: unknown) => setNotice({ kind: 'error', text: failText(e) }));

  if (!admin)
    return (
      <section className="panel" data-testid="tools-card">
        <h3>{t('tools.title')}</h3>
        <p className="muted small">{t('settings.serverOnly')}</p>
      </section>
    );
  return (
    <section className="panel" data-testid="tools-card">
      <h3>{t('tools.title')}</h3>
      <p className="muted small">{t('tools.hint')}</p>
      <h4>{t('tools.webhooks')}</h4>
      <ul className="plain-list" data-testid="webhook-list">
        {webhooks.length === 0 && <li className="muted">{t('tools.none')}</li>}
        {webhooks.map((w) => (
          <li key={w.name} data-name={w.name}>
            <code>{w.name}</code> <span className="muted small">{`${w.method} ${w.url}`}</span>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void remove(`/tools/webhooks/${encodeURIComponent(w.name)}`)}
            >
              {t('tools.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={addWebhook} data-testid="webhook-form">
        <label>
          {t('tools.name')}
          <input
            required
            value={hook.name}
            onChange={(e) => setHook({ ...hook, name: e.target.value })}
            data-testid="webhook-name"
          />
        </label>
        <label>
          {t('tools.description')}
          <input
            required
            value={hook.description}
            onChange={(e) => setHook({ ...hook, description: e.target.value })}
            data-testid="webhook-description"
          />
        </label>
        <label>
          {t('tools.url')}
          <input
            required
            value={hook.url}
            placeholder="https://example.com/hooks/{sku}"
            onChange={(e) => setHook({ ...hook, url: e.target.value })}
            data-testid="webhook-url"
          />
        </label>
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
        <div className="row">
          <label>
            {t('tools.headerName')}
            <input
              value={hook.headerName}
              data-testid="webhook-header-name"
              onChange={(e) => setHook({ ...hook, headerName: e.target.value })}
            />
          </label>
          <label>
            {t('tools.headerValue')}
            <input
              type="password"
              autoComplete="off"
              value={hook.headerValue}
              data-testid="webhook-header-value"
              onChange={(e) => setHook({ ...hook, headerValue: e.target.value })}
            />
          </label>
        </div>
        <button type="submit" className="primary" data-testid="webhook-add">
          {t('tools.addWebhook')}
        </button>
      </form>
      <h4>{t('tools.mcp')}</h4>
      <ul className="plain-list" data-testid="mcp-list">
        {servers.length === 0 && <li className="muted">{t('tools.none')}</li>}
        {servers.map((s) => (
          <li key={s.name} data-name={s.name}>
            <code>{s.name}</code> <span className="muted small">{s.url}</span>{' '}
            <span className="small">{(s.toolNames ?? []).join(', ')}</span>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void remove(`/tools/mcp/${encodeURIComponent(s.name)}`)}
            >
              {t('tools.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={addMcp} data-testid="mcp-form">
        <label>
          {t('tools.name')}
          <input
            required
            value={mcp.name}
            onChange={(e) => setMcp({ ...mcp, name: e.target.value })}
            data-testid="mcp-name"
          />
        </label>
        <label>
          {t('tools.url')}
          <input
            required
            value={mcp.url}
            placeholder="https://mcp.example.com/mcp"
            onChange={(e) => setMcp({ ...mcp, url: e.target.value })}
            data-testid="mcp-url"
          />
        </label>
        <div className="row">
          <label>
            {t('tools.headerName')}
            <input
              value={mcp.headerName}
              data-testid="mcp-header-name"
              onChange={(e) => setMcp({ ...mcp, headerName: e.target.value })}
            />
          </label>
          <label>
            {t('tools.headerValue')}
            <input
              type="password"
              autoComplete="off"
              value={mcp.headerValue}
              data-testid="mcp-header-value"
              onChange={(e) => setMcp({ ...mcp, headerValue: e.target.value })}
            />
          </label>
        </div>
        <button type="submit" className="primary" data-testid="mcp-add">
          {t('tools.addMcp')}
        </button>
      </form>
      <Notice notice={notice} testId="tools-notice" />
    </section>
  );
}
