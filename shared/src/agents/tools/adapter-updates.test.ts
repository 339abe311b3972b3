// The update going out, per service: each adapter's `update()` against a loopback server that records
// the request and answers as the service documents (Notion's page with a `Done` checkbox, GitHub's
// project with a Status field). Reopening, cancelling and clearing a date, beside the sync-server's
// end-to-end tests of done and moved.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '../../schemas/fixtures';
import { googleCalendarAdapter } from './calendar';
import {
  asanaTaskAdapter,
  githubProjectsTaskAdapter,
  notionTaskAdapter,
  trelloTaskAdapter,
} from './task-adapters';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; json: unknown };
let seen: Seen[] = [];
let base = '';

function answer(method: string, url: string, json: { query?: string } | undefined): unknown {
  if (method === 'GET' && url.startsWith('/v1/pages/'))
    return { object: 'page', properties: { Done: { id: 'd', type: 'checkbox', checkbox: true } } };
  if (url === '/graphql') {
    const q = json?.query ?? '';
    if (q.includes('ItemContent')) return { data: { node: { content: { id: 'DI_draft1' } } } };
    if (q.includes('StatusField'))
      return {
        data: {
          node: {
            field: {
              id: 'PVTSSF_1',
              options: [
                { id: 'o-done', name: 'Done' },
                { id: 'o-todo', name: 'Todo' },
              ],
            },
          },
        },
      };
    return { data: {} };
  }
  return { data: {} };
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const json = body ? (JSON.parse(body) as { query?: string }) : undefined;
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, json });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(req.method!, req.url!, json)));
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const task = { title: 'Send the proposal', description: 'Asked in chat' };

describe('pushing a local edit to each service', () => {
  it('Notion: cancelled archives the page; reopened un-archives it and clears its Done checkbox; a cleared date', async () => {
    const notion = notionTaskAdapter({ token: 'nt', databaseId: 'db', baseUrl: base });
    seen = [];
    await notion.update('p1', { status: 'cancelled' }, { ...task, was: 'open' });
    expect(seen).toEqual([
      expect.objectContaining({ method: 'PATCH', url: '/v1/pages/p1', json: { archived: true } }),
    ]);
    seen = [];
    await notion.update('p1', { status: 'open', dueAt: null }, { ...task, was: 'cancelled' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /v1/pages/p1', 'PATCH /v1/pages/p1']);
    expect(seen[1]!.json).toEqual({
      properties: { Due: { date: null }, Done: { checkbox: false } },
      archived: false,
    });
    expect(seen[1]!.headers['notion-version']).toBe('2022-06-28');
  });

  it('Asana: reopened is completed false, a cleared date due_at null; Trello: reopened is closed and dueComplete false', async () => {
    seen = [];
    await asanaTaskAdapter({ token: 'at', projectId: '1', baseUrl: base }).update(
      '42',
      { status: 'open', dueAt: null },
      { ...task, was: 'done' },
    );
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: '/api/1.0/tasks/42',
      json: { data: { due_at: null, completed: false } },
    });
    seen = [];
    await trelloTaskAdapter({ key: 'k', token: 't', listId: 'L', baseUrl: base }).update(
      'c7',
      { status: 'open', title: 'Call back' },
      { ...task, was: 'done' },
    );
    const url = new URL(seen[0]!.url, base);
    expect(seen[0]!.method).toBe('PUT');
    expect(url.pathname).toBe('/1/cards/c7');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      key: 'k',
      token: 't',
      name: 'Call back',
      closed: 'false',
      dueComplete: 'false',
    });
  });

  it('GitHub Projects: a new title edits the draft issue; reopened after cancelled un-archives the item and sets Todo', async () => {
    const github = githubProjectsTaskAdapter({ token: 'gh', projectId: 'PVT_1', baseUrl: base });
    seen = [];
    await github.update('PVTI_9', { title: 'Call back', status: 'open' }, { ...task, was: 'cancelled' });
    const calls = seen.map((s) => s.json as { query: string; variables: Record<string, unknown> });
    expect(calls.map((c) => /(?:query|mutation) (\w+)/.exec(c.query)?.[1])).toEqual([
      'ItemContent',
      'UpdateDraft',
      'Unarchive',
      'StatusField',
      'SetStatus',
    ]);
    expect(calls[1]!.variables).toEqual({ draftIssueId: 'DI_draft1', title: 'Call back' });
    expect(calls[2]!.variables).toEqual({ projectId: 'PVT_1', itemId: 'PVTI_9' });
    expect(calls[4]!.variables).toEqual({
      projectId: 'PVT_1',
      itemId: 'PVTI_9',
      fieldId: 'PVTSSF_1',
      optionId: 'o-todo',
    });
  });

  it('Google Calendar: cancelled and renamed is one PATCH with status and summary', async () => {
    seen = [];
    await googleCalendarAdapter({ accessToken: 'ya29', baseUrl: base }).update(
      'gev1',
      { status: 'cancelled', title: 'Intro call (moved)' },
      sampleDocs.events,
    );
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        url: '/calendar/v3/calendars/primary/events/gev1',
        json: { summary: 'Intro call (moved)', status: 'cancelled' },
      }),
    ]);
    expect(seen[0]!.headers.authorization).toBe('Bearer ya29');
    // A meeting marked done here: Google has no such state, nothing is sent.
    seen = [];
    await googleCalendarAdapter({ accessToken: 'ya29', baseUrl: base }).update(
      'gev1',
      { status: 'done' },
      sampleDocs.events,
    );
    expect(seen).toEqual([]);
  });
});
