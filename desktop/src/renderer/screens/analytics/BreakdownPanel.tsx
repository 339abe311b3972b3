// The Analytics screen's breakdown (issue 63: split out of Analytics.tsx): deals and conversations by
// channel, rep, pipeline or source campaign, as bars and a table.
import type { PipelineDoc } from '@app/shared/schemas';
import { memberName, useMembers } from '../../data/members';
import { pipelineLabel } from '../../data/pipelines';
import { breakdownCsv, groupByKeys, type GroupBy } from '../../lib/analytics';
import { baseOptions, type ChartKit, type Figures } from './chart-kit';
import { BarChart, ChartPanel, DataTable } from './ChartPanel';

const channelKeys = ['telegram', 'webchat', 'email', 'vk', 'phone', 'manual'] as const;

/** Deals and conversations by channel, owner, pipeline or another grouping the rep picks. */
export function BreakdownPanel(props: {
  kit: ChartKit;
  groups: Figures['groups'];
  groupBy: GroupBy;
  setGroupBy: (g: GroupBy) => void;
  pipelines: PipelineDoc[];
}) {
  const { kit, groups, groupBy, setGroupBy, pipelines } = props;
  const { t, fmt, tag, c, names, file, rateCell } = kit;
  const members = useMembers();
  const groupName = (key: string): string => {
    if (key === '') return t('analytics.none');
    if (groupBy === 'channel') {
      return (channelKeys as readonly string[]).includes(key)
        ? t(`channel.${key as (typeof channelKeys)[number]}`)
        : key;
    }
    if (groupBy === 'owner') return memberName(members.find((m) => m.id === key)) ?? key;
    if (groupBy === 'pipeline') {
      const p = pipelines.find((x) => x.id === key);
      return p ? pipelineLabel(t, p) : key;
    }
    return key;
  };
  const groupsTable = breakdownCsv(names, groups, groupName);
  // The breakdown's first response: seconds in the CSV, one unit (its largest cell's) on screen.
  const firstCol = groupsTable.header.length - 1;
  const firstUnit = fmt.durationUnit(Math.max(0, ...groups.map((g) => g.firstResponseMs.median)));
  const groupsShown = {
    ...groupsTable,
    header: [...groupsTable.header.slice(0, firstCol), t('analytics.col.firstResponseShown')],
  };
  const groupRateCols = [4, 5, groupsTable.header.length - 2];
  return (
    <ChartPanel
      id="analytics-breakdown"
      wide
      title={t('analytics.breakdown')}
      info={t('analytics.breakdownNote')}
      csv={() => groupsTable}
      fileName={file(`by-${groupBy}`)}
    >
      <label className="inline group-by">
        {t('analytics.groupBy')}{' '}
        <select
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as GroupBy)}
          data-testid="analytics-group-by"
        >
          {groupByKeys.map((g) => (
            <option key={g} value={g}>
              {t(`analytics.groupBy.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <BarChart
        label={t('analytics.breakdown')}
        data={{
          labels: groups.map((g) => groupName(g.key)),
          datasets: [
            {
              label: t('analytics.chart.created'),
              data: groups.map((g) => g.leads.created),
              backgroundColor: c.accent,
            },
            {
              label: t('analytics.chart.won'),
              data: groups.map((g) => g.leads.won),
              backgroundColor: c.success,
            },
          ],
        }}
        options={baseOptions<'bar'>(tag, {
          scales: {
            x: { ticks: { color: c.muted }, grid: { display: false } },
            y: { ticks: { color: c.muted, precision: 0 }, grid: { color: c.line }, beginAtZero: true },
          },
        })}
      />
      <DataTable
        table={groupsShown}
        testId="analytics-breakdown-table"
        fmtCell={(v, col) =>
          col !== firstCol
            ? rateCell(groupRateCols)(v, col)
            : typeof v === 'number'
              ? fmt.durationIn(v * 1000, firstUnit)
              : '—'
        }
      />
    </ChartPanel>
  );
}
