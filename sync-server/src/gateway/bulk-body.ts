// Reading a `_bulk_docs` body without holding the event loop (issue 60): its bytes are walked
// (http/json-shape.ts) with a turn of the loop given up every 8 ms, cut into its docs, and each doc is parsed on its own,
// between turns of the loop. A doc over its collection's size bounds (its JSON's bytes, an array's
// items, an object's keys: @app/shared/validation's docBounds) is never parsed: it comes back refused,
// with its `_id` when the scan found one. JSON.parse of a whole 15 MB body of `[1,1,1,…]` took 1.3 s.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError } from '@app/shared/errors';
import type { DocBounds } from '@app/shared/validation';
import { MAX_JSON_DEPTH } from '../http/body';
import { ShapeScanner, type Frame } from '../http/json-shape';

/** A doc of the body: parsed, or refused by its bounds before it was parsed. */
export type BulkPiece = { doc: unknown } | { id: string; refused: string; tooLarge: true };
export type BulkBody = { docs: BulkPiece[]; newEdits?: boolean };

/** Bytes scanned between looks at the clock; the time scanning or parsing between turns of the event loop. */
const SCAN_STEP = 64 * 1024;
const TURN_MS = 8;
/** What the body holds besides its docs (`new_edits`) is small. */
const MAX_REST_BYTES = 64 * 1024;

/** Yields to the event loop when this turn has run `TURN_MS`. */
export function turns(ms = TURN_MS) {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await nextTurn();
    since = performance.now();
  };
}

type DocSpan = { start: number; end: number; id?: string; problem?: string };

const bad = (message: string) => new DomainError('bad-request', message);
const notJson = () => new DomainError('invalid-json', 'The body is not valid JSON');

/** JSON.parse of a piece of the body; a piece that is not JSON (a control character in a string, bytes of another encoding) is the client's error. */
function parsePiece(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw notJson();
  }
}
const shape = 'The body must be {"docs": [...]}';

/** The docs' spans in the body, each checked against `bounds` as it is scanned. */
async function scanBody(buf: Buffer, bounds: DocBounds, maxDocs: number) {
  const spans: DocSpan[] = [];
  let docs: Frame | undefined;
  let docsEnd = -1;
  let topKey = '';
  let current: DocSpan | undefined;
  const kb = Math.round(bounds.maxBytes / 1024);
  const endDoc = (at: number) => {
    if (!current) return;
    current.end = at;
    if (!current.problem && at - current.start > bounds.maxBytes)
      current.problem = `(document): is too large (more than ${kb} KB of JSON)`;
  };
  const startDoc = (at: number) => {
    current = { start: at + 1, end: -1 };
    spans.push(current);
    if (spans.length > maxDocs) throw bad(`At most ${maxDocs} docs per request`);
  };
  const inDoc = (stack: Frame[]) => docs !== undefined && stack.length >= 2 && stack[1] === docs;
  /** The doc's first problem: too large, or a container over its count. */
  const check = (stack: Frame[], at: number) => {
    if (!current || current.problem) return;
    if (at - current.start > bounds.maxBytes) {
      current.problem = `(document): is too large (more than ${kb} KB of JSON)`;
      return;
    }
    const top = stack[stack.length - 1]!;
    if (stack.length > 2 && top.items > (top.array ? bounds.maxItems : bounds.maxKeys))
      current.problem = top.array
        ? `an array of the document has too many items (more than ${bounds.maxItems})`
        : `an object of the document has too many fields (more than ${bounds.maxKeys})`;
  };
  const scanner = new ShapeScanner(buf, MAX_JSON_DEPTH, {
    open(stack, at) {
      if (stack.length === 1 && stack[0]!.array) throw bad(shape);
      if (stack.length === 2 && topKey === 'docs' && !stack[0]!.expectKey) {
        if (docs) throw bad('docs is given twice');
        if (stack[1]!.array) {
          docs = stack[1]!;
          startDoc(at);
        }
      }
      if (inDoc(stack)) check(stack, at);
    },
    close(frame, stack, at) {
      if (frame === docs) {
        docsEnd = at;
        endDoc(at);
        // `[]`: no doc at all.
        if (frame.items === 0) spans.pop();
        current = undefined;
      } else if (inDoc(stack)) check([...stack, frame], at);
      if (stack.length === 1 && stack[0]!.items > 8) throw bad('Unsupported fields in the body');
    },
    comma(stack, at) {
      const top = stack[stack.length - 1]!;
      if (top === docs) {
        endDoc(at);
        startDoc(at);
      } else if (inDoc(stack)) check(stack, at);
    },
    string(stack, start, end, isKey) {
      if (stack.length === 1 && isKey) {
        topKey = end - start < 64 ? String(parsePiece(buf.toString('utf8', start, end + 1))) : '';
      } else if (stack.length === 3 && stack[1] === docs && current) {
        const top = stack[2]!;
        if (isKey)
          top.key = end - start === 4 && buf.toString('latin1', start, end + 1) === '"_id"' ? '_id' : '';
        else if (top.key === '_id' && end - start < 1024 && current.id === undefined)
          current.id = String(parsePiece(buf.toString('utf8', start, end + 1)));
        check(stack, end);
      }
    },
  });
  const turn = turns();
  while (!scanner.done) {
    scanner.scan(scanner.at + SCAN_STEP);
    await turn();
  }
  if (scanner.stack.length) throw notJson();
  return { spans, docsOpen: docs?.start, docsEnd };
}

/**
 * The body of a `_bulk_docs`: `docs` each parsed on its own (or refused by `bounds`), `new_edits`.
 * Throws `bad-request` or `invalid-json` as the whole body's parse did.
 */
export async function readBulkBody(body: Buffer, bounds: DocBounds, maxDocs: number): Promise<BulkBody> {
  // A UTF-8 byte-order mark is read past, as express.json's decoder does on every other route.
  const buf = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
  const { spans, docsOpen, docsEnd } = await scanBody(buf, bounds, maxDocs);
  // The body less its docs: `{"docs": [], ...}`.
  const rest =
    docsOpen === undefined ? buf : Buffer.concat([buf.subarray(0, docsOpen + 1), buf.subarray(docsEnd)]);
  if (rest.length > MAX_REST_BYTES)
    throw bad(docsOpen === undefined ? shape : 'Unsupported fields in the body');
  const top = parsePiece(rest.toString('utf8'));
  // As express.json's strict mode: a body of a bare string, number or null is not JSON it accepts.
  if (typeof top !== 'object' || top === null) throw notJson();
  if (Array.isArray(top)) throw bad(shape);
  const { docs, new_edits: newEdits, ...others } = top as Record<string, unknown>;
  if (Object.keys(others).length > 0) throw bad(`Unsupported field ${Object.keys(others)[0]!.slice(0, 40)}`);
  if (!Array.isArray(docs)) throw bad('docs must be an array');
  if (newEdits !== undefined && typeof newEdits !== 'boolean') throw bad('new_edits must be true or false');
  const pieces: BulkPiece[] = [];
  const turn = turns();
  for (const span of spans) {
    if (span.problem) {
      pieces.push({ id: span.id ?? '', refused: span.problem, tooLarge: true });
      continue;
    }
    pieces.push({ doc: parsePiece(buf.toString('utf8', span.start, span.end)) });
    await turn();
  }
  return { docs: pieces, ...(newEdits === undefined ? {} : { newEdits }) };
}
