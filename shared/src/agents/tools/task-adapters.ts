// External task trackers, each over its public HTTP API through an injectable fetch and base URL:
// Notion (a page in a database), Asana (a task in a project), Trello (a card in a list), GitHub
// Projects (a draft issue through GraphQL's addProjectV2DraftIssue). `check()` reads the target
// (database, project, list) without writing: the settings' connection test. `update()` carries a rep's
// edit of the linked local task to the item (only the fields given).
import { DomainError } from '../../errors';

export type ExternalTaskInput = { title: string; description?: string; dueAt?: string };
export const taskProviders = ['notion', 'asana', 'trello', 'github'] as const;
export type TaskProvider = (typeof taskProviders)[number];
export type ExternalTaskRef = { provider: TaskProvider; externalId: string; url?: string };

/** What a connection test found: the target's name, or why it failed (readable, for the admin). */
export type ConnectionCheck = { ok: true; detail: string } | { ok: false; error: string };

/** What became of an external item since it was made: done or cancelled there, or still open. */
export type ExternalState = { status: 'open' | 'done' | 'cancelled' };

/** A rep's edit to carry to the item: only the fields changed (`dueAt: null` clears the date). */
export type ExternalTaskChange = { title?: string; dueAt?: string | null; status?: ExternalState['status'] };

/** What the update needs besides the change: the task as it is now, and the status the item had. */
export type ExternalTaskContext = ExternalTaskInput & { was: ExternalState['status'] };

export type TaskAdapter = {
  provider: TaskProvider;
  create(task: ExternalTaskInput): Promise<ExternalTaskRef>;
  check(): Promise<ConnectionCheck>;
  /** Reads the item's state (the update coming back, by polling). */
  state(externalId: string): Promise<ExternalState>;
  /** Writes a local edit to the item (the update going out). */
  update(externalId: string, change: ExternalTaskChange, context: ExternalTaskContext): Promise<void>;
};

const doneNames = new Set(['done', 'complete', 'completed', 'closed']);

type HttpDeps = { fetch?: typeof globalThis.fetch; baseUrl?: string; timeoutMs?: number };

/** A service's own words for a failure: Notion and GitHub `message`, Asana `errors[].message`. */
function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as {
      message?: unknown;
      errors?: Array<{ message?: unknown }>;
      error?: { message?: unknown };
    };
    const first = Array.isArray(body.errors) ? body.errors[0]?.message : undefined;
    const message = typeof body.message === 'string' ? body.message : (first ?? body.error?.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON (Trello answers plain text)
  }
  return text.slice(0, 300);
}

/** Runs a check, turning a failure into its readable answer. */
export async function checked(what: () => Promise<string>): Promise<ConnectionCheck> {
  try {
    return { ok: true, detail: await what() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function requestJson(
  deps: HttpDeps,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
  method = 'POST',
) {
  const f = deps.fetch ?? globalThis.fetch;
  const res = await f(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    redirect: 'error',
  });
  const text = await res.text();
  if (!res.ok) {
    const said = serviceMessage(text);
    throw new DomainError(
      'bad-request',
      `${new URL(url).host} answered ${res.status}${said ? `: ${said}` : ''}`,
      {
        details: { status: res.status, body: text.slice(0, 300) },
      },
    );
  }
  return JSON.parse(text) as Record<string, unknown>;
}

const postJson = (deps: HttpDeps, url: string, headers: Record<string, string>, body?: unknown) =>
  requestJson(deps, url, headers, body, 'POST');
const getJson = (deps: HttpDeps, url: string, headers: Record<string, string>) =>
  requestJson(deps, url, headers, undefined, 'GET');
const plainText = (rich: unknown) =>
  Array.isArray(rich) ? rich.map((r: { plain_text?: string }) => r.plain_text ?? '').join('') : '';

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
    async state(id) {
      const page = await getJson(cfg, `${base}/v1/pages/${encodeURIComponent(id)}`, {
        authorization: `Bearer ${cfg.token}`,
        'notion-version': '2022-06-28',
      });
      if (page.archived === true || page.in_trash === true) return { status: 'cancelled' };
      const props = (page.properties ?? {}) as Record<
        string,
        { status?: { name?: string }; checkbox?: boolean }
      >;
      const done =
        doneNames.has(String(props.Status?.status?.name ?? '').toLowerCase()) ||
        props.Done?.checkbox === true;
      return { status: done ? 'done' : 'open' };
    },
    async update(id, change, context) {
      const headers = { authorization: `Bearer ${cfg.token}`, 'notion-version': '2022-06-28' };
      const url = `${base}/v1/pages/${encodeURIComponent(id)}`;
      const properties: Record<string, unknown> = {};
      if (change.title !== undefined) properties.Name = { title: [{ text: { content: change.title } }] };
      if (change.dueAt !== undefined)
        properties.Due = { date: change.dueAt ? { start: change.dueAt } : null };
      let archived: boolean | undefined;
      if (change.status === 'cancelled') archived = true;
      else if (change.status) {
        if (context.was === 'cancelled') archived = false;
        // Done is the database's `Done` checkbox, else its `Status` (status or select) property.
        const page = await getJson(cfg, url, headers);
        const props = (page.properties ?? {}) as Record<string, { type?: string }>;
        const done = change.status === 'done';
        if (props.Done?.type === 'checkbox') properties.Done = { checkbox: done };
        else if (props.Status?.type === 'status' || props.Status?.type === 'select')
          properties.Status = { [props.Status.type]: { name: done ? 'Done' : 'Not started' } };
      }
      await requestJson(
        cfg,
        url,
        headers,
        {
          ...(Object.keys(properties).length ? { properties } : {}),
          ...(archived === undefined ? {} : { archived }),
        },
        'PATCH',
      );
    },
    check: () =>
      checked(async () => {
        const db = await getJson(cfg, `${base}/v1/databases/${encodeURIComponent(cfg.databaseId)}`, {
          authorization: `Bearer ${cfg.token}`,
          'notion-version': '2022-06-28',
        });
        return `Notion database "${plainText(db.title) || cfg.databaseId}"`;
      }),
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
    async state(id) {
      const res = await getJson(cfg, `${base}/api/1.0/tasks/${encodeURIComponent(id)}?opt_fields=completed`, {
        authorization: `Bearer ${cfg.token}`,
      });
      return { status: (res.data as { completed?: boolean } | undefined)?.completed ? 'done' : 'open' };
    },
    async update(id, change) {
      // Asana has no cancelled state: a cancelled task is completed there.
      await requestJson(
        cfg,
        `${base}/api/1.0/tasks/${encodeURIComponent(id)}`,
        { authorization: `Bearer ${cfg.token}` },
        {
          data: {
            ...(change.title !== undefined ? { name: change.title } : {}),
            ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}),
            ...(change.status ? { completed: change.status !== 'open' } : {}),
          },
        },
        'PUT',
      );
    },
    check: () =>
      checked(async () => {
        const res = await getJson(cfg, `${base}/api/1.0/projects/${encodeURIComponent(cfg.projectId)}`, {
          authorization: `Bearer ${cfg.token}`,
        });
        const data = (res.data ?? {}) as Record<string, unknown>;
        return `Asana project "${String(data.name ?? cfg.projectId)}"`;
      }),
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
    async state(id) {
      const q = new URLSearchParams({ key: cfg.key, token: cfg.token, fields: 'closed,dueComplete' });
      const card = await getJson(cfg, `${base}/1/cards/${encodeURIComponent(id)}?${q.toString()}`, {});
      return { status: card.closed === true ? 'cancelled' : card.dueComplete === true ? 'done' : 'open' };
    },
    async update(id, change) {
      // Trello takes a card's fields in the query: cancelled is an archived (closed) card.
      const q = new URLSearchParams({ key: cfg.key, token: cfg.token });
      if (change.title !== undefined) q.set('name', change.title);
      if (change.dueAt !== undefined) q.set('due', change.dueAt ?? 'null');
      if (change.status) {
        q.set('closed', String(change.status === 'cancelled'));
        if (change.status !== 'cancelled') q.set('dueComplete', String(change.status === 'done'));
      }
      await requestJson(
        cfg,
        `${base}/1/cards/${encodeURIComponent(id)}?${q.toString()}`,
        {},
        undefined,
        'PUT',
      );
    },
    check: () =>
      checked(async () => {
        const q = new URLSearchParams({ key: cfg.key, token: cfg.token });
        const list = await getJson(
          cfg,
          `${base}/1/lists/${encodeURIComponent(cfg.listId)}?${q.toString()}`,
          {},
        );
        return `Trello list "${String(list.name ?? cfg.listId)}"`;
      }),
  };
}

const addDraftIssue = `mutation AddDraft($projectId: ID!, $title: String!, $body: String) {
  addProjectV2DraftIssue(input: { projectId: $projectId, title: $title, body: $body }) {
    projectItem { id project { url } }
  }
}`;
const projectQuery = `query Project($id: ID!) { node(id: $id) { ... on ProjectV2 { title url } } }`;
const itemQuery = `query Item($id: ID!) {
  node(id: $id) {
    ... on ProjectV2Item {
      isArchived
      fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name } }
    }
  }
}`;

const itemContentQuery = `query ItemContent($id: ID!) {
  node(id: $id) { ... on ProjectV2Item { content { ... on DraftIssue { id } } } }
}`;
const updateDraftIssue = `mutation UpdateDraft($draftIssueId: ID!, $title: String, $body: String) {
  updateProjectV2DraftIssue(input: { draftIssueId: $draftIssueId, title: $title, body: $body }) {
    draftIssue { id }
  }
}`;
const statusFieldQuery = `query StatusField($id: ID!) {
  node(id: $id) {
    ... on ProjectV2 { field(name: "Status") { ... on ProjectV2SingleSelectField { id options { id name } } } }
  }
}`;
const setStatus = `mutation SetStatus($projectId: ID!, $itemId: ID!, $fieldId: ID!, $optionId: String!) {
  updateProjectV2ItemFieldValue(
    input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: { singleSelectOptionId: $optionId } }
  ) { projectV2Item { id } }
}`;
const archiveItem = `mutation Archive($projectId: ID!, $itemId: ID!) {
  archiveProjectV2Item(input: { projectId: $projectId, itemId: $itemId }) { item { id } }
}`;
const unarchiveItem = `mutation Unarchive($projectId: ID!, $itemId: ID!) {
  unarchiveProjectV2Item(input: { projectId: $projectId, itemId: $itemId }) { item { id } }
}`;

const draftBody = (task: ExternalTaskInput) =>
  [task.description, task.dueAt ? `Due: ${task.dueAt}` : undefined].filter(Boolean).join('\n\n');

/**
 * GitHub Projects (v2) over the GraphQL API: a draft issue in the project named by its node id. GitHub
 * answers GraphQL errors with HTTP 200 and `errors: [{ type, message }]`, and a bad token with 401
 * `{ message: 'Bad credentials' }`; both are failures here.
 */
export function githubProjectsTaskAdapter(cfg: HttpDeps & { token: string; projectId: string }): TaskAdapter {
  const base = cfg.baseUrl ?? 'https://api.github.com';
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const res = await postJson(
      cfg,
      `${base}/graphql`,
      { authorization: `Bearer ${cfg.token}`, 'user-agent': 'sales-workspace' },
      { query, variables },
    );
    const errors = res.errors as Array<{ type?: string; message?: string }> | undefined;
    if (Array.isArray(errors) && errors.length > 0) {
      const e = errors[0]!;
      // GraphQL errors come with HTTP 200: the request was read, and sending it again will not help.
      throw new DomainError(
        'bad-request',
        `GitHub: ${e.type ? `${e.type}: ` : ''}${e.message ?? 'GraphQL error'}`,
        {
          details: { status: 200, type: e.type },
        },
      );
    }
    return (res.data ?? {}) as Record<string, unknown>;
  };
  return {
    provider: 'github',
    async create(task) {
      const body = draftBody(task);
      const data = await graphql(addDraftIssue, {
        projectId: cfg.projectId,
        title: task.title,
        ...(body ? { body } : {}),
      });
      const item = (
        data.addProjectV2DraftIssue as { projectItem?: { id?: string; project?: { url?: string } } }
      )?.projectItem;
      if (!item?.id) throw new DomainError('bad-request', 'GitHub answered without a project item');
      return {
        provider: 'github',
        externalId: item.id,
        ...(item.project?.url ? { url: item.project.url } : {}),
      };
    },
    async state(id) {
      const data = await graphql(itemQuery, { id });
      const item = data.node as { isArchived?: boolean; fieldValueByName?: { name?: string } | null } | null;
      if (!item) return { status: 'cancelled' };
      if (item.isArchived) return { status: 'cancelled' };
      return {
        status: doneNames.has(String(item.fieldValueByName?.name ?? '').toLowerCase()) ? 'done' : 'open',
      };
    },
    async update(id, change, context) {
      const item = { projectId: cfg.projectId, itemId: id };
      if (change.title !== undefined || change.dueAt !== undefined) {
        const data = await graphql(itemContentQuery, { id });
        const draft = (data.node as { content?: { id?: string } | null } | null)?.content?.id;
        if (!draft) throw new DomainError('bad-request', 'GitHub: the project item is not a draft issue');
        await graphql(updateDraftIssue, {
          draftIssueId: draft,
          ...(change.title !== undefined ? { title: change.title } : {}),
          // The due date lives in the draft's body, as when it was made.
          ...(change.dueAt !== undefined
            ? { body: draftBody({ ...context, dueAt: change.dueAt ?? undefined }) }
            : {}),
        });
      }
      if (!change.status) return;
      if (change.status === 'cancelled') return void (await graphql(archiveItem, item));
      if (context.was === 'cancelled') await graphql(unarchiveItem, item);
      const data = await graphql(statusFieldQuery, { id: cfg.projectId });
      const field = (data.node as { field?: { id?: string; options?: Array<{ id: string; name: string }> } })
        ?.field;
      const isDone = (o: { name: string }) => doneNames.has(o.name.toLowerCase());
      const option = field?.options?.find((o) => (change.status === 'done' ? isDone(o) : !isDone(o)));
      if (!field?.id || !option) {
        if (context.was === 'cancelled' && change.status === 'open') return;
        throw new DomainError('bad-request', 'GitHub: the project has no Status field with a Done option');
      }
      await graphql(setStatus, { ...item, fieldId: field.id, optionId: option.id });
    },
    check: () =>
      checked(async () => {
        const data = await graphql(projectQuery, { id: cfg.projectId });
        const node = data.node as { title?: string } | null;
        if (!node?.title) throw new Error(`GitHub: no project with the id ${cfg.projectId}`);
        return `GitHub project "${node.title}"`;
      }),
  };
}
