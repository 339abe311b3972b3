// The fields of the agents' settings kinds, as the admin API takes them and the desktop's one settings
// form renders them (fields.ts says how a field is typed): a webhook tool and an MCP server (a header
// list whose values are secrets), a model provider (its kind picks which fields show, its key's label
// and, through the server's presets, the placeholders), the knowledge embeddings' choice and the web
// chat widget's settings. The server's specs and schemas agree with these lists
// (sync-server/src/settings/fields-agree.test.ts).
import { gigachatScopes, providerKinds } from '../llm/kinds/presets';
import type { SettingsField } from './field-type';

const kindIs = (is: string) => ({ field: 'kind', is });
/** The header list of a tool's requests (an API key): names shown, values sealed. */
const headers: SettingsField = { name: 'headers', type: 'headers', id: 'header' };
const toolName: SettingsField = { name: 'name', type: 'text', required: true };

/** Each agents' settings kind's fields, in the form's order. */
export const agentSettingsFields = {
  webhookTool: [
    toolName,
    { name: 'description', type: 'text', required: true },
    { name: 'url', type: 'url', required: true, placeholder: 'https://example.com/hooks/{sku}' },
    { name: 'method', type: 'select', options: ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'], verbatim: true },
    { name: 'parameters', type: 'json', required: true, rows: 3 },
    headers,
  ],
  mcpServer: [
    toolName,
    { name: 'url', type: 'url', required: true, placeholder: 'https://mcp.example.com/mcp' },
    headers,
  ],
  modelProvider: [
    { name: 'kind', type: 'select', options: providerKinds },
    { name: 'id', type: 'text', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,39}' },
    { name: 'baseURL', type: 'url', id: 'url', placeholder: 'https://…/v1' },
    { name: 'apiKey', type: 'secret', id: 'key', labelBy: 'kind' },
    { name: 'model', type: 'text' },
    { name: 'embeddingsModel', type: 'text', id: 'embeddings-model' },
    { name: 'folderId', type: 'text', required: true, when: kindIs('yandexgpt') },
    { name: 'keyType', type: 'select', options: ['api-key', 'iam-token'], when: kindIs('yandexgpt') },
    { name: 'scope', type: 'select', options: gigachatScopes, verbatim: true, when: kindIs('gigachat') },
    {
      name: 'caCert',
      type: 'textarea',
      rows: 3,
      placeholder: '-----BEGIN CERTIFICATE-----',
      when: kindIs('gigachat'),
    },
  ],
  // `local`: the built-in embedder; the team's providers and the server's models come from the view.
  embeddings: [{ name: 'providerId', type: 'select', options: ['local'], id: 'provider' }],
  webChat: [
    { name: 'title', type: 'text', clearable: true },
    { name: 'greeting', type: 'text', clearable: true },
    { name: 'language', type: 'select', options: ['auto', 'ru', 'en'] },
    { name: 'color', type: 'color', initial: '#2563eb' },
    { name: 'allowedOrigins', type: 'lines', rows: 3, id: 'origins', placeholder: 'https://shop.example' },
    { name: 'recordPages', type: 'checkbox', id: 'record-pages' },
  ],
} as const satisfies Record<string, readonly SettingsField[]>;
