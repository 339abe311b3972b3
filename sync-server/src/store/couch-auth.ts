// The Authorization header for the credentials a CouchDB URL carries (`http://admin:pass@host/`),
// for the clients that talk to CouchDB without nano (the gateway's proxy, claim writes).
export function basicAuthOf(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
