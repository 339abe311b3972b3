// A number as a rep types it into a deal's amount or a number field: digits grouped by spaces
// ("190 000", also the no-break spaces Intl writes), a decimal comma ("1,5") or point, or commas that
// group thousands ("190,000", "1,234,567", "1,234.5"): a comma before exactly three digits groups them,
// as no amount is written with three decimals. Used by the deal form (deal-form.ts) and the catalog's
// product form (product-view.ts). Pure, tested without a screen (typed-number.test.ts).

/**
 * A typed number as a number, or undefined: spaces group digits ("190 000"); a comma is the decimal
 * mark ("1,5") unless it groups thousands, three digits at a time ("190,000", "1,234,567", "1,234.5").
 */
export function numberOf(text: string): number | undefined {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  s = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  // Digits with a sign and a decimal point only: Number() would also read '0x10', '1e3' and '+5'.
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
