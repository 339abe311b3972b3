// The Analytics screen's choice of period (issue 63: split out of Analytics.tsx): a range the device
// remembers, or custom dates from and to.
import { DateField } from '../../components/ui/DateField';
import { useI18n } from '../../i18n/i18n';
import { ranges, type Range } from '../../lib/analytics';
import { rememberRange } from '../../lib/analytics-range';

/** A calendar day (YYYY-MM-DD, local) to the ISO time its day starts; `next` for the day after. */
export const dayStart = (day: string, next = false) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (next ? 1 : 0)).toISOString();
};

export type CustomRange = { from: string; to: string };

/** The period's choice: a range (remembered), or custom dates from and to. */
export function RangePicker({
  range,
  setRange,
  custom,
  setCustom,
}: {
  range: Range | 'custom';
  setRange: (r: Range | 'custom') => void;
  custom: CustomRange;
  setCustom: (c: CustomRange) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <select
        value={range}
        onChange={(e) => {
          const next = e.target.value as Range | 'custom';
          rememberRange(next);
          setRange(next);
        }}
        aria-label={t('analytics.range')}
        data-testid="analytics-range"
      >
        {ranges.map((r) => (
          <option key={r} value={r}>
            {t(`analytics.range.${r}`)}
          </option>
        ))}
        <option value="custom">{t('analytics.range.custom')}</option>
      </select>
      {range === 'custom' && (
        <>
          <label>
            {t('analytics.from')}{' '}
            <DateField
              value={custom.from}
              onChange={(from) => setCustom({ ...custom, from })}
              testId="analytics-from"
            />
          </label>
          <label>
            {t('analytics.to')}{' '}
            <DateField
              value={custom.to}
              onChange={(to) => setCustom({ ...custom, to })}
              testId="analytics-to"
            />
          </label>
        </>
      )}
    </>
  );
}
