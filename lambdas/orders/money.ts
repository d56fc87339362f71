import { PRICE_MAX } from '../../contracts/order-catalog';

/**
 * Money in whole cents, so that a price such as 3.5 × 3 is exactly 10.50 (binary floating point would give
 * 10.499999…). Prices arrive as decimal text ("4.0") or JSON numbers (4, 4.5).
 */

/** The price in cents, or undefined when it is not a non-negative amount with at most two decimals. */
export function toCents(price: string | number): number | undefined {
  const text = typeof price === 'number' ? (Number.isFinite(price) ? String(price) : '') : price.trim();
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= PRICE_MAX * 100 ? cents : undefined;
}

/** 1050 → "10.50". */
export function formatCents(cents: number): string {
  if (!Number.isInteger(cents) || cents < 0) throw new Error(`formatCents: ${cents} is not a whole, non-negative number of cents.`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
