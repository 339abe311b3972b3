// The catalog's CSV import and export (admins), both the server's (POST /api/v1/products/import,
// GET /api/v1/products/export.csv: one format, by SKU). The import is a dry run first: each row's
// outcome and error is shown, nothing written; then the valid rows are imported. Both need a
// connection; offline, the note says so.
import { useState } from 'react';
import { Dialog } from '../../components/ui/Dialog';
import { ApiError } from '../../data/auth';
import { useWorkspace } from '../../data/hooks';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { base64ToBytes, platform } from '../../platform/platform';

/** The server's report (sync-server/src/csv/import-products.ts). */
type ImportReport = {
  written: boolean;
  counts: { rows: number; created: number; updated: number; unchanged: number; failed: number };
  rows: { row: number; sku?: string; status: string; reason?: string }[];
};

/**
 * `importRef`: set to the import's start, so another control (the empty catalog's "Import a price
 * list") opens the same file picker and preview.
 */
export function CatalogCsv({ importRef }: { importRef?: { current: (() => void) | null } } = {}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ bytes: Uint8Array; report: ImportReport } | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);

  const failed = (e: unknown, offline: string) =>
    setNote({
      error: true,
      text: e instanceof ApiError ? t('settings.failed', { message: errorText(t, e) }) : offline,
    });
  const send = (bytes: Uint8Array, query: string) =>
    ws.api.postRaw<ImportReport>(`/products/import?${query}`, bytes, 'text/csv; charset=utf-8');

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
      setPreview({ bytes, report: await send(bytes, 'dryRun=1') });
    } catch (e) {
      failed(e, t('csv.needsConnection'));
    } finally {
      setBusy(false);
    }
  };

  if (importRef) importRef.current = () => void importCsv();

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setDone(
        await send(preview.bytes, preview.report.counts.failed > 0 ? 'skipInvalid=1' : 'skipInvalid=0'),
      );
      setPreview(null);
      // The imported products arrive with the next replication: ask for it now.
      ws.sync.syncNow();
    } catch (e) {
      failed(e, t('csv.needsConnection'));
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = async () => {
    setNote(null);
    try {
      const res = await ws.authFetch(`${ws.session.serverUrl}/api/v1/products/export.csv?sep=comma`);
      if (!res.ok) throw new ApiError(res.status, 'export-failed', await res.text());
      const result = await platform.saveFile({
        defaultName: 'products.csv',
        content: await res.text(),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (result.saved) setNote({ error: false, text: t('catalog.exported') });
    } catch (e) {
      failed(e, t('catalog.exportNeedsConnection'));
    }
  };

  const errors = (r: ImportReport) => r.rows.filter((x) => x.status === 'failed');
  const valid = preview ? preview.report.counts.rows - preview.report.counts.failed : 0;

  return (
    <>
      <button type="button" onClick={() => void importCsv()} disabled={busy} data-testid="catalog-import">
        {t('common.import')}
      </button>
      <button type="button" onClick={() => void exportCsv()} data-testid="catalog-export">
        {t('common.export')}
      </button>
      {note && (
        <span
          className={note.error ? 'error small' : 'muted small'}
          role={note.error ? 'alert' : 'status'}
          data-testid="catalog-csv-note"
        >
          {note.text}
        </span>
      )}
      {preview && (
        <Dialog
          onClose={() => setPreview(null)}
          title={t('csv.previewTitle')}
          testId="catalog-import-preview"
          dismissable={!busy}
        >
          <p data-testid="catalog-import-counts">{t('catalog.previewCounts', preview.report.counts)}</p>
          {errors(preview.report).length > 0 && (
            <ul className="errors" data-testid="catalog-import-errors">
              {errors(preview.report).map((e) => (
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
              data-testid="catalog-import-confirm"
            >
              {preview.report.counts.failed > 0 ? t('csv.importValid', { n: valid }) : t('csv.importAll')}
            </button>
          </div>
        </Dialog>
      )}
      {done && (
        <Dialog
          onClose={() => setDone(null)}
          testId="catalog-import-report"
          title={t('catalog.importDone', done.counts)}
        >
          <button type="button" className="primary" onClick={() => setDone(null)}>
            {t('common.close')}
          </button>
        </Dialog>
      )}
    </>
  );
}
