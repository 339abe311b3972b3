// Money in integer minor units (kopecks, cents; yen have none), so a quote never drifts the way
// 0.1 + 0.2 does. Amounts are BigInt inside a computation and plain numbers at its edges; percentages
// are basis points (12.5% = 1250), rounded half up once per step.

/** The currency's minor digits, as Intl knows them (RUB 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** A major-unit amount (1250.5) in minor units (125050n). */
export function toMinor(amount: number, currency: string): bigint {
  const digits = minorDigits(currency);
  // Through the decimal text: 1250.1 * 100 is 125009.99999999999 in floating point.
  const [whole = '0', fraction = ''] = amount.toFixed(Math.min(digits + 2, 20)).split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const rest = fraction.slice(digits);
  const base = BigInt(whole + kept);
  return rest && Number(rest[0]) >= 5 ? base + 1n : base;
}

/** Minor units back to a major-unit number (for Intl and JSON). */
export function toMajor(minor: bigint, currency: string): number {
  const digits = minorDigits(currency);
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return Number(`${sign}${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits) || '0'}`);
}

/** A percentage in basis points (10 -> 1000n, 12.5 -> 1250n). */
export const basisPoints = (percent: number): bigint => BigInt(Math.round(percent * 100));

/** `amount × bp / 10000`, rounded half up (amounts are never negative here). */
export function percentOf(amount: bigint, bp: bigint): bigint {
  return (amount * bp * 2n + 10_000n) / 20_000n;
}

/** The tax inside a gross amount at `bp` (VAT 20% included in 120 is 20). */
export function includedTax(gross: bigint, bp: bigint): bigint {
  const net = (gross * 10_000n * 2n + (10_000n + bp)) / ((10_000n + bp) * 2n);
  return gross - net;
}
