// Finance: a budget estimate from the team's rate card (venue and catering per guest, AV, staff and
// decor flat, the agency's margin on top), compared with the customer's budget; when it does not fit,
// a cheaper option (the economy venue and buffet rates, no decor) and, if even that is over, the
// number of guests the budget covers (none: the budget is below the fixed costs, said so, never "0
// guests"). Amounts are rounded to whole units of the currency. An estimate is made in the budget's
// currency from the rate card in it; with no such card there is none (no rate to convert with), and
// Maestro says so rather than quote in another currency.
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
  cheaper?: Estimate & {
    fits: boolean;
    /** Guests the budget covers at the cheaper rates, fewer than asked and at least one. */
    guestsThatFit?: number;
    /** The budget is below the fixed costs (AV and staff, with the margin) before any guest. */
    belowFixedCosts?: boolean;
  };
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
  const covered = fitsCheap
    ? undefined
    : Math.min(
        guests - 1,
        Math.floor((budget.amount / (1 + card.marginPercent / 100) - card.av - card.staff) / perGuest),
      );
  return {
    estimate: full,
    budget,
    fits: false,
    cheaper: {
      ...cheap,
      fits: fitsCheap,
      ...(covered === undefined ? {} : covered >= 1 ? { guestsThatFit: covered } : { belowFixedCosts: true }),
    },
  };
}

/** The fixed costs of the cheaper option with the margin (what a budget must hold before any guest). */
export const fixedCosts = (card: RateCard) =>
  Math.round((card.av + card.staff) * (1 + card.marginPercent / 100));

export type EstimatePlan =
  | { check: BudgetCheck; card: RateCard }
  /** The budget's currency has no rate card: no estimate (nothing to convert with). */
  | { noCardFor: string };

/**
 * Finance's estimate for a request: in the budget's currency from the rate card in it; with no budget,
 * in `preferred` (the place's or the language's currency) or the first card's. Undefined: no guests
 * or no rate cards.
 */
export function estimateFor(
  cards: readonly RateCard[] | undefined,
  guests: number | undefined,
  budget: { amount: number; currency: string } | undefined,
  preferred: string | undefined,
): EstimatePlan | undefined {
  if (!guests || !cards?.length) return undefined;
  const card = budget ? cards.find((c) => c.currency === budget.currency) : cardFor(cards, preferred);
  if (!card) return { noCardFor: budget!.currency };
  return { check: checkBudget(card, guests, budget), card };
}
