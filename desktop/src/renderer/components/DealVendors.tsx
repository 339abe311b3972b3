// An event deal's vendors (issue 39): each vendor the Vendors agent asked for a quote, through which
// channel and when, where the request stands (requested, quoted, contracted, declined) and the vendor's
// answer with its amount; a rep contracts or declines a quoted vendor, or undoes that (the deal's
// `vendorRequests`, written on the device and synced like any edit of the deal).
import { decideVendorRequest, type VendorRequest } from '@app/shared/crm';
import type { LeadDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { useFormat, useI18n, type MessageKey } from '../i18n/i18n';

function VendorRow({ lead, request }: { lead: LeadDoc; request: VendorRequest }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const decide = (status: 'quoted' | 'contracted' | 'declined') => {
    const next = decideVendorRequest(
      lead,
      request.vendorId,
      status,
      ws.session.email ?? ws.session.userId ?? 'rep',
      new Date().toISOString(),
    );
    if (next) void updateDoc(ws, 'leads', lead.id, { vendorRequests: next.vendorRequests });
  };
  const quote = request.quote;
  const open = request.status === 'requested' || request.status === 'quoted';
  return (
    <li data-testid="deal-vendor" data-status={request.status}>
      <strong>{request.name}</strong>
      {request.kind && (
        <span className="muted"> · {t(`vendors.kind.${request.kind}` as MessageKey)}</span>
      )}{' '}
      <span className="pill small" data-testid="deal-vendor-status">
        {t(`vendors.status.${request.status}` as MessageKey)}
      </span>
      <div className="muted small">
        {t('vendors.asked', {
          channel: t(`vendors.channel.${request.channel}` as MessageKey),
          at: fmt.dateTime(request.requestedAt),
        })}
      </div>
      {quote && (
        <div className="small" data-testid="deal-vendor-quote">
          {quote.amount !== undefined && quote.currency
            ? t('vendors.quote', { amount: fmt.money(quote.amount, quote.currency) })
            : t('vendors.quoteNoAmount')}
          <blockquote className="muted">{quote.text}</blockquote>
        </div>
      )}
      {mayDo(ws.role, 'leads', 'update') && (
        <div className="row-actions">
          {open && (
            <>
              <button type="button" data-testid="deal-vendor-contract" onClick={() => decide('contracted')}>
                {t('vendors.contract')}
              </button>
              <button type="button" data-testid="deal-vendor-decline" onClick={() => decide('declined')}>
                {t('vendors.decline')}
              </button>
            </>
          )}
          {!open && (
            <button type="button" data-testid="deal-vendor-reopen" onClick={() => decide('quoted')}>
              {t('vendors.reopen')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export function DealVendors({ lead }: { lead: LeadDoc }) {
  const { t } = useI18n();
  const requests = lead.vendorRequests ?? [];
  if (requests.length === 0) return null;
  return (
    <section data-testid="deal-vendors">
      <h3>{t('vendors.onDeal')}</h3>
      <ul className="small">
        {requests.map((r) => (
          <VendorRow key={r.vendorId} lead={lead} request={r} />
        ))}
      </ul>
    </section>
  );
}
