import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../../local';
import { startLocalApi, type LocalApi } from '../../../local/api-gateway';
import type { RestApiModel } from '../../../local/api-gateway/api-model';
import { gatewayAnswer } from '../../../local/api-gateway/gateway-responses';
import { periodStart, readQuota, UsageQuota } from '../../../local/api-gateway/quota';
import { defaultConfig, synthApp } from '../../support/synth';

// A usage plan's quota (API Gateway Developer Guide, "Usage plans and API keys"; API Reference, QuotaSettings):
// `limit` requests per API key per DAY, WEEK or MONTH, the first period lowered by `offset`; past it 429
// {"message":"Limit Exceeded"} (gateway response QUOTA_EXCEEDED).

const plan = (quota: object) => ({ resource: { aws_api_gateway_usage_plan: { plan: { name: 'p', quota_settings: [quota] } } } });
const DAY = 86_400_000;
// Wednesday 2025-01-15 10:00 UTC.
const WEDNESDAY = Date.UTC(2025, 0, 15, 10);

test('counts per API key: the limit passes, the next is exhausted; another key has its own count; a new period starts again', () => {
  let now = WEDNESDAY;
  const quota = new UsageQuota(readQuota(plan({ limit: 2, period: 'DAY' }))!, () => now);
  const take = (key: string) => (quota.exhausted(key) ? false : (quota.count(key), true));
  expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
  expect(take('b')).toBe(true);
  now += 14 * 3_600_000; // past midnight UTC
  expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
});

test('offset lowers the first period only', () => {
  let now = WEDNESDAY;
  const quota = new UsageQuota(readQuota(plan({ limit: 3, period: 'WEEK', offset: 2 }))!, () => now);
  quota.count('a');
  expect(quota.exhausted('a')).toBe(true);
  now += 7 * DAY;
  quota.count('a');
  quota.count('a');
  expect(quota.exhausted('a')).toBe(false);
  quota.count('a');
  expect(quota.exhausted('a')).toBe(true);
});

test('periods are UTC days, weeks from Monday, calendar months', () => {
  expect(new Date(periodStart('DAY', WEDNESDAY)).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  expect(new Date(periodStart('WEEK', WEDNESDAY)).toISOString()).toBe('2025-01-13T00:00:00.000Z');
  expect(new Date(periodStart('WEEK', Date.UTC(2025, 0, 19, 23))).toISOString()).toBe('2025-01-13T00:00:00.000Z');
  expect(new Date(periodStart('MONTH', WEDNESDAY)).toISOString()).toBe('2025-01-01T00:00:00.000Z');
});

test('with several plans the strictest applies; without quota_settings there is none; bad settings are named', () => {
  const two = { resource: { aws_api_gateway_usage_plan: { a: { quota_settings: [{ limit: 100, period: 'DAY' }] }, b: { quota_settings: [{ limit: 10, period: 'MONTH', offset: 1 }] } } } };
  expect(readQuota(two)).toEqual({ limit: 10, period: 'MONTH', offset: 1, source: 'aws_api_gateway_usage_plan.b' });
  expect(readQuota({ resource: { aws_api_gateway_usage_plan: { p: { throttle_settings: [{ rate_limit: 1, burst_limit: 1 }] } } } })).toBeUndefined();
  expect(() => readQuota(plan({ limit: 5, period: 'YEAR' }))).toThrow("aws_api_gateway_usage_plan.plan.quota_settings.period is \"YEAR\"; give one of DAY, WEEK, MONTH.");
  expect(() => readQuota(plan({ limit: 1.5, period: 'DAY' }))).toThrow(/quota_settings\.limit is 1\.5; give a whole number/);
  expect(() => readQuota(plan({ limit: 5, period: 'DAY', offset: 5 }))).toThrow(/quota_settings\.offset is 5; give a whole number from 0 to below the limit \(5\)/);
});

test('QUOTA_EXCEEDED is 429 {"message":"Limit Exceeded"}', () => {
  const api = { name: 'orders', id: 'local', region: 'us-east-1', stageName: 'prod', stageVariables: {}, routes: new Map(), gatewayResponses: {} } as RestApiModel;
  const answer = gatewayAnswer(api, { type: 'QUOTA_EXCEEDED' }, 'r-1');
  expect(answer.status).toBe(429);
  expect(answer.headers['x-amzn-errortype']).toBe('QUOTA_EXCEEDED');
  expect(JSON.parse(answer.body)).toStrictEqual({ message: 'Limit Exceeded' });
});

describe('served: skip-the-line with API keys and a quota of 2 a day on its usage plan', () => {
  let stack: LocalStack;
  let api: LocalApi;
  beforeAll(async () => {
    const stackDir = synthApp(defaultConfig({ skipTheLine: { apiAuthorization: 'API_KEY' } })).stacks['skip-the-line'].dir;
    const file = path.join(stackDir, 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const usagePlan of Object.values(tf.resource.aws_api_gateway_usage_plan) as Record<string, unknown>[]) usagePlan.quota_settings = { limit: 2, period: 'DAY' };
    fs.writeFileSync(file, JSON.stringify(tf));
    stack = await startLocalStack(stackDir);
    api = await startLocalApi(stack);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await stack?.close();
  });

  test('the third keyed request of the day is 429 Limit Exceeded; a request without the key is still 403', async () => {
    const get = (headers: Record<string, string>) => fetch(`${api.url}/order?accountid=a9&vendorid=v9`, { headers });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get({ 'x-api-key': api.apiKey })).status);
    expect(statuses).toEqual([404, 404, 429]);
    const exceeded = await get({ 'x-api-key': api.apiKey });
    expect(JSON.parse(await exceeded.text())).toStrictEqual({ message: 'Limit Exceeded' });
    expect(exceeded.headers.get('x-amzn-errortype')).toBe('QUOTA_EXCEEDED');
    expect((await get({})).status).toBe(403);
  });
});
