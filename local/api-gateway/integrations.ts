import { LOCAL_ACCOUNT_ID } from '../aws-names';
import type { LocalStack } from '../runner';
import type { IntegrationResponseModel, RestApiModel, RouteModel } from './api-model';
import type { GatewayError, HttpAnswer } from './gateway-responses';
import { renderTemplate, type RenderResult, type TemplateContext } from './vtl';

/** What the integrations need of one request, after routing, authorization and validation. */
export interface RequestInfo {
  readonly method: string;
  /** The route's resource path, e.g. `/order`. */
  readonly resourcePath: string;
  /** The path as requested, with the stage, e.g. `/prod/order`. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly contentType: string;
  readonly requestId: string;
  readonly sourceIp: string;
}

type Fail = (e: GatewayError) => HttpAnswer;

/** Runs the route's integration: a Lambda proxy, an AWS service action (Step Functions), or a MOCK. */
export async function integrate(api: RestApiModel, stack: LocalStack, route: RouteModel, info: RequestInfo, fail: Fail): Promise<HttpAnswer> {
  // The integration's own timeout (29 s unless set lower): past it API Gateway answers 504 INTEGRATION_TIMEOUT; the
  // backend call goes on, as it would on AWS (a started execution keeps running).
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<HttpAnswer>((resolve) => {
    timer = setTimeout(() => resolve(fail({ type: 'INTEGRATION_TIMEOUT' })), route.integration.timeoutMs);
  });
  try {
    return await Promise.race([callIntegration(api, stack, route, info, fail), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function callIntegration(api: RestApiModel, stack: LocalStack, route: RouteModel, info: RequestInfo, fail: Fail): Promise<HttpAnswer> {
  const integration = route.integration;
  if (integration.type === 'AWS_PROXY') return lambdaProxy(api, stack, integration.uri ?? '', info, fail);
  if (integration.type !== 'AWS' && integration.type !== 'MOCK') {
    return fail({ type: 'DEFAULT_5XX', status: 500, message: `Integration type ${integration.type} is not emulated locally.` });
  }
  const template = integration.requestTemplates[info.contentType];
  const hasTemplates = Object.keys(integration.requestTemplates).length > 0;
  // Passthrough: NEVER refuses any content type without a template; WHEN_NO_TEMPLATES only when others have one.
  if (template === undefined && (integration.passthroughBehavior === 'NEVER' || (hasTemplates && integration.passthroughBehavior === 'WHEN_NO_TEMPLATES'))) {
    return fail({ type: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  const context = templateContext(api, info);
  const request = { body: info.body, queryStringParameters: info.query, headers: info.headers };
  const rendered = template === undefined ? info.body : renderTemplate(template, request, context, api.stageVariables).output;

  let status: number;
  let serviceBody: string;
  if (integration.type === 'MOCK') {
    status = Number((JSON.parse(rendered || '{}') as { statusCode?: number }).statusCode ?? 200);
    serviceBody = '';
  } else {
    const refused = integration.credentials === undefined ? undefined : await credentialsRefusal(api, stack, route, integration.credentials, integration.uri ?? '', rendered);
    if (refused === 'cannot-assume') return fail({ type: 'DEFAULT_5XX', status: 500, message: 'Internal server error' });
    ({ status, body: serviceBody } = refused ?? (await callAwsAction(stack, integration.uri ?? '', rendered)));
  }
  const response = selectResponse(integration.responses, status);
  if (!response) return fail({ type: 'DEFAULT_5XX', status: 500, message: 'Internal server error' });
  const responseTemplate = response.templates['application/json'];
  const out: RenderResult =
    responseTemplate === undefined
      ? { output: serviceBody, responseOverride: { header: {} } }
      : renderTemplate(responseTemplate, { body: serviceBody }, context, api.stageVariables);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(response.responseParameters)) {
    if (/^'.*'$/s.test(value)) headers[name.replace(/^method\.response\.header\./, '').toLowerCase()] = value.slice(1, -1);
  }
  for (const [name, value] of Object.entries(out.responseOverride.header)) headers[name.toLowerCase()] = String(value);
  return { status: out.responseOverride.status ?? Number(response.statusCode), headers, body: out.output };
}

/** The integration response for a status: the first whose selection pattern matches, else the default one. */
function selectResponse(responses: readonly IntegrationResponseModel[], status: number): IntegrationResponseModel | undefined {
  const matching = responses.find(
    (r) => r.selectionPattern !== undefined && r.selectionPattern !== '' && new RegExp(`^(?:${r.selectionPattern})$`).test(String(status)),
  );
  return matching ?? responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
}

/**
 * An AWS integration calls the service as a session of its `credentials` role (named BackplaneAssumeRoleSession, as
 * API Gateway's sessions appear in AWS's AccessDenied messages and CloudTrail). A role whose trust policy does not
 * let apigateway.amazonaws.com assume it is a configuration error: 500 Internal server error ("Execution failed due
 * to configuration error: API Gateway does not have permission to assume the provided role" in the execution log).
 * A call the role may not make is answered by the service, as any refusal: Step Functions' 400
 * AccessDeniedException, which the integration responses then map like any other 4xx. Undefined: allowed.
 */
async function credentialsRefusal(
  api: RestApiModel,
  stack: LocalStack,
  route: RouteModel,
  roleArn: string,
  uri: string,
  rendered: string,
): Promise<'cannot-assume' | { status: number; body: string } | undefined> {
  if (!stack.roleTrusts(roleArn, 'apigateway.amazonaws.com')) return 'cannot-assume';
  const action = /^arn:[^:]+:apigateway:[^:]+:states:action\/([A-Za-z]+)$/.exec(uri)?.[1];
  if (!action) return undefined;
  let stateMachineArn = '*';
  try {
    const parsed = JSON.parse(rendered) as { stateMachineArn?: unknown };
    if (typeof parsed.stateMachineArn === 'string') stateMachineArn = parsed.stateMachineArn.replace(/#.*$/, '');
  } catch {
    return undefined; // Step Functions answers the malformed body itself.
  }
  const session = stack.roleSession(roleArn, `API ${api.name}`, 'BackplaneAssumeRoleSession');
  const denied = await session.check([{ action: `states:${action}`, resourceArn: stateMachineArn }], `${route.httpMethod} ${route.path} integration`);
  if (!denied) return undefined;
  return { status: 400, body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: denied.message }) };
}

/** `arn:aws:apigateway:<region>:states:action/<Action>` → the local Step Functions API. */
async function callAwsAction(stack: LocalStack, uri: string, body: string): Promise<{ status: number; body: string }> {
  const match = /^arn:[^:]+:apigateway:[^:]+:states:action\/([A-Za-z]+)$/.exec(uri);
  if (!match) return { status: 500, body: JSON.stringify({ __type: 'NotEmulatedLocally', message: `The local API Gateway calls Step Functions actions only, not ${uri}.` }) };
  const response = await fetch(stack.endpoints.stepfunctions, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${match[1]}` },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** The Lambda proxy integration: the function gets the request as an event and answers status, headers, body. */
async function lambdaProxy(api: RestApiModel, stack: LocalStack, uri: string, info: RequestInfo, fail: Fail): Promise<HttpAnswer> {
  const functionArn = /functions\/(.+)\/invocations$/.exec(uri)?.[1];
  if (!functionArn) return fail({ type: 'DEFAULT_5XX', status: 500, message: `Integration URI ${uri} names no function.` });
  const hasQuery = Object.keys(info.query).length > 0;
  const event = {
    resource: info.resourcePath,
    path: info.resourcePath,
    httpMethod: info.method,
    headers: info.headers,
    multiValueHeaders: Object.fromEntries(Object.entries(info.headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? info.query : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(Object.entries(info.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: null,
    stageVariables: Object.keys(api.stageVariables).length > 0 ? api.stageVariables : null,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: api.id,
      requestId: info.requestId,
      stage: api.stageName,
      resourcePath: info.resourcePath,
      httpMethod: info.method,
      path: info.path,
      identity: { sourceIp: info.sourceIp, userAgent: info.headers['user-agent'] ?? null },
    },
    body: info.body === '' ? null : info.body,
    isBase64Encoded: false,
  };
  const result = await stack.invoke(functionArn, event);
  const payload = result.payload as { statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown } | null;
  // As on AWS: a function error or an answer that is not {statusCode, headers, body} is a 502 to the caller.
  if (result.functionError || !payload || typeof payload !== 'object' || !Number.isInteger(payload.statusCode)) {
    return fail({ type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' });
  }
  const headers = Object.fromEntries(Object.entries(payload.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: payload.statusCode as number, headers, body: typeof payload.body === 'string' ? payload.body : '' };
}

function templateContext(api: RestApiModel, info: RequestInfo): TemplateContext {
  return {
    requestId: info.requestId,
    httpMethod: info.method,
    resourcePath: info.resourcePath,
    stage: api.stageName,
    path: info.path,
    apiId: api.id,
    accountId: LOCAL_ACCOUNT_ID,
    identity: { sourceIp: info.sourceIp },
  };
}
