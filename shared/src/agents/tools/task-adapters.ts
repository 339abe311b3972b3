// External task trackers, each over its public HTTP API through an injectable fetch and base URL:
// Notion (a page in a database), Asana (a task in a project), Trello (a card in a list).
import { DomainError } from '../../errors';

export type ExternalTaskInput = { title: string; description?: string; dueAt?: string };
export type ExternalTaskRef = { provider: 'notion' | 'asana' | 'trello'; externalId: string; url?: string };

export type TaskAdapter = {
  provider: ExternalTaskRef['provider'];
  create(task: ExternalTaskInput): Promise<ExternalTaskRef>;
};

type HttpDeps = { fetch?: typeof globalThis.fetch; baseUrl?: string; timeoutMs?: number };

async function postJson(deps: HttpDeps, url: string, headers: Record<string, string>, body?: unknown) {
  const f = deps.fetch ?? globalThis.fetch;
  const res = await f(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    redirect: 'error',
  });
  const text = await res.text();
  if (!res.ok) {
    throw new DomainError('bad-request', `${new URL(url).host} answered ${res.status}`, {
      details: { status: res.status, body: text.slice(0, 300) },
    });
  }
  return JSON.parse(text) as Record<string, unknown>;
}

export function notionTaskAdapter(cfg: HttpDeps & { token: string; databaseId: string }): TaskAdapter {
  const base = cfg.baseUrl ?? 'https://api.notion.com';
  return {
    provider: 'notion',
    async create(task) {
      const properties: Record<string, unknown> = { Name: { title: [{ text: { content: task.title } }] } };
      if (task.dueAt) properties.Due = { date: { start: task.dueAt } };
      const res = await postJson(
        cfg,
        `${base}/v1/pages`,
        { authorization: `Bearer ${cfg.token}`, 'notion-version': '2022-06-28' },
        {
          parent: { database_id: cfg.databaseId },
          properties,
          ...(task.description
            ? {
                children: [
                  {
                    object: 'block',
                    type: 'paragraph',
                    paragraph: {
                      rich_text: [{ type: 'text', text: { content: task.description.slice(0, 2000) } }],
                    },
                  },
                ],
              }
            : {}),
        },
      );
      return { provider: 'notion', externalId: String(res.id), ...(res.url ? { url: String(res.url) } : {}) };
    },
  };
}

export function asanaTaskAdapter(cfg: HttpDeps & { token: string; projectId: string }): TaskAdapter {
  const base = cfg.baseUrl ?? 'https://app.asana.com';
  return {
    provider: 'asana',
    async create(task) {
      const res = await postJson(
        cfg,
        `${base}/api/1.0/tasks`,
        { authorization: `Bearer ${cfg.token}` },
        {
          data: {
            name: task.title,
            projects: [cfg.projectId],
            ...(task.description ? { notes: task.description } : {}),
            ...(task.dueAt ? { due_at: task.dueAt } : {}),
          },
        },
      );
      const data = (res.data ?? {}) as Record<string, unknown>;
      return {
        provider: 'asana',
        externalId: String(data.gid),
        ...(data.permalink_url ? { url: String(data.permalink_url) } : {}),
      };
    },
  };
}

export function trelloTaskAdapter(
  cfg: HttpDeps & { key: string; token: string; listId: string },
): TaskAdapter {
  const base = cfg.baseUrl ?? 'https://api.trello.com';
  return {
    provider: 'trello',
    async create(task) {
      const q = new URLSearchParams({ idList: cfg.listId, key: cfg.key, token: cfg.token, name: task.title });
      if (task.description) q.set('desc', task.description);
      if (task.dueAt) q.set('due', task.dueAt);
      const res = await postJson(cfg, `${base}/1/cards?${q.toString()}`, {});
      return { provider: 'trello', externalId: String(res.id), ...(res.url ? { url: String(res.url) } : {}) };
    },
  };
}
