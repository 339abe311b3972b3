// How much work one knowledge file may ask for: its unpacked size (DOCX is a ZIP), its pages (PDF) and
// its extracted characters. Over a limit, parsing stops with a `file-over-limit` error (422) whose
// message names the limit, so a hostile or oversized file fails fast with a reason.
import { DomainError } from '../errors';

export type KnowledgeLimits = {
  /** Sum of a ZIP's (DOCX's) entries once inflated, declared or actual. */
  maxUnpackedBytes: number;
  /** Entries in a ZIP's central directory. */
  maxZipEntries: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Characters of text extracted from one file. */
  maxChars: number;
};

export const defaultKnowledgeLimits: KnowledgeLimits = {
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxPages: 2_000,
  maxChars: 5_000_000,
};

export const withDefaultLimits = (limits: Partial<KnowledgeLimits> = {}): KnowledgeLimits => ({
  ...defaultKnowledgeLimits,
  ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
});

// Made when the module loads: the first number format loads locale data (~50 ms), which would
// otherwise fall on the request that refuses a file.
const fmt = new Intl.NumberFormat('en-US').format;

/** The error for a file over one limit: `what` is measured, `limit` the allowed most. */
export function overLimit(name: string, what: string, actual: number | string, limit: number, unit = '') {
  const got = typeof actual === 'number' ? `${fmt(actual)}${unit}` : actual;
  return new DomainError(
    'file-over-limit',
    `${name}: ${what} is ${got}, over the limit of ${fmt(limit)}${unit}`,
    { details: { limit: what, max: limit } },
  );
}

/** Throws when a text (or the sum of texts) is longer than `maxChars`. */
export function checkChars(name: string, chars: number, limits: KnowledgeLimits): void {
  if (chars > limits.maxChars)
    throw overLimit(name, 'the extracted text', chars, limits.maxChars, ' characters');
}
