// CSV import of contacts (with an optional lead per row) and CSV exports of contacts and leads.
import type { Response, Router } from 'express';
import { z } from 'zod';
import type { AuthContext, ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import { contactHeaders, contactRow, leadHeaders, leadRow } from '../csv/export-rows';
import { importContactsCsv } from '../csv/import-contacts';
import type { ImportRunOptions } from '../csv/import-report';
import { BOM, csvLine, type Separator } from '../csv/write-csv';
import { readPipelines } from '../store/team-pipelines';
import type { RouteRegistry, RouteSpec } from '../http/registry';
import { readUpload } from '../http/upload';
import { apiDocs, type ApiDocs } from '../store/data';

export const CSV_MAX_BYTES = 5 * 1024 * 1024;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** The query of every CSV import (`?dryRun=&skipInvalid=`) and export (`?sep=`): contacts', leads' and products'. */
export const importQuery = z.strictObject({ dryRun: flag.optional(), skipInvalid: flag.optional() });
export const exportQuery = z.strictObject({ sep: z.enum(['comma', 'semicolon']).default('comma') });

/** The separator an export's `?sep=` asks for. */
export const separatorOf = (query: unknown): Separator =>
  parse(exportQuery, query).sep === 'semicolon' ? ';' : ',';

/** What every import report starts with (contacts' and products'): the mode, the delimiter, the columns. */
export const importReportHead = {
  dryRun: z.boolean(),
  written: z.boolean(),
  delimiter: z.string(),
  columns: z.object({ mapped: z.record(z.string(), z.string()), ignored: z.array(z.string()) }),
};

const report = z.object({
  ...importReportHead,
  counts: z.object({
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    skipped: z.number(),
    failed: z.number(),
    leadsCreated: z.number(),
  }),
  rows: z.array(
    z.object({
      row: z.number(),
      status: z.enum(['created', 'updated', 'skipped', 'failed', 'proposed']),
      contactId: z.string().optional(),
      leadId: z.string().optional(),
      lead: z.enum(['created', 'exists']).optional(),
      reason: z.string().optional(),
      proposal: z.lazy(() => mergeProposal).optional(),
    }),
  ),
  /** Rows not merged: they matched a contact only by an e-mail or phone its customer merely typed. */
  proposals: z.array(z.lazy(() => mergeProposal)),
});

const mergeProposal = z.object({
  row: z.number(),
  contactId: z.string(),
  matchedBy: z.array(z.string()),
  reason: z.string(),
});

export const csvFile = { mediaType: 'text/csv', description: 'UTF-8 with BOM, CRLF line ends' };

/** Sends the headers of a CSV download named `name`. */
export function csvAttachment(res: Response, name: string): void {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${name}"`);
}

/** Every doc of a team's collection, a page of 1000 at a time, in id order. */
async function eachPage(db: ApiDocs, page: (docs: (Record<string, unknown> & { id: string })[]) => void) {
  let after: string | undefined;
  for (;;) {
    const got = await db.scan({ after, limit: 1000, batch: 1000, maxScan: 1000 });
    page(got.items.map((i) => i.doc));
    if (got.done || got.last === null) break;
    after = got.last;
  }
}

/** What every import is asked: a dry run or not, skip the invalid rows or not, and the time. */
export type ImportOptions = ImportRunOptions;

/**
 * The handler of a CSV import (`?dryRun=&skipInvalid=`, the body or a multipart file part):
 * 201 with the report when rows were written, 200 when not.
 */
export function importRoute(
  deps: ServerDeps,
  run: (auth: AuthContext, bytes: Uint8Array, options: ImportOptions) => Promise<{ written: boolean }>,
) {
  return route(async (req, res) => {
    const auth = authOf(res);
    const q = parse(importQuery, req.query);
    const upload = await readUpload(req, CSV_MAX_BYTES);
    const result = await run(auth, upload.bytes, {
      dryRun: q.dryRun ?? false,
      skipInvalid: q.skipInvalid ?? false,
      now: deps.now(),
    });
    res.status(result.written ? 201 : 200).json(result);
  });
}

/** What a CSV download's route says of itself: the method, the `?sep=` query and the answer are its own. */
export type CsvExportSpec = Pick<RouteSpec, 'path' | 'summary' | 'tag' | 'access'>;

/**
 * Adds a CSV download (`GET path?sep=comma|semicolon`): `write` sends the file of the caller's team
 * in the separator asked for.
 */
export function addCsvExport(
  router: Router,
  registry: RouteRegistry,
  spec: CsvExportSpec,
  write: (res: Response, auth: AuthContext, sep: Separator) => Promise<void>,
): void {
  registry.add(
    router,
    { method: 'get', ...spec, query: exportQuery, response: csvFile },
    route(async (req, res) => write(res, authOf(res), separatorOf(req.query))),
  );
}

async function streamCsv(
  res: Response,
  name: string,
  sep: Separator,
  headers: string[],
  db: ApiDocs,
  row: (d: Record<string, unknown> & { id: string }) => unknown[],
) {
  csvAttachment(res, name);
  res.write(BOM + csvLine(headers, sep));
  await eachPage(db, (docs) => res.write(docs.map((d) => csvLine(row(d), sep)).join('')));
  res.end();
}

export function addCsvRoutes(router: Router, registry: RouteRegistry, deps: ServerDeps): void {
  const tag = 'csv';
  registry.add(
    router,
    {
      method: 'post',
      path: '/contacts/import',
      summary:
        'Import contacts (and a lead per row) from CSV: raw body or multipart `file`; `,` `;` or tab; English or Russian headers; dedup by e-mail, phone, Telegram id; all rows or nothing (400 with the failed rows unless skipInvalid=true)',
      tag,
      access: [
        { resource: 'contacts', op: 'create' },
        { resource: 'contacts', op: 'update' },
        { resource: 'leads', op: 'create' },
      ],
      query: importQuery,
      body: {
        mediaType: 'text/csv',
        description: `CSV up to ${CSV_MAX_BYTES} bytes (or multipart/form-data with a file part)`,
      },
      response: report,
    },
    importRoute(deps, (auth, bytes, options) =>
      importContactsCsv(deps.store, auth.teamId, bytes, {
        ...options,
        by: { kind: 'rep', id: auth.userId, name: auth.email },
      }),
    ),
  );

  addCsvExport(
    router,
    registry,
    {
      path: '/contacts/export.csv',
      summary: 'All contacts as CSV (sep=semicolon for Russian Excel)',
      tag,
      access: { resource: 'contacts', op: 'read' },
    },
    (res, auth, sep) =>
      streamCsv(
        res,
        'contacts.csv',
        sep,
        contactHeaders,
        apiDocs(deps.store, auth.teamId, 'contacts'),
        contactRow,
      ),
  );

  addCsvExport(
    router,
    registry,
    {
      path: '/leads/export.csv',
      summary: 'All leads as CSV, with their contact names, pipeline and stage names and probabilities',
      tag,
      access: [
        { resource: 'leads', op: 'read' },
        { resource: 'contacts', op: 'read' },
      ],
    },
    async (res, auth, sep) => {
      const names = new Map<string, string>();
      await eachPage(apiDocs(deps.store, auth.teamId, 'contacts'), (docs) => {
        for (const d of docs) names.set(d.id, String(d.name ?? ''));
      });
      const pipelines = await readPipelines(deps.store, auth.teamId);
      await streamCsv(res, 'leads.csv', sep, leadHeaders, apiDocs(deps.store, auth.teamId, 'leads'), (l) =>
        leadRow(l, names.get(String(l.contactId)), pipelines),
      );
    },
  );
}
