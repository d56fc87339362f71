import { LocalSetupError } from '../errors';
import { blocksOf, type TerraformJson } from '../synthesized';
import { nestedBlocks } from '../terraform-json';

/**
 * A usage plan's quota (API Gateway Developer Guide, "Usage plans and API keys for REST APIs"; API Reference,
 * QuotaSettings): at most `limit` requests per API key in each period (DAY, WEEK or MONTH), the first period's limit
 * lowered by `offset`. Past it API Gateway answers 429 `{"message":"Limit Exceeded"}` (gateway response
 * QUOTA_EXCEEDED). Counted here: requests to methods that require an API key, made with a valid key, that the quota
 * and the throttle let through. Periods are UTC calendar days, weeks starting Monday 00:00 UTC (AWS does not document
 * the week's first day) and calendar months; the first period is the one the local API started in.
 */

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';
const PERIODS: readonly QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];

export interface QuotaLimit {
  readonly limit: number;
  readonly period: QuotaPeriod;
  /** Requests subtracted from the limit in the initial period. @default 0 */
  readonly offset: number;
  /** `aws_api_gateway_usage_plan.<name>`, for messages. */
  readonly source: string;
}

/** The usage plans' quotas; with several, the strictest (the local API has one key, whose plan is not known). */
export function readQuota(tf: TerraformJson): QuotaLimit | undefined {
  const quotas: QuotaLimit[] = [];
  for (const [name, block] of blocksOf(tf, 'aws_api_gateway_usage_plan')) {
    const settings = nestedBlocks(block, 'quota_settings')[0];
    if (!settings) continue;
    const source = `aws_api_gateway_usage_plan.${name}`;
    const { limit, period, offset = 0 } = settings as { limit?: unknown; period?: unknown; offset?: unknown };
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new LocalSetupError(`${source}.quota_settings.limit is ${JSON.stringify(limit)}; give a whole number of requests (0 or more).`);
    }
    if (typeof period !== 'string' || !(PERIODS as readonly string[]).includes(period)) {
      throw new LocalSetupError(`${source}.quota_settings.period is ${JSON.stringify(period)}; give one of ${PERIODS.join(', ')}.`);
    }
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset >= Math.max(limit, 1)) {
      throw new LocalSetupError(`${source}.quota_settings.offset is ${JSON.stringify(offset)}; give a whole number from 0 to below the limit (${limit}).`);
    }
    quotas.push({ limit, period: period as QuotaPeriod, offset, source });
  }
  return quotas.sort((a, b) => a.limit - a.offset - (b.limit - b.offset))[0];
}

/** The start (ms) of the period `now` is in, in UTC. */
export function periodStart(period: QuotaPeriod, now: number): number {
  const d = new Date(now);
  if (period === 'MONTH') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'DAY') return day;
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return day - sinceMonday * 86_400_000;
}

/** Requests counted per API key in the current period. */
export class UsageQuota {
  private readonly firstPeriod: number;
  private readonly used = new Map<string, { period: number; count: number }>();

  constructor(
    readonly quota: QuotaLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.firstPeriod = periodStart(quota.period, now());
  }

  /** Whether `apiKey` has used up this period's requests (the request is then answered QUOTA_EXCEEDED). */
  exhausted(apiKey: string): boolean {
    return this.usage(apiKey).count >= this.allowance();
  }

  /** Counts one request of `apiKey` that went through. */
  count(apiKey: string): void {
    this.usage(apiKey).count += 1;
  }

  private allowance(): number {
    const current = periodStart(this.quota.period, this.now());
    return current === this.firstPeriod ? this.quota.limit - this.quota.offset : this.quota.limit;
  }

  private usage(apiKey: string): { period: number; count: number } {
    const period = periodStart(this.quota.period, this.now());
    let entry = this.used.get(apiKey);
    if (!entry || entry.period !== period) this.used.set(apiKey, (entry = { period, count: 0 }));
    return entry;
  }
}
