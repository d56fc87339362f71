import type { RestApiModel, RouteModel } from '../../../local/api-gateway/api-model';
import { gatewayAnswer, type GatewayError } from '../../../local/api-gateway/gateway-responses';
import { integrate, type RequestInfo } from '../../../local/api-gateway/integrations';
import type { LocalStack } from '../../../local/runner';
import { readThrottleSettings, Throttler } from '../../../local/api-gateway/throttle';

// API Gateway's REST limits (API Gateway Developer Guide, "Amazon API Gateway quotas", REST APIs): an integration that
// answers after its timeout (timeout_milliseconds, 50 ms to 29 s, default 29 s) is a 504 "Endpoint request timed out"
// (gateway response INTEGRATION_TIMEOUT).

const api: RestApiModel = { name: 'orders', id: 'local', region: 'us-east-1', stageName: 'prod', stageVariables: {}, routes: new Map(), gatewayResponses: {} };
const info: RequestInfo = { method: 'GET', resourcePath: '/order', path: '/prod/order', query: {}, headers: {}, body: '', contentType: 'application/json', requestId: 'r-1', sourceIp: '127.0.0.1' };

function proxyRoute(timeoutMs: number): RouteModel {
  return {
    path: '/order', httpMethod: 'GET', authorization: 'NONE', apiKeyRequired: false, requiredQueryParameters: [], requiredHeaders: [],
    validateBody: false, validateParameters: false, requestModels: {},
    integration: { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/get-item/invocations', requestTemplates: {}, passthroughBehavior: 'WHEN_NO_MATCH', responses: [], timeoutMs },
  };
}

/** A stack whose one function answers 200 after `ms`. */
const stackAnswering = (ms: number) =>
  ({ invoke: () => new Promise((resolve) => setTimeout(() => resolve({ requestId: 'x', payload: { statusCode: 200, body: 'late' }, durationMs: ms, coldStart: false }), ms)) }) as unknown as LocalStack;

const fail = (e: GatewayError) => gatewayAnswer(api, e, info.requestId);

test('an integration slower than its timeout is 504 Endpoint request timed out (INTEGRATION_TIMEOUT)', async () => {
  const started = Date.now();
  const answer = await integrate(api, stackAnswering(1000), proxyRoute(50), info, fail);
  expect(answer.status).toBe(504);
  expect(answer.headers['x-amzn-errortype']).toBe('INTEGRATION_TIMEOUT');
  expect(JSON.parse(answer.body)).toStrictEqual({ message: 'Endpoint request timed out' });
  expect(Date.now() - started).toBeLessThan(900);
});

test('an integration within its timeout answers as it answered', async () => {
  const answer = await integrate(api, stackAnswering(10), proxyRoute(2000), info, fail);
  expect(answer).toMatchObject({ status: 200, body: 'late' });
});

// Throttling (API Gateway Developer Guide, "Throttle requests to your REST APIs"): a token bucket per method, `burst`
// requests at once and `rate` a second after; over it 429 Too Many Requests (THROTTLED). The limits are the stage's
// method settings (*/* for every method, <path>/<METHOD> for one) and, for keyed methods, the usage plan's.
describe('throttling from the synthesized stage and usage plans', () => {
  const tf = (extra: Record<string, Record<string, object>> = {}) => ({
    resource: {
      aws_api_gateway_method_settings: {
        all: { method_path: '*/*', settings: { throttling_rate_limit: 10, throttling_burst_limit: 3 } },
        one: { method_path: 'invoice/GET', settings: { throttling_rate_limit: 1, throttling_burst_limit: 1 } },
      },
      ...extra,
    },
  });

  test('burst requests pass at once, the next is refused, and the bucket refills at the rate', () => {
    let now = 0;
    const throttler = new Throttler(readThrottleSettings(tf()), () => now);
    expect([1, 2, 3, 4].map(() => throttler.admit('/order', 'POST', false))).toStrictEqual([true, true, true, false]);
    now += 100; // 10 a second: one token back after 100 ms
    expect([throttler.admit('/order', 'POST', false), throttler.admit('/order', 'POST', false)]).toStrictEqual([true, false]);
    // */* sets each method's own bucket: another method is not affected.
    expect(throttler.admit('/order', 'GET', false)).toBe(true);
  });

  test("a method's own settings win over */*", () => {
    const throttler = new Throttler(readThrottleSettings(tf()), () => 0);
    expect([throttler.admit('/invoice', 'GET', false), throttler.admit('/invoice', 'GET', false)]).toStrictEqual([true, false]);
  });

  test('the usage plan throttles keyed methods only; -1 is no limit', () => {
    const plan = { aws_api_gateway_usage_plan: { plan: { name: 'p', throttle_settings: [{ rate_limit: 1, burst_limit: 1 }] } } };
    const settings = readThrottleSettings({ resource: { aws_api_gateway_method_settings: { all: { method_path: '*/*', settings: { throttling_rate_limit: -1, throttling_burst_limit: -1 } } }, ...plan } });
    expect(settings.methods.size).toBe(0);
    const throttler = new Throttler(settings, () => 0);
    expect([throttler.admit('/order', 'POST', true), throttler.admit('/order', 'POST', true)]).toStrictEqual([true, false]);
    expect([1, 2, 3].every(() => throttler.admit('/order', 'POST', false))).toBe(true);
  });

  test('a method path that is a Terraform expression is refused with where and what to write', () => {
    const bad = { resource: { aws_api_gateway_method_settings: { m: { method_path: '${aws_api_gateway_resource.r.path_part}/GET', settings: {} } } } };
    expect(() => readThrottleSettings(bad)).toThrow(/aws_api_gateway_method_settings\.m\.method_path is .*literal method path \(\*\/\* or <resource path>\/<METHOD>\)/);
  });

  test('THROTTLED is 429 Too Many Requests', () => {
    const answer = gatewayAnswer(api, { type: 'THROTTLED' }, 'r-2');
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toStrictEqual({ message: 'Too Many Requests' });
  });
});
