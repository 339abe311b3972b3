// Sending fuzz cases exactly as built (node:http keeps `..` and odd bytes that fetch would normalise;
// a raw socket for malformed HTTP), and looking for team B's markers in every answer, also inside
// gzip, UTF-16 and base64 (attachments travel as base64 in JSON).
import { request, type Agent } from 'node:http';
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { FuzzCase } from './fuzz-cases';

export type Outcome = { status?: number; headers: string; body: Buffer; error?: string; ms: number };

const MAX_BODY = 64 * 1024 * 1024;

/** Node's client refuses paths with spaces, controls or characters above U+00FF: escape just those. */
function sendablePath(path: string): string {
  return path.replace(/[^\x21-\x7e]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%3F';
    }
  });
}

export function send(base: URL, agent: Agent, c: FuzzCase, timeoutMs: number): Promise<Outcome> {
  return c.raw ? sendRaw(base, c.raw, timeoutMs) : sendHttp(base, agent, c, timeoutMs);
}

function sendHttp(base: URL, agent: Agent | undefined, c: FuzzCase, timeoutMs: number): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Omit<Outcome, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, ms: performance.now() - t0 });
    };
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: sendablePath(c.path),
        // Node sends a DELETE's or OPTIONS' body without a length unless told: say it.
        headers:
          c.body && c.method !== 'GET' && c.method !== 'HEAD'
            ? { ...c.headers, 'content-length': String(c.body.length) }
            : c.headers,
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        const headers = JSON.stringify(res.headers);
        res.on('end', () => done({ status: res.statusCode, headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) =>
          done({ status: res.statusCode, headers, body: Buffer.concat(chunks), error: e.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ headers: '', body: Buffer.alloc(0), error: 'no answer' });
    }, timeoutMs);
    req.on('error', (e) => {
      const code = (e as { code?: string }).code ?? e.message;
      // A kept-alive socket the server closed meanwhile: Node's advice is to retry on a new one.
      if (code === 'ECONNRESET' && req.reusedSocket && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(sendHttp(base, undefined, c, timeoutMs));
        return;
      }
      done({ headers: '', body: Buffer.alloc(0), error: code });
    });
    if (c.body && c.method !== 'GET' && c.method !== 'HEAD') req.end(c.body);
    else req.end();
  });
}

function sendRaw(base: URL, bytes: Buffer, timeoutMs: number): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    let finished = false;
    let headSeen = false;
    const finish = (error?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const head = all.subarray(0, Math.max(0, all.indexOf('\r\n\r\n'))).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]) || undefined;
      resolve({
        status,
        headers: head,
        body: all,
        ms: performance.now() - t0,
        ...(status ? {} : { error: error ?? 'closed without an answer' }),
      });
    };
    // A raw request may keep the connection open after its answer: give it a moment, then look.
    const timer = setTimeout(() => finish('no answer'), Math.min(timeoutMs, 5000));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (!headSeen && Buffer.concat(chunks).includes('\r\n\r\n')) {
        headSeen = true;
        setTimeout(() => finish(), 100);
      }
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(bytes);
  });
}

export type Needle = { label: string; bytes: Buffer };

/** The marker as it would appear in an answer: plain, UTF-16, or base64 at any alignment. */
export function needlesOf(marker: string): Needle[] {
  const out: Needle[] = [
    { label: 'text', bytes: Buffer.from(marker) },
    { label: 'utf-16', bytes: Buffer.from(marker, 'utf16le') },
  ];
  for (let k = 0; k < 3; k++) {
    const padded = Buffer.concat([Buffer.alloc(k, 0x20), Buffer.from(marker)]);
    const end = 4 * Math.floor(padded.length / 3);
    for (const enc of ['base64', 'base64url'] as const) {
      out.push({ label: `${enc}+${k}`, bytes: Buffer.from(padded.toString(enc).slice(k ? 4 : 0, end)) });
    }
  }
  return out;
}

/** The first needle found in the answer (headers, body, or the body un-gzipped), with its context. */
export function findLeak(o: Outcome, needles: Needle[]): string | undefined {
  const texts = [Buffer.from(o.headers), o.body];
  if (o.body[0] === 0x1f && o.body[1] === 0x8b) {
    try {
      texts.push(gunzipSync(o.body, { maxOutputLength: 512 * 1024 * 1024 }));
    } catch {
      // not gzip after all, or truncated
    }
  }
  for (const text of texts) {
    for (const n of needles) {
      const at = text.indexOf(n.bytes);
      if (at >= 0) {
        const around = text.subarray(Math.max(0, at - 60), at + n.bytes.length + 60).toString('latin1');
        return `${n.label}: …${around.replace(/[^\x20-\x7e]/g, '.')}…`;
      }
    }
  }
  return undefined;
}

/** A body in one line: text as text (cut), anything else as its size and first bytes. */
export function summarize(body: Buffer | undefined, max = 160): string {
  if (!body || body.length === 0) return '-';
  const text = body.toString('utf8');
  const printable = ![...text.slice(0, 2000)].some((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd;
  });
  if (printable)
    return `${JSON.stringify(text.slice(0, max))}${text.length > max ? '…' : ''} (${body.length} B)`;
  return `${body.length} B binary, starts ${body.subarray(0, 16).toString('hex')}`;
}
