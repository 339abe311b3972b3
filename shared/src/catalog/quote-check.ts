// Whether a text states an amount, however it groups the digits ("22 500", "22,500", "22500",
// "22 500,00"): the reply gate's check that a model's reply about a quote gives the computed total.

/** The numbers a text states, thousands separators (spaces, no-break spaces, commas) read as grouping. */
export function amountsIn(text: string): number[] {
  const joined = text.replace(/(\d)[\s\u00a0\u202f,](?=\d{3}(?!\d))/g, '$1');
  return [...joined.matchAll(/\d+(?:[.,]\d{1,2})?/g)].map((m) => Number(m[0].replace(',', '.')));
}

/** Whether the text states `amount` (to the cent). */
export function statesAmount(text: string, amount: number): boolean {
  return amountsIn(text).some((n) => Math.abs(n - amount) < 0.005);
}
