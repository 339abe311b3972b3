// What the integration routes share: their options, the OpenAPI tag, header and URL inputs, and the
// check of an admin's URL by the SSRF policy the calls themselves go through.
import { z } from 'zod';
import { checkUrl } from '@app/shared/agents';
import { DomainError } from '@app/shared/errors';
import type { OutboundDeps } from './build';

export type IntegrationRouteOptions = {
  outbound: OutboundDeps;
  /** A team's integrations changed: its agents' tools are built again. */
  changed?: (teamId: string) => void;
  /** The tools of the server's own stdio MCP servers a team has (where this process runs agents). */
  stdioToolNames?: (teamId: string) => string[];
};

export const tag = 'integrations';
export const access = (op: 'read' | 'create' | 'update' | 'delete') => ({
  resource: 'integrations' as const,
  op,
});

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'is not a header name' });
export const headers = z
  .record(headerName, z.string().max(4000))
  .refine((h) => Object.keys(h).length <= 20, { message: 'at most 20 headers' });
export const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url({ message: 'must be an http(s) URL' })
  .regex(/^https?:\/\//i, { message: 'must be an http(s) URL' });

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The URL an admin gives, checked by the same SSRF policy the calls go through (400 naming it). */
export async function checkTarget(url: string, outbound: OutboundDeps): Promise<void> {
  try {
    await checkUrl(new URL(url), outbound.policy);
  } catch (e) {
    throw new DomainError('validation-failed', `url: ${message(e)}`);
  }
}
