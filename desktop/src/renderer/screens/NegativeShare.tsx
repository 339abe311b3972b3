// Analytics (issue 62): the share of conversations started in the period whose customer was angry or
// abusive, in all and per channel (shared/src/crm/mood-analytics.ts, as GET /analytics/summary gives
// it), from the inbox's conversation rows; a panel of the dashboard's grid like the charts beside it.
import { useMemo } from 'react';
import { negativeConversations, type Period } from '@app/shared/crm';
import { useConversationIndex } from '../data/list-indexes';
import { useFormat, useI18n } from '../i18n/i18n';
import { channelLabel } from '../i18n/labels';

export function NegativeShare({ period }: { period: Period }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { index, version } = useConversationIndex();
  const figures = useMemo(
    () => negativeConversations(index.rows.values(), period),
    // `version` stands for the rows: the index changes them in place.
    [index, version, period],
  );
  if (!figures.conversations) return null;
  return (
    <section className="panel" data-testid="analytics-negative">
      <div className="panel-head-row">
        <div className="dash-title">
          <h3>{t('mood.analytics.title')}</h3>
        </div>
      </div>
      <p className="muted small">{t('mood.analytics.share', { share: figures.share })}</p>
      {/* Its frame scrolls sideways where the card is narrower than the table (a phone). */}
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table compact">
          <thead>
            <tr>
              <th>{t('mood.analytics.channel')}</th>
              <th>{t('mood.analytics.negative')}</th>
              <th>{t('mood.analytics.total')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byChannel.map((c) => (
              <tr key={c.channel}>
                <td>{channelLabel(t, c.channel)}</td>
                <td>
                  {c.negative} ({fmt.percent(c.share)})
                </td>
                <td>{c.conversations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
