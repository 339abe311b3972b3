// A CSV of contacts (and optionally one lead per row) into a team: decode, parse, map the columns,
// check every row, plan against existing data, and write all or nothing. Rows that would merge into a
// contact only by a customer's claimed e-mail or phone are reported as proposals, not written.
import { DomainError } from '@app/shared/errors';
import { stageChangeOf, type StageActor } from '@app/shared/schemas';
import type { Store } from '../context';
import { asCollectionDoc } from '../store/collections';
import { recordStageChanges } from '../store/stage-changes';
import { apiDocs } from '../store/data';
import { readPipelines } from '../store/team-pipelines';
import { mapColumns, rowValues } from './columns';
import { decodeText } from './decode-text';
import { commitWrites } from './import-commit';
import { planImport, type MergeProposal, type PlanInput, type RowReport } from './import-plan';
import { parseTable } from './parse-table';
import { teamPhoneRegion } from '../store/phone-region';
import { teamCurrency } from '../store/team-currency';
import { rowFields } from './row-fields';
import type { ImportReportHead, ImportRunOptions } from './import-report';

export type ImportOptions = ImportRunOptions & {
  /** Who imports: the created deals' first stage-history record is theirs. */
  by?: StageActor;
};

export type ImportReport = ImportReportHead & {
  counts: {
    rows: number;
    created: number;
    updated: number;
    skipped: number;
    failed: number;
    leadsCreated: number;
  };
  rows: RowReport[];
  /** Merges not done because the row matched only identifiers a customer claimed (for a rep to confirm). */
  proposals: MergeProposal[];
};

export async function importContactsCsv(
  store: Store,
  teamId: string,
  bytes: Uint8Array,
  o: ImportOptions,
): Promise<ImportReport> {
  const table = parseTable(decodeText(bytes, 'CSV file'));
  const columns = mapColumns(table.headers);
  if (
    !['name', 'firstName', 'lastName', 'email', 'phone', 'telegram', 'telegramUsername'].some((f) =>
      columns.fields.has(f as never),
    )
  ) {
    throw new DomainError(
      'validation-failed',
      `No contact columns found (headers: ${table.headers.slice(0, 10).join(', ')}); expected e.g. name/Имя, email/Почта, phone/Телефон`,
    );
  }
  const pipelines = await readPipelines(store, teamId);
  const region = await teamPhoneRegion(store, teamId);
  const currency = await teamCurrency(store, teamId);
  const inputs: PlanInput[] = table.rows.map(({ row, cells }) => {
    const result = rowFields(rowValues(columns, cells), pipelines, region, currency);
    return result.ok ? { row, fields: result.fields } : { row, reasons: result.reasons };
  });
  const existing = (await apiDocs(store, teamId, 'contacts').all()).map((i) => ({ ...i.doc, _rev: i.rev }));
  const leads = ['leadTitle', 'stage', 'amount', 'pipeline'].some((f) => columns.fields.has(f as never))
    ? (await apiDocs(store, teamId, 'leads').all()).map((i) => i.doc)
    : [];
  const plan = planImport(inputs, existing, leads, o.now);
  const count = (s: RowReport['status']) => plan.rows.filter((r) => r.status === s).length;
  const report: ImportReport = {
    dryRun: o.dryRun,
    written: false,
    delimiter: table.delimiter,
    columns: {
      mapped: Object.fromEntries([...columns.fields].map(([field, index]) => [table.headers[index]!, field])),
      ignored: [...columns.ignored, ...columns.duplicated],
    },
    counts: {
      rows: plan.rows.length,
      created: count('created'),
      updated: count('updated'),
      skipped: count('skipped'),
      failed: count('failed'),
      leadsCreated: plan.rows.filter((r) => r.lead === 'created').length,
    },
    rows: plan.rows,
    proposals: plan.proposals,
  };
  if (report.counts.failed > 0 && !o.skipInvalid) {
    throw new DomainError(
      'validation-failed',
      `${report.counts.failed} of ${report.counts.rows} rows failed; nothing was imported (see details.rows, or pass skipInvalid=true)`,
      {
        details: { ...report, rows: plan.rows.filter((r) => r.status === 'failed').slice(0, 500) },
      },
    );
  }
  if (!o.dryRun && plan.writes.length) {
    await commitWrites(store, teamId, plan.writes);
    report.written = true;
    // Each created deal's stage history starts with its creation in its stage (schemas/stage-changes.ts).
    const at = o.now.toISOString();
    await recordStageChanges(
      store,
      teamId,
      plan.writes
        .filter((w) => w.collection === 'leads')
        .map((w) =>
          stageChangeOf(null, asCollectionDoc('leads', w.doc), o.by ?? { kind: 'system' }, at, 'import'),
        ),
    );
  }
  return report;
}
