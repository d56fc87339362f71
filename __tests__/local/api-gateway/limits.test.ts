import type { RestApiModel, RouteModel } from '../../../local/api-gateway/api-model';
import { gatewayAnswer, type GatewayError } from '../../../local/api-gateway/gateway-responses';
import { integrate, type RequestInfo } from '../../../local/api-gateway/integrations';
import type { LocalStack } from '../../../local/runner';

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
