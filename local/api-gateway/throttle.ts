import { LocalSetupError } from '../errors';
import { blocksOf, type TerraformJson, type TfBlock } from '../synthesized';
import { nestedBlocks } from '../terraform-json';

/**
 * API Gateway's request throttling, as a token bucket per limit (API Gateway Developer Guide, "Throttle requests to
 * your REST APIs for better throughput"): a bucket holds `burst` requests and refills at `rate` a second; a request
 * finding it empty is answered 429 Too Many Requests (gateway response THROTTLED). The limits come from the
 * synthesized JSON: the stage's `aws_api_gateway_method_settings` (`*` `/` `*` for every method, or
 * `<resource path without its leading slash>/<METHOD>` for one, which wins), and for methods that require an API key the
 * `throttle_settings` of the `aws_api_gateway_usage_plan`s. Not emulated: the account's 10,000 rps. Usage-plan quotas: quota.ts.
 */

export interface ThrottleLimit {
  /** Requests a second the bucket refills with. */
  readonly rate: number;
  /** Requests the bucket holds. */
  readonly burst: number;
}

export interface ThrottleSettings {
  /** method path (`*` `/` `*`, or `order/POST`) → its limit. */
  readonly methods: ReadonlyMap<string, ThrottleLimit>;
  /** The usage plans' throttle, for methods that require an API key (the local API has one key). */
  readonly usagePlan?: ThrottleLimit;
}

/** Reads the stage's method settings and the usage plans' throttles; a limit of -1 (Terraform's unset) is none. */
export function readThrottleSettings(tf: TerraformJson): ThrottleSettings {
  const methods = new Map<string, ThrottleLimit>();
  for (const [name, block] of blocksOf(tf, 'aws_api_gateway_method_settings')) {
    const where = `aws_api_gateway_method_settings.${name}`;
    const path = String(block.method_path ?? '');
    if (path.includes('${')) throw new LocalSetupError(`${where}.method_path is ${path}; the local API Gateway reads a literal method path (*/* or <resource path>/<METHOD>).`);
    const limit = limitOf(nestedBlocks(block, 'settings')[0] ?? {}, 'throttling_rate_limit', 'throttling_burst_limit', where);
    if (limit) methods.set(path, limit);
  }
  const plans = blocksOf(tf, 'aws_api_gateway_usage_plan')
    .map(([name, block]) => limitOf(nestedBlocks(block, 'throttle_settings')[0] ?? {}, 'rate_limit', 'burst_limit', `aws_api_gateway_usage_plan.${name}`))
    .filter((l): l is ThrottleLimit => l !== undefined);
  // With more than one plan the local key's plan is unknown: the strictest applies.
  const usagePlan = plans.sort((a, b) => a.rate - b.rate || a.burst - b.burst)[0];
  return { methods, ...(usagePlan && { usagePlan }) };
}

function limitOf(block: TfBlock, rateKey: string, burstKey: string, where: string): ThrottleLimit | undefined {
  const rate = block[rateKey];
  const burst = block[burstKey];
  if (rate === undefined && burst === undefined) return undefined;
  if (typeof rate !== 'number' || typeof burst !== 'number') {
    throw new LocalSetupError(`${where}: ${rateKey} and ${burstKey} must both be numbers, found ${JSON.stringify(rate)} and ${JSON.stringify(burst)}.`);
  }
  if (rate < 0 || burst < 0) return undefined;
  return { rate, burst };
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: ThrottleLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The buckets of one served API: `admit` answers whether a request to a method may go on. */
export class Throttler {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** `resourcePath` as routed (`/order`); `keyed` when the method requires an API key (the usage plan applies). */
  admit(resourcePath: string, httpMethod: string, keyed: boolean): boolean {
    const own = `${resourcePath.replace(/^\//, '')}/${httpMethod}`;
    const methodPath = this.settings.methods.has(own) ? own : '*/*';
    const method = this.settings.methods.get(methodPath);
    if (method && !this.bucket(`method ${methodPath === '*/*' ? `${httpMethod} ${resourcePath}` : own}`, method).take(this.now())) return false;
    if (keyed && this.settings.usagePlan && !this.bucket('usage plan', this.settings.usagePlan).take(this.now())) return false;
    return true;
  }

  private bucket(key: string, limit: ThrottleLimit): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(limit, this.now())));
    return bucket;
  }
}
