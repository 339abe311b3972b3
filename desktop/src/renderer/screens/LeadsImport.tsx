// CSV import and export of leads with their contacts. One importer, the server's
// (POST /api/v1/contacts/import): the file is checked there first (`dryRun`: every row validated, what
// would be created or updated and each row's error, nothing written), shown as a preview, then
// imported (only the valid rows when some fail). Offline, the import says it needs a connection. The
// export is written in the UI's language (headers and stage names) with each contact's id, and reads
// back through the same importer (the id finds the contact again, so nothing is doubled).
import { CsvImportPreview, CsvNoteText, failedRows, useCsvImport } from '../components/CsvImport';
import { Dialog } from '../components/ui/Dialog';
import { findStage, pipelineIdOf } from '@app/shared/crm';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { stageLabel } from '../data/pipelines';
import { useI18n } from '../i18n/i18n';
import { toCsv } from '../lib/csv';
import { platform } from '../platform/platform';

/** The server's import report (csv-routes.ts). */
type ImportReport = {
  written: boolean;
  counts: {
    rows: number;
    created: number;
    updated: number;
    skipped: number;
    failed: number;
    leadsCreated: number;
  };
  rows: { row: number; status: string; reason?: string }[];
};

const exportColumns = [
  'id',
  'name',
  'company',
  'email',
  'phone',
  'telegram',
  'deal',
  'pipeline',
  'stage',
  'amount',
  'currency',
  'tags',
] as const;

export function LeadsImport({ pipeline }: { pipeline: PipelineDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  // Every row is checked; nothing is written.
  const csv = useCsvImport<ImportReport>({ path: '/contacts/import', dryRun: 'dryRun=1&skipInvalid=1' });
  const { busy, done, setDone, note, setNote } = csv;

  const exportCsv = async () => {
    // The screens hold deal rows, not deals: the export reads the pipeline's deals when asked for.
    const [all, contacts] = await Promise.all([ws.db.leads.find().exec(), ws.db.contacts.find().exec()]);
    const leads = all.map((d) => d.toJSON() as LeadDoc).filter((l) => pipelineIdOf(l) === pipeline.id);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const pipelineName = pipeline.id === 'default' ? '' : pipeline.name;
    const rows = leads.map((l) => {
      const c = l.contactId ? byId.get(l.contactId) : undefined;
      const stage = findStage(pipeline, l.stage);
      return [
        c?.id ?? '',
        c?.name ?? '',
        c?.company ?? l.company ?? '',
        c?.email ?? '',
        c?.phone ?? '',
        c?.identities.find((i) => i.channel === 'telegram')?.externalId ?? '',
        l.title,
        pipelineName,
        stage ? stageLabel(t, stage) : l.stage,
        l.value?.amount ?? '',
        l.value?.currency ?? '',
        (l.tags ?? []).join(';'),
      ];
    });
    const result = await platform.saveFile({
      defaultName: 'leads.csv',
      content: toCsv(
        exportColumns.map((c) => t(`csv.col.${c}`)),
        rows,
      ),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (result.saved) setNote({ error: false, text: t('leads.exported', { n: rows.length }) });
  };

  return (
    <>
      <button onClick={() => void csv.importCsv()} disabled={busy} data-testid="import-csv">
        {t('common.import')}
      </button>
      <button onClick={() => void exportCsv()} data-testid="export-csv">
        {t('common.export')}
      </button>
      <CsvNoteText note={note} testId="csv-note" />
      {busy && (
        <div className="toast" data-testid="import-progress">
          {t('common.loading')}
        </div>
      )}
      <CsvImportPreview
        csv={csv}
        counts={(r) => t('csv.previewCounts', r.counts)}
        testIds={{
          dialog: 'import-preview',
          counts: 'import-preview-counts',
          errors: 'import-preview-errors',
          confirm: 'import-confirm',
        }}
      />
      {done && (
        <Dialog
          onClose={() => setDone(null)}
          testId="import-report"
          title={t('leads.importDone', {
            ok: done.counts.created + done.counts.updated,
            failed: done.counts.failed,
          })}
        >
          <ul className="errors">
            {failedRows(done).map((e) => (
              <li key={e.row}>{t('leads.importRow', { row: e.row, error: e.reason ?? '' })}</li>
            ))}
          </ul>
          <button className="primary" onClick={() => setDone(null)}>
            {t('common.close')}
          </button>
        </Dialog>
      )}
    </>
  );
}
