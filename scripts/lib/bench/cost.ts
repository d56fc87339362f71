/**
 * The cost model, pure arithmetic: what one execution uses (state transitions, Lambda invocations and their
 * billed GB-seconds, DynamoDB request units, S3/SNS/API Gateway requests) times the list prices in
 * docs/prices.json. No I/O here; the bench measures the usage and loads the prices.
 */

export interface Prices {
  readonly region: string;
  readonly asOf: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly stepFunctions: {
    readonly standardPerStateTransition: number;
    readonly expressPerRequest: number;
    readonly expressPerGbSecond: number;
    readonly expressBillingIncrementMs: number;
    readonly expressMemoryIncrementMb: number;
  };
  readonly lambda: { readonly perRequest: number; readonly perGbSecondArm64: number; readonly perGbSecondX86: number };
  readonly dynamodb: { readonly onDemandPerWriteRequestUnit: number; readonly onDemandPerReadRequestUnit: number };
  readonly s3: { readonly perPutRequest: number; readonly perGetRequest: number };
  readonly sns: { readonly perPublishRequest: number; readonly perEmailNotification: number };
  readonly apiGateway: { readonly restPerRequest: number };
}

const PRICE_FIELDS: Record<string, readonly string[]> = {
  stepFunctions: ['standardPerStateTransition', 'expressPerRequest', 'expressPerGbSecond', 'expressBillingIncrementMs', 'expressMemoryIncrementMb'],
  lambda: ['perRequest', 'perGbSecondArm64', 'perGbSecondX86'],
  dynamodb: ['onDemandPerWriteRequestUnit', 'onDemandPerReadRequestUnit'],
  s3: ['perPutRequest', 'perGetRequest'],
  sns: ['perPublishRequest', 'perEmailNotification'],
  apiGateway: ['restPerRequest'],
};

/** Checks the price table's shape (every price a finite number ≥ 0) and answers it typed; the error names the key. */
export function parsePrices(raw: unknown, source = 'docs/prices.json'): Prices {
  const obj = (raw ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [section, fields] of Object.entries(PRICE_FIELDS)) {
    const values = obj[section] as Record<string, unknown> | undefined;
    for (const field of fields) {
      const value = values?.[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${section}.${field}`);
    }
  }
  if (typeof obj.asOf !== 'string' || typeof obj.region !== 'string') problems.push('asOf and region (text)');
  if (problems.length > 0) throw new Error(`${source}: missing or not a non-negative number: ${problems.join(', ')}.`);
  return obj as unknown as Prices;
}

/** One function's share of an execution. */
export interface LambdaUse {
  readonly functionName: string;
  readonly memoryMb: number;
  readonly architecture: 'arm64' | 'x86_64';
  readonly invocations: number;
  /** Billed duration of one invocation (Lambda bills per 1 ms). */
  readonly durationMs: number;
}

/** What one execution uses, per service. */
export interface ExecutionUsage {
  readonly transitions: number;
  readonly lambda: readonly LambdaUse[];
  readonly dynamodbWriteUnits: number;
  readonly dynamodbReadUnits: number;
  readonly s3Puts: number;
  readonly s3Gets: number;
  readonly snsPublishes: number;
  readonly apiRequests: number;
}

export const NO_USAGE: ExecutionUsage = {
  transitions: 0,
  lambda: [],
  dynamodbWriteUnits: 0,
  dynamodbReadUnits: 0,
  s3Puts: 0,
  s3Gets: 0,
  snsPublishes: 0,
  apiRequests: 0,
};

/** A priced part of an execution, in dollars per execution. */
export interface CostLine {
  readonly item: 'Step Functions' | 'Lambda requests' | 'Lambda duration' | 'DynamoDB' | 'S3' | 'SNS' | 'API Gateway';
  readonly usd: number;
}

/** DynamoDB write request units for one write of an item of `bytes` (1 KB each, at least 1). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** Read request units for one read of `bytes` (4 KB each; an eventually consistent read costs half). */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

/** Lambda GB-seconds of one invocation: memory (MB / 1024) × duration rounded up to 1 ms. */
export function lambdaGbSeconds(memoryMb: number, durationMs: number): number {
  return (memoryMb / 1024) * (Math.ceil(durationMs) / 1000);
}

/** Express GB-seconds: duration rounded up to 100 ms, memory rounded up to 64 MB chunks (so at least 64 MB). */
export function expressGbSeconds(durationMs: number, memoryMb: number, prices: Prices): number {
  const { expressBillingIncrementMs: step, expressMemoryIncrementMb: chunk } = prices.stepFunctions;
  const billedMs = Math.max(1, Math.ceil(durationMs / step)) * step;
  const billedMb = Math.max(1, Math.ceil(memoryMb / chunk)) * chunk;
  return (billedMb / 1024) * (billedMs / 1000);
}

/** Everything but the workflow itself: Lambda, DynamoDB, S3, SNS, API Gateway (per execution, dollars). */
export function serviceCosts(usage: ExecutionUsage, prices: Prices): CostLine[] {
  const invocations = usage.lambda.reduce((sum, l) => sum + l.invocations, 0);
  const duration = usage.lambda.reduce((sum, l) => {
    const rate = l.architecture === 'arm64' ? prices.lambda.perGbSecondArm64 : prices.lambda.perGbSecondX86;
    return sum + l.invocations * lambdaGbSeconds(l.memoryMb, l.durationMs) * rate;
  }, 0);
  return [
    { item: 'Lambda requests', usd: invocations * prices.lambda.perRequest },
    { item: 'Lambda duration', usd: duration },
    {
      item: 'DynamoDB',
      usd: usage.dynamodbWriteUnits * prices.dynamodb.onDemandPerWriteRequestUnit + usage.dynamodbReadUnits * prices.dynamodb.onDemandPerReadRequestUnit,
    },
    { item: 'S3', usd: usage.s3Puts * prices.s3.perPutRequest + usage.s3Gets * prices.s3.perGetRequest },
    { item: 'SNS', usd: usage.snsPublishes * prices.sns.perPublishRequest },
    { item: 'API Gateway', usd: usage.apiRequests * prices.apiGateway.restPerRequest },
  ];
}

/** One execution as a Standard workflow: state transitions plus the services. */
export function standardCost(usage: ExecutionUsage, prices: Prices): CostLine[] {
  return [{ item: 'Step Functions', usd: usage.transitions * prices.stepFunctions.standardPerStateTransition }, ...serviceCosts(usage, prices)];
}

/** One execution as an Express workflow of the given duration and memory: a request plus GB-seconds, plus the services. */
export function expressCost(usage: ExecutionUsage, prices: Prices, durationMs: number, memoryMb = 64): CostLine[] {
  const workflow = prices.stepFunctions.expressPerRequest + expressGbSeconds(durationMs, memoryMb, prices) * prices.stepFunctions.expressPerGbSecond;
  return [{ item: 'Step Functions', usd: workflow }, ...serviceCosts(usage, prices)];
}

export function totalUsd(lines: readonly CostLine[]): number {
  return lines.reduce((sum, l) => sum + l.usd, 0);
}

/** The dollars of one line, or 0 when absent. */
export function lineUsd(lines: readonly CostLine[], item: CostLine['item']): number {
  return lines.find((l) => l.item === item)?.usd ?? 0;
}

export const MILLION = 1_000_000;
