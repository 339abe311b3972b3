// Finance: a budget estimate from the team's rate card (venue and catering per guest, AV, staff and
// decor flat, the agency's margin on top), compared with the customer's budget; when it does not fit,
// a cheaper option (the economy venue and buffet rates, no decor) and, if even that is over, the
// number of guests the budget covers. Amounts are rounded to whole units of the currency.
import type { RateCard } from '../../schemas/pipelines';

export type EstimateLine = {
  item: 'venue' | 'catering' | 'av' | 'staff' | 'decor' | 'margin';
  amount: number;
};
export type Estimate = { lines: EstimateLine[]; subtotal: number; total: number; currency: string };
export type BudgetCheck = {
  estimate: Estimate;
  budget?: { amount: number; currency: string };
  /** The estimate is within the budget (no budget given: undefined). */
  fits?: boolean;
  cheaper?: Estimate & { fits: boolean; guestsThatFit?: number };
};

export function estimate(card: RateCard, guests: number, economy = false): Estimate {
  const venue = (economy ? (card.economyVenuePerGuest ?? card.venuePerGuest) : card.venuePerGuest) * guests;
  const catering =
    (economy ? (card.economyCateringPerGuest ?? card.cateringPerGuest) : card.cateringPerGuest) * guests;
  const base: EstimateLine[] = [
    { item: 'venue', amount: Math.round(venue) },
    { item: 'catering', amount: Math.round(catering) },
    { item: 'av', amount: Math.round(card.av) },
    { item: 'staff', amount: Math.round(card.staff) },
    ...(economy ? [] : [{ item: 'decor' as const, amount: Math.round(card.decor) }]),
  ];
  const subtotal = base.reduce((s, l) => s + l.amount, 0);
  const margin = Math.round((subtotal * card.marginPercent) / 100);
  return {
    lines: [...base, { item: 'margin', amount: margin }],
    subtotal,
    total: subtotal + margin,
    currency: card.currency,
  };
}

/** The rate card for a currency: the one in the budget's currency, else the first. */
export const cardFor = (cards: readonly RateCard[], currency: string | undefined) =>
  cards.find((c) => c.currency === currency) ?? cards[0];

export function checkBudget(
  card: RateCard,
  guests: number,
  budget?: { amount: number; currency: string },
): BudgetCheck {
  const full = estimate(card, guests);
  if (!budget || budget.currency !== card.currency) return { estimate: full, ...(budget ? { budget } : {}) };
  if (full.total <= budget.amount) return { estimate: full, budget, fits: true };
  const cheap = estimate(card, guests, true);
  const fitsCheap = cheap.total <= budget.amount;
  const perGuest =
    (card.economyVenuePerGuest ?? card.venuePerGuest) +
    (card.economyCateringPerGuest ?? card.cateringPerGuest);
  const guestsThatFit = fitsCheap
    ? undefined
    : Math.max(
        0,
        Math.floor((budget.amount / (1 + card.marginPercent / 100) - card.av - card.staff) / perGuest),
      );
  return {
    estimate: full,
    budget,
    fits: false,
    cheaper: { ...cheap, fits: fitsCheap, ...(guestsThatFit === undefined ? {} : { guestsThatFit }) },
  };
}
