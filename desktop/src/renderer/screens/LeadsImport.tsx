// CSV import (progress and a per-row error report) and export of leads with their contacts.
import { useState } from 'react';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { insertDocs } from '../data/workspace';
import { useI18n } from '../i18n/i18n';
import { toCsv } from '../lib/csv';
import { leadCsvHeader, planLeadImport, type ImportRowError } from '../lib/lead-import';
import { base64ToBytes, platform } from '../platform/platform';

type Report = { ok: number; errors: ImportRowError[] };

export function LeadsImport({ leads, pipeline }: { leads: LeadDoc[]; pipeline: PipelineDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const importCsv = async () => {
    const [file] = await platform.openFile({
      title: t('common.import'),
      filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
    });
    if (!file) return;
    const text = new TextDecoder().decode(base64ToBytes(file.base64));
    const contacts = await ws.db.contacts.find().exec();
    const existing = new Set(contacts.map((c) => c.email?.toLowerCase()).filter((e): e is string => !!e));
    const plan = planLeadImport(text, new Date().toISOString(), existing, pipeline);
    const errors = [...plan.errors];
    let ok = 0;
    setProgress({ done: 0, total: plan.total });
    const batch = 250;
    for (let i = 0; i < plan.leads.length; i += batch) {
      const c = await insertDocs(ws, 'contacts', plan.contacts.slice(i, i + batch));
      const l = await insertDocs(ws, 'leads', plan.leads.slice(i, i + batch));
      ok += l.ok;
      for (const f of [...c.failed, ...l.failed]) errors.push({ row: 0, error: `${f.id}: ${f.error}` });
      setProgress({ done: plan.errors.length + Math.min(plan.leads.length, i + batch), total: plan.total });
      await new Promise((r) => setTimeout(r, 0));
    }
    setProgress(null);
    setReport({ ok, errors: errors.sort((a, b) => a.row - b.row) });
  };

  const exportCsv = async () => {
    const contacts = await ws.db.contacts.find().exec();
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const rows = leads.map((l) => {
      const c = l.contactId ? byId.get(l.contactId) : undefined;
      const tg = c?.identities.find((i) => i.channel === 'telegram');
      return [
        c?.name ?? '',
        c?.company ?? '',
        c?.email ?? '',
        c?.phone ?? '',
        tg?.username ?? tg?.externalId ?? '',
        l.title,
        l.stage,
        l.value?.amount ?? '',
        l.value?.currency ?? '',
        (l.tags ?? []).join(';'),
      ];
    });
    const result = await platform.saveFile({
      defaultName: 'leads.csv',
      content: toCsv(leadCsvHeader, rows),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (result.saved) setNote(t('leads.exported', { n: rows.length }));
  };

  return (
    <>
      <button onClick={importCsv} data-testid="import-csv">
        {t('common.import')}
      </button>
      <button onClick={exportCsv} data-testid="export-csv">
        {t('common.export')}
      </button>
      {note && <span className="muted small">{note}</span>}
      {progress && (
        <div className="toast" data-testid="import-progress">
          {t('leads.importProgress', progress)}
          <progress value={progress.done} max={progress.total} />
        </div>
      )}
      {report && (
        <div className="overlay" onMouseDown={() => setReport(null)}>
          <div
            className="dialog"
            role="dialog"
            onMouseDown={(e) => e.stopPropagation()}
            data-testid="import-report"
          >
            <h2>{t('leads.importDone', { ok: report.ok, failed: report.errors.length })}</h2>
            <ul className="errors">
              {report.errors.map((e, i) => (
                <li key={i}>{t('leads.importRow', { row: e.row, error: e.error })}</li>
              ))}
            </ul>
            <button className="primary" onClick={() => setReport(null)}>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
