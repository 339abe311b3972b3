// Parts of the leads board's columns (LeadsBoard.tsx): a money figure in the pipeline's main currency
// with the other currencies named apart (a tooltip lists them; without exchange rates they are never
// added), and a column's quick add (title and amount: the deal is made in that column's stage).
import { useRef, useState } from 'react';
import type { Money } from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { createDeal } from '../data/new-deal';
import { useFormat, useI18n } from '../i18n/i18n';
import { splitMoney } from '../lib/board-cards';
import { Tooltip } from '../components/ui/Tooltip';
import { DialogActions } from '../components/ui/DialogActions';

export function BoardMoney(p: {
  money: Money;
  /** The weighted sums of the same deals, listed beside each other currency in the tooltip. */
  weighted?: Money;
  main: string;
  /** The other currencies as text only (a second figure of the same column lists them already). */
  plain?: boolean;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const split = splitMoney(p.money, p.main);
  const n = split.others.length;
  if (!split.amount && !n) return <>{t('pipeline.noAmounts')}</>;
  const mainText = fmt.money(split.amount, split.currency);
  if (!n) return <>{mainText}</>;
  const more = t('board.otherCurrencies', { n });
  // The other currencies' weighted sums are listed in the tooltip of the column's total.
  if (p.plain)
    return (
      <>
        {mainText} <span className="muted">+{n}</span>
      </>
    );
  return (
    <>
      {mainText}{' '}
      <Tooltip
        content={
          <>
            <div>{t('board.otherCurrenciesTitle')}</div>
            {split.others.map((o) => (
              <div key={o.currency}>
                {p.weighted
                  ? t('board.otherCurrencyLine', {
                      amount: fmt.money(o.amount, o.currency),
                      weighted: fmt.money(p.weighted[o.currency] ?? 0, o.currency),
                    })
                  : fmt.money(o.amount, o.currency)}
              </div>
            ))}
          </>
        }
      >
        <button type="button" className="link other-currencies" data-testid="other-currencies">
          {more}
        </button>
      </Tooltip>
    </>
  );
}

const amountOf = (s: string) => {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  return v ? Number(v) : undefined;
};

/** "+ Add deal" under a column's header, opening a small form; the deal lands in this stage. */
export function QuickAdd(p: { pipeline: PipelineDoc; stage: string; stageName: string }) {
  const ws = useWorkspace();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const currency = p.pipeline.currencies[0] ?? 'USD';
  const close = () => {
    setOpen(false);
    setTitle('');
    setAmount('');
    setProblem('');
    setTimeout(() => opener.current?.focus());
  };
  const submit = async () => {
    const value = amountOf(amount);
    if (!title.trim()) return setProblem(t('board.quickTitleRequired'));
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1e12))
      return setProblem(t('deal.amountInvalid'));
    setBusy(true);
    try {
      await createDeal(
        ws,
        {
          title: title.trim().slice(0, 300),
          pipelineId: p.pipeline.id,
          stage: p.stage,
          source: { channel: 'manual' },
          ...(ws.session.userId ? { ownerId: ws.session.userId } : {}),
          ...(value !== undefined ? { value: { amount: value, currency } } : {}),
        },
        'board',
      );
      // Open for the next one, as a rep entering a few deals in a row expects.
      setTitle('');
      setAmount('');
      setProblem('');
      titleRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button
        type="button"
        ref={opener}
        className="link quick-add-open"
        onClick={() => setOpen(true)}
        aria-label={t('board.addDealIn', { stage: p.stageName })}
        data-testid={`quick-add-${p.stage}`}
      >
        + {t('board.addDeal')}
      </button>
    );
  return (
    <form
      className="quick-add"
      aria-label={t('board.addDealIn', { stage: p.stageName })}
      data-testid={`quick-add-form-${p.stage}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <input
        ref={titleRef}
        autoFocus
        maxLength={300}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder={t('board.quickTitle')}
        aria-label={t('board.quickTitle')}
        data-testid="quick-title"
      />
      <input
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        placeholder={t('board.quickAmount', { currency })}
        aria-label={t('board.quickAmount', { currency })}
        data-testid="quick-amount"
      />
      <DialogActions
        problem={problem}
        smallProblem
        className="quick-add-actions"
        onCancel={close}
        saveLabel={t('board.quickAdd')}
        saveTestId="quick-save"
        disabled={busy}
      />
    </form>
  );
}
