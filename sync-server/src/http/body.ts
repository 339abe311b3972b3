// JSON body parsing for the API and every other JSON route: express.json with a limit, refusing a
// body of a hostile shape before it is parsed. Its errors become coded domain errors in the core's
// error middleware (app-errors.ts).
import express from 'express';
import { refuseHeavyJson, type ShapeLimits } from './json-shape';

export const JSON_LIMIT = '1mb';

/** The deepest nesting of objects and arrays a JSON body may have (sync docs need far fewer). */
export const MAX_JSON_DEPTH = 64;

/**
 * The shape every JSON body keeps to, checked before it is parsed (http/json-shape.ts): no deeper
 * than MAX_JSON_DEPTH (JSON.parse copes with deep nesting, but the recursion of JSON.stringify,
 * validators and the store on the way out would overflow the stack: found by bench/fuzz.ts, a 500 on
 * a checkpoint PUT), no array or object of more than 10,000 items and at most 100,000 values in all
 * (a megabyte of `[1,1,1,…]` is 500,000, which JSON.parse and the validators took over a second for:
 * issue 60).
 */
export const JSON_SHAPE: ShapeLimits = { maxDepth: MAX_JSON_DEPTH, maxItems: 10_000, maxValues: 100_000 };

type Verify = (req: unknown, res: unknown, body: Buffer) => void;

/** Every JSON body parser of the server: express.json with its limit, refusing hostile shapes. */
export const parseJsonBody = (options: {
  limit: string | number;
  type?: string | string[] | (() => boolean);
  verify?: Verify;
}) => express.json({ verify: refuseHeavyJson(JSON_SHAPE), ...options });

/** Parses JSON bodies (skipped when the app already did). Accepts `application/*+json` too. */
export const jsonBody = parseJsonBody({
  limit: JSON_LIMIT,
  type: ['application/json', 'application/*+json'],
});
