// CSV import and export of leads with their contacts. One importer, the server's
// (POST /api/v1/contacts/import): the file is checked there first (`dryRun`: every row validated, what
// would be created or updated and each row's error, nothing written), shown as a preview, then
// imported (only the valid rows when some fail). Offline, the import says it needs a connection. The
// export is written in the UI's language (headers and stage names) with each contact's id, and reads
// back through the same importer (the id finds the contact again, so nothing is doubled).
import { useState } from 'react';
import { Dialog } from '../components/ui/Dialog';
import { findStage, pipelineIdOf } from '@app/shared/crm';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { ApiError } from '../data/auth';
import { useWorkspace } from '../data/hooks';
import { stageLabel } from '../data/pipelines';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';
import { toCsv } from '../lib/csv';
import { base64ToBytes, platform } from '../platform/platform';

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
type Preview = { bytes: Uint8Array; report: ImportReport };

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
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);

  const failed = (e: unknown) =>
    setNote({
      error: true,
      text:
        e instanceof ApiError ? t('settings.failed', { message: errorText(t, e) }) : t('csv.needsConnection'),
    });

  const send = (bytes: Uint8Array, query: string) =>
    ws.api.postRaw<ImportReport>(`/contacts/import?${query}`, bytes, 'text/csv; charset=utf-8');

  const importCsv = async () => {
    setNote(null);
    const [file] = await platform.openFile({
      title: t('common.import'),
      filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
    });
    if (!file) return;
    const bytes = base64ToBytes(file.base64);
    setBusy(true);
    try {
      // Every row is checked; nothing is written.
      setPreview({ bytes, report: await send(bytes, 'dryRun=1&skipInvalid=1') });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const some = preview.report.counts.failed > 0;
      setDone(await send(preview.bytes, some ? 'skipInvalid=1' : 'skipInvalid=0'));
      setPreview(null);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

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

  const errors = (r: ImportReport) => r.rows.filter((x) => x.status === 'failed');
  const valid = preview ? preview.report.counts.rows - preview.report.counts.failed : 0;

  return (
    <>
      <button onClick={() => void importCsv()} disabled={busy} data-testid="import-csv">
        {t('common.import')}
      </button>
      <button onClick={() => void exportCsv()} data-testid="export-csv">
        {t('common.export')}
      </button>
      {note && (
        <span
          className={note.error ? 'error small' : 'muted small'}
          role={note.error ? 'alert' : 'status'}
          data-testid="csv-note"
        >
          {note.text}
        </span>
      )}
      {busy && (
        <div className="toast" data-testid="import-progress">
          {t('common.loading')}
        </div>
      )}
      {preview && (
        <Dialog
          onClose={() => setPreview(null)}
          title={t('csv.previewTitle')}
          testId="import-preview"
          dismissable={!busy}
        >
          <p data-testid="import-preview-counts">{t('csv.previewCounts', preview.report.counts)}</p>
          {errors(preview.report).length > 0 && (
            <ul className="errors" data-testid="import-preview-errors">
              {errors(preview.report).map((e) => (
                <li key={e.row}>{t('leads.importRow', { row: e.row, error: e.reason ?? '' })}</li>
              ))}
            </ul>
          )}
          <div className="reply-actions">
            <button onClick={() => setPreview(null)}>{t('common.cancel')}</button>
            <button
              className="primary"
              disabled={busy || valid === 0}
              onClick={() => void confirm()}
              data-testid="import-confirm"
            >
              {preview.report.counts.failed > 0 ? t('csv.importValid', { n: valid }) : t('csv.importAll')}
            </button>
          </div>
        </Dialog>
      )}
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
            {errors(done).map((e) => (
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
