// Cached Intl formatters: creating one per table cell is what makes scrolling slow.
const date = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' });
const number = new Intl.NumberFormat();

export const formatDate = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : date.format(t);
};
export const formatNumber = (n: number) => number.format(n);
