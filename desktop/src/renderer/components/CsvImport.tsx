// One CSV import through the server (a dry run first: every row checked, nothing written, shown as a
// preview with each failed row; then only the valid rows imported): the state, the note and the
// preview dialog the leads' (LeadsImport.tsx) and the catalog's (CatalogCsv.tsx) imports share.
import { useState } from 'react';
import { Dialog } from './ui/Dialog';
import { ApiError } from '../data/auth';
import { useWorkspace } from '../data/hooks';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n';
import { base64ToBytes, platform } from '../platform/platform';

/** What every import report of the server holds (sync-server/src/api/csv-routes.ts). */
export type CsvImportReport = {
  written: boolean;
  counts: { rows: number; failed: number };
  rows: { row: number; status: string; reason?: string }[];
};
export type CsvNote = { error: boolean; text: string };

/** The rows of a report that failed. */
export const failedRows = (r: CsvImportReport) => r.rows.filter((x) => x.status === 'failed');

/**
 * The import's state: `path` the server's import (`/contacts/import`), `dryRun` the preview's query,
 * `imported` what to do once rows are written.
 */
export function useCsvImport<R extends CsvImportReport>({
  path,
  dryRun,
  imported,
}: {
  path: string;
  dryRun: string;
  imported?: () => void;
}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ bytes: Uint8Array; report: R } | null>(null);
  const [done, setDone] = useState<R | null>(null);
  const [note, setNote] = useState<CsvNote | null>(null);

  const failed = (e: unknown, offline = t('csv.needsConnection')) =>
    setNote({
      error: true,
      text: e instanceof ApiError ? t('settings.failed', { message: errorText(t, e) }) : offline,
    });
  const send = (bytes: Uint8Array, query: string) =>
    ws.api.postRaw<R>(`${path}?${query}`, bytes, 'text/csv; charset=utf-8');
  const busyWith = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const importCsv = async () => {
    setNote(null);
    const [file] = await platform.openFile({
      title: t('common.import'),
      filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
    });
    if (!file) return;
    const bytes = base64ToBytes(file.base64);
    await busyWith(async () => setPreview({ bytes, report: await send(bytes, dryRun) }));
  };

  const confirm = async () => {
    if (!preview) return;
    await busyWith(async () => {
      const some = preview.report.counts.failed > 0;
      setDone(await send(preview.bytes, some ? 'skipInvalid=1' : 'skipInvalid=0'));
      setPreview(null);
      imported?.();
    });
  };

  return { busy, preview, setPreview, done, setDone, note, setNote, failed, importCsv, confirm };
}

/** The import's or export's note: an error as an alert, a result as a status. */
export function CsvNoteText({ note, testId }: { note: CsvNote | null; testId: string }) {
  if (!note) return null;
  return (
    <span
      className={note.error ? 'error small' : 'muted small'}
      role={note.error ? 'alert' : 'status'}
      data-testid={testId}
    >
      {note.text}
    </span>
  );
}

/** The dry run's dialog: the counts, each failed row, and import (all, or only the valid rows). */
export function CsvImportPreview<R extends CsvImportReport>({
  csv,
  counts,
  testIds,
}: {
  csv: ReturnType<typeof useCsvImport<R>>;
  /** The counts' text. */
  counts: (report: R) => string;
  testIds: { dialog: string; counts: string; errors: string; confirm: string };
}) {
  const { t } = useI18n();
  const { busy, preview, setPreview, confirm } = csv;
  if (!preview) return null;
  const errors = failedRows(preview.report);
  const valid = preview.report.counts.rows - preview.report.counts.failed;
  return (
    <Dialog
      onClose={() => setPreview(null)}
      title={t('csv.previewTitle')}
      testId={testIds.dialog}
      dismissable={!busy}
    >
      <p data-testid={testIds.counts}>{counts(preview.report)}</p>
      {errors.length > 0 && (
        <ul className="errors" data-testid={testIds.errors}>
          {errors.map((e) => (
            <li key={e.row}>{t('leads.importRow', { row: e.row, error: e.reason ?? '' })}</li>
          ))}
        </ul>
      )}
      <div className="reply-actions">
        <button type="button" onClick={() => setPreview(null)}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || valid === 0}
          onClick={() => void confirm()}
          data-testid={testIds.confirm}
        >
          {preview.report.counts.failed > 0 ? t('csv.importValid', { n: valid }) : t('csv.importAll')}
        </button>
      </div>
    </Dialog>
  );
}
