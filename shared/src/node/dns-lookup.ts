// Resolves a host to all its addresses, for the webhook tools' SSRF check on the server (DNS
// rebinding: a public name that points at a private address). Pass it as `lookup` in WebhookDeps.
import { lookup } from 'node:dns/promises';

export async function lookupAll(host: string): Promise<string[]> {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((r) => r.address);
}
