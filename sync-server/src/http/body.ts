// JSON body parsing for the API and every other JSON route: express.json with a limit, refusing deep
// nesting. Its errors become coded domain errors in the core's error middleware (app-errors.ts).
import express from 'express';

export const JSON_LIMIT = '1mb';

/** The deepest nesting of objects and arrays a JSON body may have (sync docs need far fewer). */
export const MAX_JSON_DEPTH = 64;

/**
 * A body-parser `verify` hook that refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed:
 * JSON.parse copes with deep nesting, but the recursion of JSON.stringify, validators and the store on
 * the way out would overflow the stack (found by bench/fuzz.ts: a 500 on a checkpoint PUT).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH)
        throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), {
          status: 400,
          type: 'entity.too.deep',
          limit: MAX_JSON_DEPTH,
        });
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Every JSON body parser of the server: express.json with its limit, refusing deep nesting. */
export const parseJsonBody = (options: { limit: string; type?: string | string[] | (() => boolean) }) =>
  express.json({ ...options, verify: refuseDeepJson });

/** Parses JSON bodies (skipped when the app already did). Accepts `application/*+json` too. */
export const jsonBody = parseJsonBody({
  limit: JSON_LIMIT,
  type: ['application/json', 'application/*+json'],
});
