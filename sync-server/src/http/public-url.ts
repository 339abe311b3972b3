// Where links the server hands out point (calendar feeds, the web chat snippet and preview): PUBLIC_URL,
// else this server on localhost at the port the request came in on (`http://localhost:PORT`, the
// README's default; the socket's own port, so PORT=0 works too). Never the request's Host header or
// X-Forwarded-* headers: a forged Host would put an attacker's address into a link a member copies.
import type { Request } from 'express';

export function publicBaseUrl(publicUrl: string | undefined, req: Request): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `http://localhost:${req.socket.localPort ?? 80}`;
}
