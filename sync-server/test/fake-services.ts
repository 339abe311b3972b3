// Fake external services on loopback for the integrations' end-to-end tests, each answering as its
// documented API does (paths, methods, bodies, error shapes):
// - Notion: POST /v1/pages (Notion-Version header, `parent.database_id`), GET /v1/databases/<id>;
//   errors `{ object: 'error', status, code, message }`;
// - GitHub GraphQL: POST /graphql (`addProjectV2DraftIssue`, `node(id:)`); GraphQL errors with HTTP
//   200 `{ data: null, errors: [{ type, path, message }] }`, a bad token 401 `{ message: 'Bad credentials' }`;
// - Google Calendar: POST /calendar/v3/calendars/<id>/events, GET /calendar/v3/calendars/<id>;
//   errors `{ error: { code, message, errors } }`;
// - an admin's webhook at /hooks/price/<sku>;
// - an MCP server over Streamable HTTP at /mcp (the SDK's server, the demo inventory tools).
// Updates of an item (a rep's edit pushed): Notion PATCH /v1/pages/<id> (`properties`, `archived`),
// Asana PUT /api/1.0/tasks/<gid> (`{ data }`), Trello PUT /1/cards/<id> (fields in the query), GitHub
// `updateProjectV2DraftIssue` / `updateProjectV2ItemFieldValue` / `archiveProjectV2Item`, Google
// PATCH /calendar/v3/calendars/<id>/events/<id>; each changes the item the fake keeps.
// `failNext(method, path prefix, status, times)` makes the next calls there fail, to exercise retries;
// `recover(method, path prefix)` ends such an outage.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoMcpHttpHandler } from '@app/shared/testing';

export type SeenRequest = {
  method: string;
  path: string;
  /** The query string, without `?` (Trello's fields travel there). */
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown> | undefined;
};

export type FakeServices = {
  url: string;
  seen: SeenRequest[];
  /** Notion pages made, by id: what an edit in Notion changes (`Status`, `archived`). */
  notionPages: Map<string, { archived: boolean; status: string }>;
  /** Asana tasks and GitHub project items made, by id. */
  asanaTasks: Map<string, { completed: boolean }>;
  githubItems: Map<string, { archived: boolean; status: string }>;
  /** Google events made, by id: what an edit in the calendar changes. */
  googleEvents: Map<string, { status: string; start: string; end: string }>;
  /** The next `times` `method` calls whose path starts with `prefix` answer `status` (the service's error shape). */
  failNext(method: string, prefix: string, status: number, times: number): void;
  /** The service is back there: the failures still queued for `method` and `prefix` are dropped. */
  recover(method: string, prefix: string): void;
  close(): Promise<void>;
};

export const NOTION_TOKEN = 'secret_notion_token_0123456789';
export const GITHUB_TOKEN = 'ghp_fake_github_token_0123456789';
export const GOOGLE_TOKEN = 'ya29.fake-google-access-token';
export const GOOGLE_CLIENT = {
  id: '1234-fake.apps.googleusercontent.com',
  secret: 'GOCSPX-fakesecret',
  refresh: '1//0fake-refresh-token',
};
export const WEBHOOK_KEY = 'hook-key-0123456789';
export const ASANA_TOKEN = '2/1200000000000001/1200000000000002:fakeasanapat';
export const TRELLO_KEY = 'fake0trello0api0key0123456789abc';
export const TRELLO_TOKEN = 'ATTAfaketrellotoken0123456789';

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function errorBody(path: string, status: number) {
  if (path.startsWith('/v1/'))
    return {
      object: 'error',
      status,
      code: status === 429 ? 'rate_limited' : 'internal_server_error',
      message: `Notion says ${status}`,
    };
  if (path.startsWith('/calendar/'))
    return { error: { code: status, message: 'Backend Error', errors: [{ reason: 'backendError' }] } };
  return { message: `Server error ${status}` };
}

const notionPages = new Map<string, { archived: boolean; status: string }>();
const googleEvents = new Map<string, { status: string; start: string; end: string }>();

function notion(req: SeenRequest, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${NOTION_TOKEN}`)
    return send(res, 401, {
      object: 'error',
      status: 401,
      code: 'unauthorized',
      message: 'API token is invalid.',
    });
  if (!req.headers['notion-version'])
    return send(res, 400, {
      object: 'error',
      status: 400,
      code: 'missing_version',
      message: 'Notion-Version header failed validation.',
    });
  if (req.method === 'GET' && req.path.startsWith('/v1/databases/'))
    return send(res, 200, {
      object: 'database',
      id: req.path.split('/')[3],
      title: [{ type: 'text', plain_text: 'Sales tasks' }],
    });
  if (req.method === 'POST' && req.path === '/v1/pages') {
    const parent = req.json?.parent as { database_id?: string } | undefined;
    if (!parent?.database_id)
      return send(res, 400, {
        object: 'error',
        status: 400,
        code: 'validation_error',
        message: 'body.parent should be defined',
      });
    const id = `page-${req.body.length}-${Date.now() % 100000}`;
    notionPages.set(id, { archived: false, status: 'Not started' });
    return send(res, 200, { object: 'page', id, url: `https://www.notion.so/${id}` });
  }
  const patched = req.method === 'PATCH' && notionPages.get(req.path.split('/')[3] ?? '');
  if (patched) {
    const props = (req.json?.properties ?? {}) as { Status?: { status?: { name?: string } } };
    if (typeof req.json?.archived === 'boolean') patched.archived = req.json.archived;
    if (props.Status?.status?.name) patched.status = props.Status.status.name;
    return send(res, 200, { object: 'page', id: req.path.split('/')[3], archived: patched.archived });
  }
  const page = req.method === 'GET' && notionPages.get(req.path.split('/')[3] ?? '');
  if (page)
    return send(res, 200, {
      object: 'page',
      id: req.path.split('/')[3],
      archived: page.archived,
      in_trash: page.archived,
      properties: { Status: { id: 'st', type: 'status', status: { name: page.status } } },
    });
  return send(res, 404, { object: 'error', status: 404, code: 'object_not_found', message: 'Not found' });
}

const asanaTasks = new Map<string, { completed: boolean }>();
const githubItems = new Map<string, { archived: boolean; status: string }>();

/** Asana: `{ data }` answers, `{ errors: [{ message }] }` failures, 201 on create. */
function asana(req: SeenRequest, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${ASANA_TOKEN}`)
    return send(res, 401, { errors: [{ message: 'Not Authorized' }] });
  const parts = req.path.split('/'); // ['', 'api', '1.0', 'tasks' | 'projects', gid]
  if (req.method === 'POST' && req.path === '/api/1.0/tasks') {
    const data = req.json?.data as { name?: string; projects?: string[] } | undefined;
    if (!data?.name || !data.projects?.length)
      return send(res, 400, {
        errors: [{ message: 'data.name: Missing input', help: 'For more information...' }],
      });
    const gid = `12000000${Date.now() % 100000}`;
    asanaTasks.set(gid, { completed: false });
    return send(res, 201, {
      data: { gid, name: data.name, permalink_url: `https://app.asana.com/0/${data.projects[0]}/${gid}` },
    });
  }
  if (req.method === 'GET' && parts[3] === 'projects')
    return send(res, 200, { data: { gid: parts[4], name: 'Sales pipeline', resource_type: 'project' } });
  const edited = req.method === 'PUT' && parts[3] === 'tasks' && asanaTasks.get(parts[4] ?? '');
  if (edited) {
    const data = req.json?.data as { completed?: boolean } | undefined;
    if (!data) return send(res, 400, { errors: [{ message: 'data: Missing input' }] });
    if (typeof data.completed === 'boolean') edited.completed = data.completed;
    return send(res, 200, { data: { gid: parts[4], completed: edited.completed } });
  }
  const task = req.method === 'GET' && parts[3] === 'tasks' && asanaTasks.get(parts[4] ?? '');
  if (task) return send(res, 200, { data: { gid: parts[4], completed: task.completed } });
  return send(res, 404, { errors: [{ message: 'Unknown object' }] });
}

/** Trello: key and token in the query; failures in plain text ('invalid key'). */
function trello(req: SeenRequest, res: ServerResponse, query: URLSearchParams) {
  if (query.get('key') !== TRELLO_KEY) {
    res.writeHead(401, { 'content-type': 'text/plain' });
    return res.end('invalid key');
  }
  if (query.get('token') !== TRELLO_TOKEN) {
    res.writeHead(401, { 'content-type': 'text/plain' });
    return res.end('invalid token');
  }
  if (req.method === 'POST' && req.path === '/1/cards') {
    if (!query.get('idList') || !query.get('name')) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('invalid value for idList');
    }
    const id = `5f${Date.now() % 1000000}`;
    return send(res, 200, {
      id,
      name: query.get('name'),
      desc: query.get('desc') ?? '',
      url: `https://trello.com/c/${id}/card`,
    });
  }
  const card = req.method === 'PUT' && req.path.startsWith('/1/cards/') && req.path.split('/')[3];
  if (card)
    return send(res, 200, {
      id: card,
      name: query.get('name') ?? 'card',
      closed: query.get('closed') === 'true',
      dueComplete: query.get('dueComplete') === 'true',
      url: `https://trello.com/c/${card}/card`,
    });
  if (req.method === 'GET' && req.path.startsWith('/1/lists/'))
    return send(res, 200, { id: req.path.split('/')[3], name: 'Leads to call' });
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('The requested resource was not found.');
}

function github(req: SeenRequest, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${GITHUB_TOKEN}`)
    return send(res, 401, {
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/graphql',
    });
  const query = String(req.json?.query ?? '');
  const variables = (req.json?.variables ?? {}) as Record<string, string>;
  const item = githubItems.get(variables.itemId ?? variables.id ?? '');
  const known =
    variables.projectId === 'PVT_kwDOfake' ||
    variables.id === 'PVT_kwDOfake' ||
    (item !== undefined && !variables.projectId) ||
    (variables.draftIssueId ?? '').startsWith('DI_');
  if (known && item && variables.projectId) {
    if (query.includes('unarchiveProjectV2Item')) item.archived = false;
    else if (query.includes('archiveProjectV2Item')) item.archived = true;
    else if (query.includes('updateProjectV2ItemFieldValue'))
      item.status = variables.optionId === 'opt-done' ? 'Done' : 'Todo';
    return send(res, 200, { data: { result: { item: { id: variables.itemId } } } });
  }
  if (known && query.includes('updateProjectV2DraftIssue'))
    return send(res, 200, {
      data: { updateProjectV2DraftIssue: { draftIssue: { id: variables.draftIssueId } } },
    });
  if (known && item)
    return send(res, 200, {
      data: { node: { content: { id: `DI_${variables.id}` }, isArchived: item.archived } },
    });
  if (known && query.includes('StatusField'))
    return send(res, 200, {
      data: {
        node: {
          field: {
            id: 'PVTSSF_fake',
            options: [
              { id: 'opt-todo', name: 'Todo' },
              { id: 'opt-done', name: 'Done' },
            ],
          },
        },
      },
    });
  if (!known) {
    const field = query.includes('addProjectV2DraftIssue') ? 'addProjectV2DraftIssue' : 'node';
    return send(res, 200, {
      data: null,
      errors: [
        {
          type: 'NOT_FOUND',
          path: [field],
          locations: [{ line: 2, column: 3 }],
          message: `Could not resolve to a node with the global id of '${variables.projectId ?? variables.id}'.`,
        },
      ],
    });
  }
  if (query.includes('addProjectV2DraftIssue')) {
    const id = `PVTI_lADOfake${Date.now() % 100000}`;
    githubItems.set(id, { archived: false, status: 'Todo' });
    return send(res, 200, {
      data: {
        addProjectV2DraftIssue: {
          projectItem: {
            id,
            project: { url: 'https://github.com/orgs/acme/projects/1' },
          },
        },
      },
    });
  }
  return send(res, 200, {
    data: { node: { title: 'Sales board', url: 'https://github.com/orgs/acme/projects/1' } },
  });
}

function google(req: SeenRequest, res: ServerResponse) {
  if (req.headers.authorization !== `Bearer ${GOOGLE_TOKEN}`)
    return send(res, 401, {
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        status: 'UNAUTHENTICATED',
      },
    });
  const parts = req.path.split('/'); // ['', 'calendar', 'v3', 'calendars', id, 'events']
  if (req.method === 'GET' && parts.length === 5)
    return send(res, 200, {
      kind: 'calendar#calendar',
      id: decodeURIComponent(parts[4]!),
      summary: 'Sales calls',
    });
  if (req.method === 'POST' && parts[5] === 'events') {
    const start = (req.json?.start as { dateTime?: string } | undefined)?.dateTime;
    if (!start || !req.json?.summary)
      return send(res, 400, {
        error: { code: 400, message: 'Missing time or summary', errors: [{ reason: 'required' }] },
      });
    const id = `gev${Date.now() % 1000000}`;
    const end = (req.json.end as { dateTime?: string } | undefined)?.dateTime ?? start;
    googleEvents.set(id, { status: 'confirmed', start, end });
    return send(res, 200, {
      kind: 'calendar#event',
      id,
      status: 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${id}`,
    });
  }
  const moved = req.method === 'PATCH' && parts[5] === 'events' && googleEvents.get(parts[6] ?? '');
  if (moved) {
    const body = (req.json ?? {}) as {
      start?: { dateTime?: string };
      end?: { dateTime?: string };
      status?: string;
    };
    if (body.start?.dateTime && body.end?.dateTime && body.end.dateTime < body.start.dateTime)
      return send(res, 400, { error: { code: 400, message: 'The specified time range is empty.' } });
    if (body.start?.dateTime) moved.start = body.start.dateTime;
    if (body.end?.dateTime) moved.end = body.end.dateTime;
    if (body.status) moved.status = body.status;
    return send(res, 200, { kind: 'calendar#event', id: parts[6], status: moved.status });
  }
  const event = req.method === 'GET' && parts[5] === 'events' && googleEvents.get(parts[6] ?? '');
  if (event)
    return send(res, 200, {
      kind: 'calendar#event',
      id: parts[6],
      status: event.status,
      start: { dateTime: event.start },
      end: { dateTime: event.end },
    });
  return send(res, 404, { error: { code: 404, message: 'Not Found' } });
}

/** Google's OAuth token endpoint: a refresh token traded for an access token (form body). */
function googleToken(req: SeenRequest, res: ServerResponse) {
  const form = new URLSearchParams(req.body);
  if (form.get('client_id') !== GOOGLE_CLIENT.id || form.get('client_secret') !== GOOGLE_CLIENT.secret)
    return send(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
  if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== GOOGLE_CLIENT.refresh)
    return send(res, 400, {
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
  return send(res, 200, {
    access_token: GOOGLE_TOKEN,
    expires_in: 3599,
    scope: 'https://www.googleapis.com/auth/calendar.events',
    token_type: 'Bearer',
  });
}

function hook(req: SeenRequest, res: ServerResponse) {
  if (req.headers['x-api-key'] !== WEBHOOK_KEY) return send(res, 403, { error: 'bad key' });
  const sku = decodeURIComponent(req.path.split('/')[3] ?? '');
  return send(res, 200, { sku, price: { amount: 4900, currency: 'RUB' }, source: 'price-list' });
}

export async function startFakeServices(): Promise<FakeServices> {
  const seen: SeenRequest[] = [];
  const failures: Array<{ method: string; prefix: string; status: number; times: number }> = [];
  const mcp = demoMcpHttpHandler();
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/mcp') {
      mcp(req, res);
      seen.push({ method: req.method!, path, query: '', headers: req.headers, body: '', json: undefined });
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      let json: Record<string, unknown> | undefined;
      try {
        json = body ? (JSON.parse(body) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      const query = (req.url ?? '').split('?')[1] ?? '';
      const r: SeenRequest = { method: req.method!, path, query, headers: req.headers, body, json };
      seen.push(r);
      const failure = failures.find(
        (f) => f.method === req.method && path.startsWith(f.prefix) && f.times > 0,
      );
      if (failure) {
        failure.times--;
        return send(res, failure.status, errorBody(path, failure.status));
      }
      if (path.startsWith('/v1/')) return notion(r, res);
      if (path.startsWith('/api/1.0/')) return asana(r, res);
      if (path.startsWith('/1/'))
        return trello(r, res, new URLSearchParams((req.url ?? '').split('?')[1] ?? ''));
      if (path === '/graphql') return github(r, res);
      if (path.startsWith('/calendar/v3/')) return google(r, res);
      if (path === '/token' && req.method === 'POST') return googleToken(r, res);
      if (path.startsWith('/hooks/price/')) return hook(r, res);
      send(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    notionPages,
    asanaTasks,
    githubItems,
    googleEvents,
    failNext(method, prefix, status, times) {
      failures.push({ method, prefix, status, times });
    },
    recover(method, prefix) {
      for (let i = failures.length - 1; i >= 0; i--)
        if (failures[i]!.method === method && failures[i]!.prefix === prefix) failures.splice(i, 1);
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((ok) => http.close(() => ok()));
    },
  };
}
