// Admin-defined HTTP tools: a name, a description, a JSON schema for the parameters, a URL, a method
// and headers. Arguments are validated by the schema before the request; they travel as the JSON body
// (or the query string for GET) and as `{param}` path segments, URL-encoded, never as the host: a
// placeholder before the path is refused when the tool is defined, and a path value that is empty,
// `.` or `..`, or holds a slash or a backslash, is refused when it is called (it would move the request to
// another path of the endpoint).
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
const placeholder = /\{(\w+)\}/g;

/** The template's origin with every placeholder filled by `fill`. */
const originWith = (template: string, fill: string) => new URL(template.replace(placeholder, fill)).origin;

/** One `{param}` value as it goes into the URL; values that would change the path are refused. */
function pathValue(name: string, value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as number | boolean);
  if (text === '' || text === '.' || text === '..' || /[/\\]/.test(text))
    throw new DomainError('tool-arguments-invalid', `Parameter ${name} is not a valid path segment`);
  return encodeURIComponent(text);
}

export function webhookTool(config: WebhookToolConfig, deps: WebhookDeps = {}): AgentTool {
  if (!toolName.test(config.name)) throw new DomainError('config-invalid', `Bad tool name '${config.name}'`);
  const method = config.method ?? 'POST';
  const validate = jsonSchemaValidator(config.parameters);
  let origin: string;
  try {
    origin = originWith(config.url, 'a');
    if (origin !== originWith(config.url, 'b')) throw new Error('placeholder in the origin');
  } catch {
    throw new DomainError('config-invalid', `Tool ${config.name}: parameters may fill the path only`);
  }
  return {
    name: config.name,
    description: config.description,
    parameters: config.parameters,
    validate,
    async execute(args) {
      const values = (args ?? {}) as Record<string, unknown>;
      const used = new Set<string>();
      const url = new URL(
        config.url.replace(placeholder, (_, k: string) => {
          used.add(k);
          return pathValue(k, values[k]);
        }),
      );
      if (url.origin !== origin) throw new DomainError('tool-arguments-invalid', 'The URL left its origin');
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
