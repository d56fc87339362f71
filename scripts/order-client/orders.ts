import { COFFEE_SIZE_NAMES, COFFEE_SIZES, COFFEE_TYPES, QUANTITY_MAX, QUANTITY_MIN, SAMPLE_CITIES } from '../../contracts/order-catalog';
import type { OrderRequest } from '../../lambdas/orders/order';

/**
 * Random orders like the original notebook's: customer `a<i>` orders from vendor `v<i>` a random coffee in a
 * random size (at the menu's price), 1-10 cups, from one of the notebook's cities.
 */

export interface GenerateOptions {
  readonly count: number;
  /** Makes the orders repeatable. @default a random seed */
  readonly seed?: number;
  /** The order date of the first order; each next one is a microsecond later. @default now */
  readonly now?: Date;
  /** Put before the account and vendor numbers (`a0`, `v0`), e.g. to keep two runs apart. @default '' */
  readonly idPrefix?: string;
}

/** A small, seedable pseudo-random generator (mulberry32): the same seed gives the same orders. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** `2022-04-08 09:55:58.123456` (UTC), the notebook's format (Python's `str(datetime)`). */
export function formatOrderDate(date: Date, extraMicroseconds = 0): string {
  const micros = date.getUTCMilliseconds() * 1000 + extraMicroseconds;
  const whole = new Date(date.getTime() - date.getUTCMilliseconds() + Math.floor(micros / 1_000_000) * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${whole.getUTCFullYear()}-${pad(whole.getUTCMonth() + 1)}-${pad(whole.getUTCDate())} ` +
    `${pad(whole.getUTCHours())}:${pad(whole.getUTCMinutes())}:${pad(whole.getUTCSeconds())}.${pad(micros % 1_000_000, 6)}`
  );
}

export function generateOrders(options: GenerateOptions): OrderRequest[] {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 1000) {
    throw new Error(`--count ${options.count} is not valid: send between 1 and 1000 orders.`);
  }
  const random = randomGenerator(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const now = options.now ?? new Date();
  const prefix = options.idPrefix ?? '';
  return Array.from({ length: options.count }, (_, i) => {
    const coffeesize = pick(random, COFFEE_SIZE_NAMES);
    return {
      order: {
        accountid: `${prefix}a${i}`,
        orderdate: formatOrderDate(now, i),
        vendorid: `${prefix}v${i}`,
        city: pick(random, SAMPLE_CITIES),
        details: {
          coffeetype: pick(random, COFFEE_TYPES),
          coffeesize,
          unitprice: COFFEE_SIZES[coffeesize],
          quantity: QUANTITY_MIN + Math.floor(random() * (QUANTITY_MAX - QUANTITY_MIN + 1)),
        },
        eventtype: ['new_order'],
      },
    };
  });
}
