/** `skip-the-line`: the order API of the stack (REST API, methods, integrations, stage), synthesized in process and asserted with cdktf's matchers. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsArn } from '@cdktf/provider-aws/lib/data-aws-arn';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Testing } from 'cdktf';
import { PROJECT_ROOT } from '../../../stacks/config';
import { SkipTheLineStack } from '../../../stacks/skip-the-line/stack';
import { orderRequestModel } from '../../../stacks/skip-the-line/order-model';
import {
  CLIENT_ERROR_RESPONSE_TEMPLATE,
  SERVER_ERROR_RESPONSE_TEMPLATE,
  START_EXECUTION_REQUEST_TEMPLATE,
  STARTED_RESPONSE_TEMPLATE,
} from '../../../stacks/skip-the-line/templates';
import { dataSourcesOf, jsonIn, onlyResource, parse, refTo, resourcesOf, resourceWhere, roleStatements, type Block } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';
import { referencesIn } from '../../support/terraform-refs';

const synthSkipTheLine = (overrides: Record<string, unknown> = {}): string => Testing.synth(new SkipTheLineStack(Testing.app(), defaultConfig(overrides)));

describe('skip-the-line order API (default configuration)', () => {
  const synthesized = synthSkipTheLine();

  const methodsBy = () =>
    Object.values(resourcesOf(synthesized, ApiGatewayMethod)).map((m) => {
      const path = Object.entries(resourcesOf(synthesized, ApiGatewayResource)).find(([k]) => m.resource_id === refTo(ApiGatewayResource, k, 'id'))?.[1].path_part;
      return { path: `/${path}`, method: m as Block };
    });

  test('REST API step_function_orchestration, regional, resources /order and /invoice', () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayRestApi, { name: 'step_function_orchestration', endpoint_configuration: { types: ['REGIONAL'] } });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, { path_part: 'order' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, { path_part: 'invoice' });
    expect(Object.values(resourcesOf(synthesized, ApiGatewayResource)).map((r) => r.path_part).sort()).toStrictEqual(['invoice', 'order']);
  });

  test('every method but the CORS preflight requires AWS_IAM; the preflight is a MOCK', () => {
    const methods = methodsBy().map(({ path, method }) => `${method.http_method} ${path} ${method.authorization}`);
    expect(methods.sort()).toStrictEqual(
      ['DELETE /order AWS_IAM', 'GET /invoice AWS_IAM', 'GET /order AWS_IAM', 'OPTIONS /invoice NONE', 'OPTIONS /order NONE', 'POST /order AWS_IAM'].sort(),
    );
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, { type: 'MOCK' });
    const mocks = Object.values(resourcesOf(synthesized, ApiGatewayIntegration)).filter((i) => i.type === 'MOCK');
    expect(mocks).toHaveLength(2);
    expect(mocks.every((i) => /options-/.test(i.http_method))).toBe(true);
  });

  test('the request validator checks bodies and parameters; POST needs the Order model, GETs and DELETE their parameters', () => {
    const [validatorKey] = Object.keys(resourcesOf(synthesized, ApiGatewayRequestValidator));
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayRequestValidator, { validate_request_body: true, validate_request_parameters: true });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayModel, { name: 'Order', content_type: 'application/json' });
    expect(jsonIn(onlyResource(synthesized, ApiGatewayModel).schema)).toStrictEqual(orderRequestModel());
    const byKey = Object.fromEntries(methodsBy().map(({ path, method }) => [`${method.http_method} ${path}`, method]));
    const validated = refTo(ApiGatewayRequestValidator, validatorKey, 'id');
    expect(byKey['POST /order']).toMatchObject({ request_validator_id: validated, request_models: { 'application/json': expect.stringContaining('aws_api_gateway_model') } });
    expect(byKey['GET /order']).toMatchObject({
      request_validator_id: validated,
      request_parameters: { 'method.request.querystring.accountid': true, 'method.request.querystring.vendorid': true },
    });
    expect(byKey['DELETE /order'].request_parameters).toStrictEqual(byKey['GET /order'].request_parameters);
    expect(byKey['GET /invoice']).toMatchObject({ request_validator_id: validated, request_parameters: { 'method.request.querystring.objectKey': true } });
  });

  test('POST /order calls StartExecution directly, with the tested templates, refusing other content types', () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: 'AWS',
      uri: 'arn:aws:apigateway:us-east-1:states:action/StartExecution',
      integration_http_method: 'POST',
      passthrough_behavior: 'NEVER',
      request_parameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.0'" },
      request_templates: { 'application/json': START_EXECUTION_REQUEST_TEMPLATE },
    });
    expect(START_EXECUTION_REQUEST_TEMPLATE).not.toMatch(/\$\{|%\{/);
    const responses = Object.values(resourcesOf(synthesized, ApiGatewayIntegrationResponse)).filter((r) => /post-order/.test(r.http_method));
    const bySelection = Object.fromEntries(responses.map((r) => [r.selection_pattern ?? 'default', [r.status_code, r.response_templates['application/json']]]));
    expect(bySelection).toStrictEqual({
      default: ['202', STARTED_RESPONSE_TEMPLATE],
      '4\\d{2}': ['400', CLIENT_ERROR_RESPONSE_TEMPLATE],
      '5\\d{2}': ['502', SERVER_ERROR_RESPONSE_TEMPLATE],
    });
    const statuses = Object.values(resourcesOf(synthesized, ApiGatewayMethodResponse)).filter((r) => /post-order/.test(r.http_method)).map((r) => r.status_code);
    expect(statuses.sort()).toStrictEqual(['202', '400', '409', '429', '500', '502']);
  });

  test('the API role may only StartExecution this state machine; the state machine ARN comes from a stage variable', () => {
    const [machineKey] = Object.keys(resourcesOf(synthesized, SfnStateMachine));
    expect(roleStatements(synthesized, 'step_function_orchestration_api')).toStrictEqual([
      { actions: ['states:StartExecution'], resources: [refTo(SfnStateMachine, machineKey, 'arn')] },
    ]);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, { variables: { stateMachineArn: refTo(SfnStateMachine, machineKey, 'arn') } });
  });

  test('GET /order, DELETE /order and GET /invoice are Lambda proxies, each function invocable by its method only', () => {
    const [apiKey] = Object.keys(resourcesOf(synthesized, ApiGatewayRestApi));
    const sources = Object.values(resourcesOf(synthesized, LambdaPermission)).map((p) => p.source_arn).sort();
    const api = refTo(ApiGatewayRestApi, apiKey, 'execution_arn');
    expect(sources).toStrictEqual([`${api}/prod/DELETE/order`, `${api}/prod/GET/invoice`, `${api}/prod/GET/order`]);
    expect(Object.values(resourcesOf(synthesized, ApiGatewayIntegration)).filter((i) => i.type === 'AWS_PROXY')).toHaveLength(3);
  });

  test('CORS: responses carry the origin; each preflight lists its own path’s methods', () => {
    const preflight = Object.values(resourcesOf(synthesized, ApiGatewayIntegrationResponse)).filter((r) => /options-/.test(r.http_method));
    const methods = preflight.map((r) => r.response_parameters['method.response.header.Access-Control-Allow-Methods']).sort();
    expect(methods).toStrictEqual(["'DELETE,GET,OPTIONS,POST'", "'GET,OPTIONS'"]);
    for (const r of Object.values(resourcesOf(synthesized, ApiGatewayIntegrationResponse))) {
      expect(r.response_parameters['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
    }
    for (const g of Object.values(resourcesOf(synthesized, ApiGatewayGatewayResponse))) {
      expect(g.response_parameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe("'*'");
    }
  });

  test('errors API Gateway answers itself are JSON messages (a bad body says what is wrong)', () => {
    const byType = Object.fromEntries(Object.values(resourcesOf(synthesized, ApiGatewayGatewayResponse)).map((g) => [g.response_type, g]));
    expect(Object.keys(byType).sort()).toStrictEqual(['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX']);
    expect(byType.BAD_REQUEST_BODY.response_templates['application/json']).toMatch(/\$context\.error\.validationErrorString/);
  });

  test('a bad body is answered with a pointer to a README section that exists and describes the order', () => {
    const template = String(resourceWhere(synthesized, ApiGatewayGatewayResponse, 'response_type', 'BAD_REQUEST_BODY')[1].response_templates['application/json']);
    const section = template.match(/README[^']*'([^']+)'/)?.[1];
    expect(section).toBeDefined();
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const heading = readme.split('\n').find((line) => /^#{2,3} /.test(line) && line.replace(/^#+ /, '').startsWith(String(section)));
    expect({ section, heading }).toStrictEqual({ section, heading: expect.any(String) });
    const body = readme.slice(readme.indexOf(String(heading)));
    expect(body.slice(0, body.indexOf('\n## ', 1))).toMatch(/POST \/order.*accountid, vendorid, orderdate, city, details/);
  });

  test('stage prod: access logs to a log group with retention, X-Ray, throttling of every method', () => {
    const [logKey, logGroup] = resourceWhere(synthesized, CloudwatchLogGroup, 'name', '/aws/apigateway/step_function_orchestration/prod/access');
    expect(logGroup.retention_in_days).toBe(14);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, {
      stage_name: 'prod',
      xray_tracing_enabled: true,
      access_log_settings: expect.objectContaining({ destination_arn: refTo(CloudwatchLogGroup, logKey, 'arn') }),
    });
    expect(jsonIn(onlyResource(synthesized, ApiGatewayStage).access_log_settings.format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
      method_path: '*/*',
      settings: { throttling_rate_limit: 10, throttling_burst_limit: 20, metrics_enabled: true },
    });
  });

  test('the deployment refers to (so waits for) every method and integration and is replaced before it is destroyed', () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayDeployment, { lifecycle: { create_before_destroy: true } });
    const deployment = onlyResource(synthesized, ApiGatewayDeployment);
    for (const type of [ApiGatewayMethod, ApiGatewayIntegration, ApiGatewayIntegrationResponse]) {
      for (const key of Object.keys(resourcesOf(synthesized, type))) expect(referencesIn(deployment.triggers.redeployment)).toContain(`${type.tfResourceType}.${key}`);
    }
  });

  test("the account's API Gateway CloudWatch role, as the original has it, scoped to the account's log groups in the region", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAccount, { reset_on_delete: true });
    const [logKey] = resourceWhere(synthesized, CloudwatchLogGroup, 'name', '/aws/apigateway/step_function_orchestration/prod/access');
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsArn, { arn: refTo(CloudwatchLogGroup, logKey, 'arn') });
    const [arnKey] = Object.keys(dataSourcesOf(synthesized, DataAwsArn));
    const logGroups = `arn:aws:logs:us-east-1:\${data.aws_arn.${arnKey}.account}:log-group:*`;
    const statements = roleStatements(synthesized, 'step_function_orchestration_apigw_cloudwatch');
    // Exactly the actions of AWS's managed policy AmazonAPIGatewayPushToCloudWatchLogs, each on its resource type.
    expect(statements.flatMap((s) => s.actions).sort()).toStrictEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'logs:FilterLogEvents',
      'logs:GetLogEvents',
      'logs:PutLogEvents',
    ]);
    expect(statements).toStrictEqual([
      { actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams', 'logs:FilterLogEvents'], resources: [logGroups] },
      { actions: ['logs:CreateLogStream', 'logs:GetLogEvents', 'logs:PutLogEvents'], resources: [`${logGroups}:log-stream:*`] },
      { actions: ['logs:DescribeLogGroups'], resources: ['*'] },
    ]);
    expect(onlyResource(synthesized, ApiGatewayStage).depends_on).toStrictEqual([expect.stringMatching(/^aws_api_gateway_account\./)]);
  });

  test('outputs: the API URL and how to call it, the state machine, table, bucket and topic', () => {
    expect(Object.keys(parse(synthesized).output ?? {}).sort()).toStrictEqual(['ApiAuthorization', 'ApiUrl', 'InvoiceBucketName', 'StateMachineArn', 'TableName', 'TopicArn']);
  });
});

describe('skip-the-line order API (other configurations)', () => {
  test('API_KEY: every method but the preflight needs a key, and a usage plan throttles it', () => {
    const synthesized = synthSkipTheLine({ skipTheLine: { apiAuthorization: 'API_KEY', throttle: { rateLimit: 5, burstLimit: 7 } } });
    const methods = Object.values(resourcesOf(synthesized, ApiGatewayMethod));
    for (const m of methods.filter((m) => m.http_method !== 'OPTIONS')) expect(m).toMatchObject({ authorization: 'NONE', api_key_required: true });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayUsagePlan, {
      name: 'step_function_orchestration-usage-plan',
      throttle_settings: { rate_limit: 5, burst_limit: 7 },
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayUsagePlanKey, { key_type: 'API_KEY' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayApiKey, { name: 'step_function_orchestration-client' });
    expect(parse(synthesized).output?.ApiKeyId).toBeDefined();
  });

  test('corsAllowOrigin null: no preflight methods and no CORS headers anywhere', () => {
    const synthesized = synthSkipTheLine({ skipTheLine: { corsAllowOrigin: null } });
    expect(synthesized).not.toMatch(/Access-Control|CORS_ALLOW/);
    expect(Object.values(resourcesOf(synthesized, ApiGatewayMethod)).map((m) => m.http_method).sort()).toStrictEqual(['DELETE', 'GET', 'GET', 'POST']);
  });

  test('manageApiGatewayAccount false: the account setting and its role are left alone', () => {
    const synthesized = synthSkipTheLine({ skipTheLine: { manageApiGatewayAccount: false } });
    expect(synthesized).not.toHaveResource(ApiGatewayAccount);
    expect(synthesized).not.toContain('apigw_cloudwatch');
  });
});
