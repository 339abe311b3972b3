// Webhook tools' URLs: path parameters cannot move the request to another path or host.
import { describe, expect, it } from 'vitest';
import { webhookTool } from './webhook-tool';
import type { ToolContext } from './types';

const seen: string[] = [];
const fakeFetch: typeof globalThis.fetch = async (input) => {
  seen.push(String(input));
  return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
};

const tool = (url: string) =>
  webhookTool(
    { name: 'lookup', description: 'x', parameters: { type: 'object' }, url, method: 'GET' },
    { fetch: fakeFetch, lookup: async () => ['93.184.216.34'] },
  );
const ctx = {} as ToolContext;

describe('webhook tool URLs', () => {
  it('refuses path values that are dot segments or hold slashes', async () => {
    const t = tool('https://api.example.com/v1/orders/{id}/status');
    for (const id of ['..', '.', '', 'a/b', '../admin', 'a\\b'])
      await expect(t.execute({ id }, ctx), JSON.stringify(id)).rejects.toMatchObject({
        code: 'tool-arguments-invalid',
      });
    expect(seen).toEqual([]);
  });

  it('encodes a plain value into its segment and keeps the rest as the query', async () => {
    await tool('https://api.example.com/v1/orders/{id}/status').execute({ id: 'A 1?x=#', full: true }, ctx);
    expect(seen.at(-1)).toBe('https://api.example.com/v1/orders/A%201%3Fx%3D%23/status?full=true');
    await tool('https://api.example.com/v1/orders/{id}').execute({ id: '..%2f' }, ctx);
    expect(seen.at(-1)).toBe('https://api.example.com/v1/orders/..%252f');
  });

  it('refuses a template whose placeholders could change the host', () => {
    for (const url of ['https://{tenant}.example.com/x', 'https://example.com:{port}/x', '{base}/x'])
      expect(() => tool(url), url).toThrow(/path only/);
  });
});
