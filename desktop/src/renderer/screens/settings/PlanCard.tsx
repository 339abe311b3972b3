// The team's plan and how much of each limit it uses (issue 40), for admins: a bar per limit (seats,
// channels, this month's AI replies, knowledge, stored files; the bounds: history, pages per website), a warning from 80%, what happens at a limit (the AI
// stops answering and reps answer; nothing is deleted), the grace days of a failed payment, and the
// providers' checkout when the server takes payments. From GET /billing/plan, so it needs the server.
import { useEffect, useState } from 'react';
import type { LimitReading, PlanId } from '@app/shared/billing';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useFormat } from '../../i18n/i18n';
import { Notice } from './Notice';
import { useCardAction } from './use-card-action';
import './plan-card.css';

type Reading = LimitReading;
type Report = {
  plan: PlanId;
  source: string;
  status: 'active' | 'grace' | 'lapsed';
  graceUntil?: string;
  readings: Reading[];
  billing: { enabled: boolean; providers: string[] };
};

const paid: PlanId[] = ['pro', 'business'];

export function PlanCard() {
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'team_data', 'read');
  const { t, notice, fail } = useCardAction('plan-notice');
  const fmt = useFormat();
  const [report, setReport] = useState<Report | null>(null);
  useEffect(() => {
    if (admin) ws.api.get<Report>('/billing/plan').then(setReport, fail);
  }, [ws, admin, fail]);
  if (!admin) return null;

  const amount = (r: Reading, n: number) =>
    r.key === 'knowledgeBytes' || r.key === 'storageBytes' ? fmt.bytes(n) : fmt.number(n);
  const pay = (plan: PlanId, provider: string) =>
    ws.api
      .post<{ url: string }>('/billing/checkout', { plan, provider })
      .then((r) => window.open(r.url, '_blank', 'noopener'), fail);
  const aiPaused = report?.readings.some((r) => r.key === 'aiReplies' && r.reached);

  return (
    <section className="panel" data-testid="plan-card">
      <h3>{t('plan.title')}</h3>
      {!report ? (
        <p className="muted small">{t('plan.loading')}</p>
      ) : (
        <>
          <p data-testid="plan-name">
            <strong>{t('plan.current', { plan: t(`plan.name.${report.plan}`) })}</strong>
          </p>
          {report.status === 'grace' && report.graceUntil && (
            <p className="pill pill-warning" data-testid="plan-grace">
              {t('plan.grace', { date: fmt.date(report.graceUntil) })}
            </p>
          )}
          {report.status === 'lapsed' && <p className="pill pill-warning">{t('plan.lapsed')}</p>}
          <ul className="plain-list plan-limits">
            {report.readings.map((r) => (
              <li key={r.key} data-testid={`plan-limit-${r.key}`} data-warning={r.warning || undefined}>
                <div className="plan-limit-head">
                  <span>{t(`plan.limit.${r.key}`)}</span>
                  <span className="muted small" data-testid={`plan-usage-${r.key}`}>
                    {r.key === 'historyDays'
                      ? r.limit === null
                        ? t('plan.forever')
                        : t('plan.days', { days: r.limit })
                      : r.key === 'websitePages'
                        ? r.limit === null
                          ? t('plan.forever')
                          : t('plan.pages', { pages: r.limit })
                        : r.limit === null
                          ? t('plan.noLimit', { used: amount(r, r.used ?? 0) })
                          : t('plan.of', { used: amount(r, r.used ?? 0), limit: amount(r, r.limit) })}
                  </span>
                </div>
                {r.share !== null && (
                  <meter
                    className="plan-bar"
                    min={0}
                    max={1}
                    low={0.8}
                    high={0.99}
                    optimum={0}
                    value={Math.min(1, r.share)}
                    aria-label={t(`plan.limit.${r.key}`)}
                  />
                )}
                {r.reached ? (
                  <span className="pill pill-warning small" data-testid={`plan-reached-${r.key}`}>
                    {t('plan.reached')}
                  </span>
                ) : (
                  r.warning && (
                    <span className="pill pill-warning small" data-testid={`plan-warning-${r.key}`}>
                      {t('plan.warning', { percent: fmt.percent(r.share ?? 0) })}
                    </span>
                  )
                )}
              </li>
            ))}
          </ul>
          {aiPaused && <p className="muted small">{t('plan.aiPaused')}</p>}
          {report.billing.enabled ? (
            <div className="plan-actions">
              {paid
                .filter((p) => p !== report.plan)
                .flatMap((p) =>
                  report.billing.providers.map((provider) => (
                    <button type="button" key={`${p}-${provider}`} onClick={() => void pay(p, provider)}>
                      {t('plan.pay', {
                        plan: t(`plan.name.${p}`),
                        provider: t(
                          provider === 'stripe' ? 'plan.provider.stripe' : 'plan.provider.yookassa',
                        ),
                      })}
                    </button>
                  )),
                )}
            </div>
          ) : (
            <p className="muted small">{t('plan.selfHosted')}</p>
          )}
        </>
      )}
      <Notice notice={notice} testId="plan-notice" />
    </section>
  );
}
