// Admin-defined HTTP tools: a name, a description, a JSON schema for the parameters, a URL, a method
// and headers. Arguments are validated by the schema before the request; they travel as the JSON body
// (or the query string for GET) and as `{param}` path segments, URL-encoded, never as the host.
import { DomainError } from '../../errors';
import { jsonSchemaValidator } from './define-tool';
import { checkUrl, type SsrfPolicy } from './ssrf-guard';
import type { AgentTool } from './types';

export type WebhookToolConfig = {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as is (API keys, ...); redacted in the activity log, never shown to the model. */
  headers?: Record<string, string>;
  timeoutMs?: number;
};

export type WebhookDeps = SsrfPolicy & { fetch?: typeof globalThis.fetch; maxResponseBytes?: number };

const toolName = /^[a-zA-Z0-9_-]{1,64}$/;

export function webhookTool(config: WebhookToolConfig, deps: WebhookDeps = {}): AgentTool {
  if (!toolName.test(config.name)) throw new DomainError('config-invalid', `Bad tool name '${config.name}'`);
  const method = config.method ?? 'POST';
  const validate = jsonSchemaValidator(config.parameters);
  return {
    name: config.name,
    description: config.description,
    parameters: config.parameters,
    validate,
    async execute(args) {
      const values = (args ?? {}) as Record<string, unknown>;
      const used = new Set<string>();
      const url = new URL(
        config.url.replace(/\{(\w+)\}/g, (_, k: string) => {
          used.add(k);
          return encodeURIComponent(String(values[k] ?? ''));
        }),
      );
      const rest = Object.fromEntries(Object.entries(values).filter(([k]) => !used.has(k)));
      if (method === 'GET' || method === 'DELETE') {
        for (const [k, v] of Object.entries(rest))
          url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      }
      await checkUrl(url, deps);
      const f = deps.fetch ?? globalThis.fetch;
      const res = await f(url, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json', ...config.headers },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(rest) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      if (res.status >= 300 && res.status < 400) throw new Error('Redirects are not followed');
      const text = await res.text();
      const max = deps.maxResponseBytes ?? 64_000;
      const body = text.length > max ? text.slice(0, max) : text;
      if (!res.ok) throw new Error(`${config.name} answered ${res.status}`);
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return { text: body };
      }
    },
  };
}
