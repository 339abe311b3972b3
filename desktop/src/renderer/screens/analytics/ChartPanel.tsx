// A chart's panel on the Analytics screen and the table of its numbers (issue 63: split out of
// Analytics.tsx): title with its definition behind an info icon, the chart, and "Export CSV".
import { useState, type ReactNode } from 'react';
import type { ChartData, ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { InfoTip } from '../../components/ui/InfoTip';
import { useI18n } from '../../i18n/i18n';
import { toCsv } from '../../lib/csv';
import type { CsvTable } from '../../lib/analytics';
import { platform } from '../../platform/platform';

/**
 * A chart's panel: title with its definition behind an info icon, a line of figures (`note`), the
 * chart, its numbers, and "Export CSV". A `wide` panel spans the grid's columns.
 */
export function ChartPanel(props: {
  id: string;
  title: string;
  info: ReactNode;
  note?: ReactNode;
  csv: () => CsvTable;
  fileName: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState('');
  const exportCsv = async () => {
    const { header, rows } = props.csv();
    const result = await platform.saveFile({
      defaultName: props.fileName,
      content: toCsv(header, rows),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (result.saved) setSaved(t('analytics.exported', { file: result.fileName ?? props.fileName }));
  };
  return (
    <section className={props.wide ? 'panel span-all' : 'panel'} data-testid={props.id}>
      <div className="panel-head-row info-tip-anchor">
        <div className="dash-title">
          <h3>{props.title}</h3>
          <InfoTip label={t('analytics.definition', { name: props.title })} testId={`${props.id}-info`}>
            {props.info}
          </InfoTip>
        </div>
        <button type="button" className="small" onClick={exportCsv} data-testid={`${props.id}-csv`}>
          {t('analytics.exportCsv')}
        </button>
      </div>
      {props.note && <p className="muted small">{props.note}</p>}
      {props.children}
      {saved && (
        <p className="muted small" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}

/** A panel's bar chart in its box, read by screen readers as one image named by `label`. */
export function BarChart(props: {
  label: string;
  data: ChartData<'bar', Array<number | null>, string>;
  options: ChartOptions<'bar'>;
}) {
  return (
    <div className="chart-box">
      <Bar aria-label={props.label} role="img" data={props.data} options={props.options} />
    </div>
  );
}

/**
 * The numbers behind a chart, as a table (readable without the chart, and what the CSV holds). Its
 * frame scrolls sideways where the card is narrower than the table (a phone), reachable by keyboard.
 */
export function DataTable({
  table,
  testId,
  fmtCell,
}: {
  table: CsvTable;
  testId: string;
  fmtCell?: (v: string | number, col: number) => string;
}) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table compact" data-testid={testId}>
        <thead>
          <tr>
            {table.header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j}>{fmtCell ? fmtCell(v, j) : String(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
