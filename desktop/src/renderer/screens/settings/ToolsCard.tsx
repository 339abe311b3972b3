// The team's webhook tools and MCP servers over Streamable HTTP (admins): listed (header names only,
// never their values), added and removed (the lists and forms: ToolsParts.tsx). The server refuses a
// bad JSON schema, a private or internal URL and a name taken by a built-in tool, and its reason is
// shown; an MCP server is connected when it is added, and the tools it offers (or why it did not
// answer) are shown. Both forms are the kinds' fields (@app/shared/settings) in the one settings form.
import { useCallback, useEffect, useState } from 'react';
import { settingsFields } from '@app/shared/settings';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { Notice } from './Notice';
import { AdminCard } from './CardParts';
import { ToolForm, ToolList } from './ToolsParts';
import { useCardAction } from './use-card-action';

type Webhook = { name: string; description: string; url: string; method: string; headerNames: string[] };
type McpServer = { name: string; url: string; toolNames?: string[] };
type McpAdded = McpServer & { check?: { ok: true; tools: string[] } | { ok: false; error: string } };

export function ToolsCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'integrations', 'update');
  const { t, run, notice, setNotice, fail } = useCardAction('tools-notice');
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [servers, setServers] = useState<McpServer[]>([]);

  const refresh = useCallback(() => {
    if (!admin) return;
    Promise.all([
      ws.api.get<{ webhooks: Webhook[] }>('/tools/webhooks'),
      ws.api.get<{ servers: McpServer[] }>('/tools/mcp'),
    ]).then(([w, m]) => {
      setWebhooks(w.webhooks);
      setServers(m.servers);
    }, fail);
  }, [ws, admin, fail]);
  useEffect(refresh, [refresh]);

  const addWebhook = (body: Record<string, unknown>, reset: () => void) =>
    void run(async () => {
      await ws.api.post('/tools/webhooks', body);
      setNotice({ kind: 'success', text: t('tools.added', { name: String(body.name) }) });
      reset();
      refresh();
    });
  const addMcp = (body: Record<string, unknown>, reset: () => void) =>
    void run(async () => {
      const added = await ws.api.post<McpAdded>('/tools/mcp', body);
      setNotice(
        added.check?.ok === false
          ? { kind: 'error', text: t('tools.mcpFailed', { reason: added.check.error }) }
          : { kind: 'success', text: t('tools.mcpTools', { tools: (added.check?.tools ?? []).join(', ') }) },
      );
      reset();
      refresh();
    });
  const remove = (path: string) => ws.api.delete(path).then(refresh, fail);

  return (
    <AdminCard id="tools" titleKey="tools.title" admin={admin} view={webhooks}>
      {() => (
        <>
          <p className="muted small">{t('tools.hint')}</p>
          <h4>{t('tools.webhooks')}</h4>
          <ToolList
            testId="webhook-list"
            items={webhooks.map((w) => ({
              name: w.name,
              detail: <span className="muted small">{`${w.method} ${w.url}`}</span>,
            }))}
            onRemove={(name) => void remove(`/tools/webhooks/${encodeURIComponent(name)}`)}
          />
          <ToolForm
            fields={settingsFields.webhookTool}
            prefix="webhook"
            addLabel="tools.addWebhook"
            keep={['method', 'parameters']}
            onAdd={addWebhook}
            onUnreadable={() => setNotice({ kind: 'error', text: t('tools.badJson') })}
          />
          <h4>{t('tools.mcp')}</h4>
          <ToolList
            testId="mcp-list"
            items={servers.map((s) => ({
              name: s.name,
              detail: (
                <>
                  <span className="muted small">{s.url}</span>{' '}
                  <span className="small">{(s.toolNames ?? []).join(', ')}</span>
                </>
              ),
            }))}
            onRemove={(name) => void remove(`/tools/mcp/${encodeURIComponent(name)}`)}
          />
          <ToolForm fields={settingsFields.mcpServer} prefix="mcp" addLabel="tools.addMcp" onAdd={addMcp} />
          <Notice notice={notice} testId="tools-notice" />
        </>
      )}
    </AdminCard>
  );
}
