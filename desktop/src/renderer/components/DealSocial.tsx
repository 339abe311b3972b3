// An event deal's social report (issue 39): the mentions and comments of the client's event that the
// server's monitors found on VK and in the team bot's Telegram channels, counted by sentiment, the
// negative ones first, each with its text, where and when. Read from the server (the mentions are not
// synced to devices); offline, or with none found, nothing is shown.
import { useEffect, useState } from 'react';
import type { LeadDoc, SocialMention } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { useFormat, useI18n, type MessageKey } from '../i18n/i18n';

type Report = { counts: Record<SocialMention['sentiment']['label'], number>; items: SocialMention[] };

function useSocialReport(leadId: string): Report | undefined {
  const ws = useWorkspace();
  const [report, setReport] = useState<Report>();
  useEffect(() => {
    let live = true;
    const path = `/api/v1/leads/${encodeURIComponent(leadId)}/social`;
    void ws
      .authFetch(`${ws.session.serverUrl}${path}`)
      .then(async (res) => (res.ok ? ((await res.json()) as Report) : undefined))
      .catch(() => undefined)
      .then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [ws, leadId]);
  return report;
}

export function DealSocial({ lead }: { lead: LeadDoc }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const report = useSocialReport(lead.id);
  if (!report?.items.length) return null;
  return (
    <section data-testid="deal-social">
      <h3>{t('social.onDeal')}</h3>
      <p className="muted small">{t('social.counts', report.counts)}</p>
      <ul className="small">
        {report.items.map((m) => (
          <li key={m.id} data-testid="deal-social-item" data-sentiment={m.sentiment.label}>
            <span className="pill small">{t(`social.sentiment.${m.sentiment.label}` as MessageKey)}</span>{' '}
            <span className="muted">
              {t(`social.source.${m.source}` as MessageKey)} · {fmt.dateTime(m.at)}
            </span>
            <blockquote>{m.text}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}
