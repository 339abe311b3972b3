// A deal's quote and commercial proposals in the deal editor (issue 38): the quote's lines as the
// catalog computed them (quantity × unit price, the discounts applied, tax, total), who made it and
// when; the proposals made from it, each with its status (draft, sent, opened, accepted), its PDF
// (the server's, or the device's replicated copy offline), and what a rep does next: make one in the
// customer's language or the other, send it through the deal's conversation, accept it for the
// customer (the deal's amount becomes its total). Making, sending and accepting need the server. The
// quote's total becomes the deal's amount in one click too ("Use as the deal's amount"). A line is named
// by its product in the app's language (the line keeps the product's id; its stored name is the
// catalog's main one, shown only for a product no longer in the catalog).
import { useMemo, useState } from 'react';
import { Check } from 'lucide-react';
import type { CommercialProposal, LeadDoc } from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { updateDoc } from '../data/workspace';
import { mayDo } from '../data/role';
import { errorText } from '../i18n/error-text';
import { useFormat, useI18n, type MessageKey } from '../i18n/i18n';
import { QuoteBuilder } from './QuoteBuilder';

type Quote = NonNullable<LeadDoc['quote']>;
type Line = Quote['lines'][number];

/** The proposal's PDF: the server's while online, else the device's replicated copy of the file. */
async function proposalPdf(ws: ReturnType<typeof useWorkspace>, leadId: string, p: CommercialProposal) {
  if (navigator.onLine) {
    const path = `/api/v1/leads/${encodeURIComponent(leadId)}/proposals/${encodeURIComponent(p.id)}/pdf`;
    const res = await ws.authFetch(`${ws.session.serverUrl}${path}`).catch(() => undefined);
    if (res?.ok) return res.blob();
  }
  const local = await ws.files.getFile(p.fileDocId).catch(() => undefined);
  if (local && local.size > 0) return local;
  throw Object.assign(new Error('not on this device, and the server cannot be reached'), {
    code: 'attachment-unavailable',
  });
}

function LineRow({ line, currency, name }: { line: Line; currency: string; name: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const per = line.period && line.period !== 'once' ? t(`quote.per.${line.period}` as MessageKey) : '';
  return (
    <tr data-testid="quote-line">
      <td>
        {name} <span className="muted small">{line.sku}</span>
        {(line.discounts ?? []).map((d, i) => (
          <span key={i} className="pill small" data-testid="quote-discount">
            {t(`quote.discount.${d.kind}` as MessageKey, { percent: d.percent, code: d.code ?? '' })}
          </span>
        ))}
      </td>
      <td className="num">
        {t('quote.times', {
          quantity: fmt.number(line.quantity),
          price: fmt.money(line.unitPrice, currency),
        })}
        {per && ` ${per}`}
      </td>
      <td className="num">{fmt.money(line.total, currency)}</td>
    </tr>
  );
}

/** The product's name in the app's language, by the line's product id (the stored name as a fallback). */
function useLineNames(lines: readonly Line[]) {
  const { locale } = useI18n();
  const { docs: products } = useLiveQuery('products', { limit: 5000 });
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  return lines.map((l) => {
    const p = byId.get(l.productId);
    return (p && (p.names?.[locale] ?? p.name)) || l.name;
  });
}

/** The quote's total as the deal's amount in one click, or a word that it already is. */
function UseTotal({ lead, busy, onUse }: { lead: LeadDoc; busy: boolean; onUse(): void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const quote = lead.quote!;
  const total = fmt.money(quote.total, quote.currency);
  if (lead.value?.amount === quote.total && lead.value.currency === quote.currency)
    return (
      <p className="muted small deal-quote-used" data-testid="quote-is-amount">
        <Check size={14} aria-hidden="true" /> {t('dealPage.quoteIsAmount')}
      </p>
    );
  return (
    <button type="button" disabled={busy} onClick={onUse} data-testid="quote-use-amount">
      {t('dealPage.useQuote', { total })}
    </button>
  );
}

type Workspace = ReturnType<typeof useWorkspace>;

/** A line under the quote's lines: its label across two cells and a sum (subtotal, tax, total). */
function SumRow(p: { label: string; amount: string; className: string; testId?: string }) {
  return (
    <tr className={p.className}>
      <td colSpan={2}>{p.label}</td>
      <td className="num" data-testid={p.testId}>
        {p.amount}
      </td>
    </tr>
  );
}

/** The quote's lines, named in the app's language, then its subtotal and tax (when taxed) and total. */
function QuoteTable({ quote }: { quote: Quote }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const names = useLineNames(quote.lines);
  const money = (n: number) => fmt.money(n, quote.currency);
  return (
    <table className="quote-lines small">
      <tbody>
        {quote.lines.map((line, i) => (
          <LineRow
            key={`${line.productId}-${i}`}
            line={line}
            currency={quote.currency}
            name={names[i] ?? line.name}
          />
        ))}
        {quote.tax !== undefined && quote.subtotal !== undefined && (
          <>
            <SumRow className="muted" label={t('quote.subtotal')} amount={money(quote.subtotal)} />
            <SumRow className="muted" label={t('quote.tax')} amount={money(quote.tax)} />
          </>
        )}
        <SumRow
          className="quote-total"
          label={t('quote.total')}
          amount={money(quote.total)}
          testId="quote-total"
        />
      </tbody>
    </table>
  );
}

/** Who made the quote: the agent, or a rep by name. */
function useQuoteBy(quote: Quote | undefined) {
  const { t } = useI18n();
  if (quote?.by?.kind === 'agent') return t('quote.by.agent');
  if (quote?.by?.kind === 'rep') return t('quote.by.rep', { name: quote.by.name ?? quote.by.id ?? '' });
  return '';
}

/**
 * The quote's server actions, one at a time: which one runs (`busy`, by key), the last one's error as
 * words, and a proposal's PDF downloaded as a file.
 */
function useQuoteActions(ws: Workspace, leadId: string) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (key: string, run: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };
  const download = (p: CommercialProposal) =>
    act(`pdf:${p.id}`, async () => {
      const url = URL.createObjectURL(await proposalPdf(ws, leadId, p));
      const link = document.createElement('a');
      link.href = url;
      link.download = p.fileName ?? `${p.number}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  return { busy, error, act, download };
}

type QuoteActions = ReturnType<typeof useQuoteActions>;

/** Make a proposal from the quote, in the customer's language (the server's choice) or a chosen one. */
function ProposalMaker({
  actions,
  make,
}: {
  actions: QuoteActions;
  make(language: string): Promise<unknown>;
}) {
  const { t } = useI18n();
  // Unset: the server writes it in the customer's language (the conversation's, else the team's).
  const [language, setLanguage] = useState<'' | 'en' | 'ru'>('');
  return (
    <div className="row-inline">
      <label className="inline small">
        {t('proposal.language')}
        <select
          value={language}
          onChange={(e) => setLanguage(e.target.value as '' | 'en' | 'ru')}
          data-testid="proposal-language"
        >
          <option value="">{t('proposal.language.customer')}</option>
          <option value="ru">{t('proposal.language.ru')}</option>
          <option value="en">{t('proposal.language.en')}</option>
        </select>
      </label>
      <button
        type="button"
        disabled={actions.busy !== null}
        onClick={() => void actions.act('make', () => make(language))}
        data-testid="proposal-make"
      >
        {actions.busy === 'make' ? t('proposal.making') : t('proposal.make')}
      </button>
    </div>
  );
}

/** A proposal's status, number, total and validity, its PDF, and (not yet accepted) send and accept. */
function ProposalItem(p: {
  proposal: CommercialProposal;
  actions: QuoteActions;
  /** Whether the rep may send and accept it (a writer, the proposal not yet accepted). */
  mayAct: boolean;
  /** Whether the deal has a conversation to send it through. */
  canSend: boolean;
  post(path: string): Promise<unknown>;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { proposal: x, actions } = p;
  const action = (key: string, label: string, testId: string) => (
    <button
      type="button"
      className="link"
      disabled={actions.busy !== null}
      onClick={() => void actions.act(`${key}:${x.id}`, () => p.post(`/${x.id}/${key}`))}
      data-testid={testId}
    >
      {label}
    </button>
  );
  return (
    <li data-testid="proposal" data-status={x.status}>
      <span className="pill" data-testid="proposal-status">
        {t(`proposal.status.${x.status}` as MessageKey)}
      </span>{' '}
      <strong>{x.number}</strong> · {fmt.money(x.total, x.currency)}
      {x.validUntil && (
        <span className="muted"> · {t('proposal.validUntil', { date: fmt.date(x.validUntil) })}</span>
      )}
      <span className="row-inline">
        <button
          type="button"
          className="link"
          onClick={() => void actions.download(x)}
          data-testid="proposal-pdf"
        >
          {t('proposal.pdf')}
        </button>
        {p.mayAct &&
          p.canSend &&
          action('send', x.sentAt ? t('proposal.resend') : t('proposal.send'), 'proposal-send')}
        {p.mayAct && action('accept', t('proposal.accept'), 'proposal-accept')}
      </span>
    </li>
  );
}

export function DealQuote({
  lead,
  onUseTotal,
}: {
  lead: LeadDoc;
  /** Sets the deal's amount to the quote's total (the editor's, so its form shows it at once). */
  onUseTotal?(amount: number, currency: string): Promise<void>;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const actions = useQuoteActions(ws, lead.id);
  const [building, setBuilding] = useState(false);
  const quote = lead.quote;
  const by = useQuoteBy(quote);
  const proposals = [...(lead.commercialProposals ?? [])].reverse();
  const mayWrite = mayDo(ws.role, 'leads', 'update');
  if (!quote && proposals.length === 0 && !mayWrite) return null;
  const base = `/leads/${encodeURIComponent(lead.id)}/proposals`;
  const useTotal = (q: Quote) =>
    actions.act('amount', () =>
      onUseTotal
        ? onUseTotal(q.total, q.currency)
        : updateDoc(ws, 'leads', lead.id, { value: { amount: q.total, currency: q.currency } }),
    );

  return (
    <section className="deal-quote" data-testid="deal-quote">
      <h3>{t('quote.title')}</h3>
      {building ? (
        <QuoteBuilder lead={lead} onDone={() => setBuilding(false)} />
      ) : (
        mayWrite && (
          <button type="button" className="link" onClick={() => setBuilding(true)} data-testid="quote-build">
            {quote ? t('quote.edit') : t('quote.build')}
          </button>
        )
      )}
      {quote && !building && (
        <>
          <QuoteTable quote={quote} />
          <p className="muted small" data-testid="quote-made">
            {t('quote.made', { at: fmt.dateTime(quote.at), by })}
          </p>
          {mayWrite && (
            <UseTotal lead={lead} busy={actions.busy !== null} onUse={() => void useTotal(quote)} />
          )}
          {mayWrite && (
            <ProposalMaker
              actions={actions}
              make={(language) => ws.api.post(base, language ? { language } : {})}
            />
          )}
        </>
      )}
      {proposals.length > 0 && (
        <>
          <h3>{t('proposal.title')}</h3>
          <ul className="proposals small" data-testid="proposals">
            {proposals.map((p) => (
              <ProposalItem
                key={p.id}
                proposal={p}
                actions={actions}
                mayAct={mayWrite && p.status !== 'accepted'}
                canSend={!!lead.conversationId}
                post={(path) => ws.api.post(`${base}${path}`)}
              />
            ))}
          </ul>
        </>
      )}
      {actions.error && (
        <p className="error small" role="alert" data-testid="proposal-error">
          {actions.error}
        </p>
      )}
    </section>
  );
}
