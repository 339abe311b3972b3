// The catalog's CSV import and export (admins), both the server's (POST /api/v1/products/import,
// GET /api/v1/products/export.csv: one format, by SKU). The import is a dry run first: each row's
// outcome and error is shown, nothing written; then the valid rows are imported. Both need a
// connection; offline, the note says so.
import { CsvImportPreview, CsvNoteText, useCsvImport } from '../../components/CsvImport';
import { Dialog } from '../../components/ui/Dialog';
import { ApiError } from '../../data/auth';
import { useWorkspace } from '../../data/hooks';
import { useI18n } from '../../i18n/i18n';
import { platform } from '../../platform/platform';

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
  const csv = useCsvImport<ImportReport>({
    path: '/products/import',
    dryRun: 'dryRun=1',
    // The imported products arrive with the next replication: ask for it now.
    imported: () => ws.sync.syncNow(),
  });
  const { busy, done, setDone, note, setNote, failed } = csv;

  if (importRef) importRef.current = () => void csv.importCsv();

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

  return (
    <>
      <button type="button" onClick={() => void csv.importCsv()} disabled={busy} data-testid="catalog-import">
        {t('common.import')}
      </button>
      <button type="button" onClick={() => void exportCsv()} data-testid="catalog-export">
        {t('common.export')}
      </button>
      <CsvNoteText note={note} testId="catalog-csv-note" />
      <CsvImportPreview
        csv={csv}
        counts={(r) => t('catalog.previewCounts', r.counts)}
        testIds={{
          dialog: 'catalog-import-preview',
          counts: 'catalog-import-counts',
          errors: 'catalog-import-errors',
          confirm: 'catalog-import-confirm',
        }}
      />
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
