/** RestApi and the stage its deploy() makes (ApiStage), each synthesized in a scope of its own and asserted with cdktf's matchers. */
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsArn } from '@cdktf/provider-aws/lib/data-aws-arn';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Testing } from 'cdktf';
import { lambdaProxyIntegration } from '../../../stacks/constructs/api-integrations';
import { ACCESS_LOG_FORMAT } from '../../../stacks/constructs/api-stage';
import { RestApi, type RestApiProps } from '../../../stacks/constructs/rest-api';
import { jsonIn, onlyResourceEntry, refTo, resourceWhere } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

const config = defaultConfig();
const reader = { functionName: 'reader', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:reader' };

/** A RestApi named `x` with GET /things (a Lambda proxy), deployed to `prod`. */
const deployedApi = (props: Partial<RestApiProps> = {}) =>
  Testing.synthScope((scope) => {
    const api = new RestApi(scope, 'api', {
      restApiName: 'x',
      description: 'x',
      region: config.region,
      logRetentionDays: config.logRetentionDays,
      stageName: 'prod',
      access: 'AWS_IAM',
      throttle: { rateLimit: 1, burstLimit: 2 },
      corsAllowOrigin: '*',
      ...props,
    });
    api.addMethod('/things', 'GET', { integration: lambdaProxyIntegration(config.region, reader), requiredQueryParameters: ['id'] });
    api.deploy();
  });

describe('RestApi', () => {
  const badBodyMessage = (synthesized: string) => {
    const [, response] = resourceWhere(synthesized, ApiGatewayGatewayResponse, 'response_type', 'BAD_REQUEST_BODY');
    return jsonIn(String(response.response_templates['application/json']).replace('$context.error.validationErrorString', '[...]')).message;
  };

  test('regional, with a validator of bodies and parameters, answering its own errors as JSON', () => {
    const synthesized = deployedApi();
    const [apiName] = onlyResourceEntry(synthesized, ApiGatewayRestApi);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayRestApi, { name: 'x', endpoint_configuration: { types: ['REGIONAL'] } });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayRequestValidator, {
      rest_api_id: refTo(ApiGatewayRestApi, apiName, 'id'),
      validate_request_body: true,
      validate_request_parameters: true,
    });
    for (const responseType of ['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, { response_type: responseType, response_templates: { 'application/json': expect.stringMatching(/^\{"message": /) } });
    }
  });

  test('a method needs AWS_IAM; its preflight is a MOCK without credentials; the function may be invoked by that method only', () => {
    const synthesized = deployedApi();
    const [apiName] = onlyResourceEntry(synthesized, ApiGatewayRestApi);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      http_method: 'GET',
      authorization: 'AWS_IAM',
      request_parameters: { 'method.request.querystring.id': true },
      request_validator_id: expect.stringMatching(/^\$\{aws_api_gateway_request_validator\./),
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: 'OPTIONS', authorization: 'NONE' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, { type: 'MOCK' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: 'AWS_PROXY',
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${reader.functionArn}/invocations`,
    });
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      function_name: 'reader',
      principal: 'apigateway.amazonaws.com',
      source_arn: `${refTo(ApiGatewayRestApi, apiName, 'execution_arn')}/prod/GET/things`,
    });
  });

  test("a bad body's answer says where the format is, when the API says so", () => {
    expect(badBodyMessage(deployedApi())).toBe('The request body does not match the model: [...]. Fix the body and send it again.');
    expect(badBodyMessage(deployedApi({ bodyFormatHelp: "the guide, 'Orders'" }))).toBe(
      "The request body does not match the model: [...]. Fix the body (the format is in the guide, 'Orders') and send it again.",
    );
  });

  test('a help text that would break the JSON template is refused', () => {
    expect(() => deployedApi({ bodyFormatHelp: 'see "Orders"' })).toThrow(/bodyFormatHelp 'see "Orders"' holds a double quote/);
  });
});

describe('ApiStage (RestApi.deploy)', () => {
  test('access logs to a log group with retention, X-Ray, and throttling of every method', () => {
    const synthesized = deployedApi();
    const [logGroupName] = onlyResourceEntry(synthesized, CloudwatchLogGroup);
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/apigateway/x/prod/access', retention_in_days: 14 });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, {
      stage_name: 'prod',
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: refTo(CloudwatchLogGroup, logGroupName, 'arn'), format: JSON.stringify(ACCESS_LOG_FORMAT) },
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
      method_path: '*/*',
      settings: { throttling_rate_limit: 1, throttling_burst_limit: 2, metrics_enabled: true },
    });
    // Without accountRoleName the account setting is left alone; with AWS_IAM there is no key.
    expect(synthesized).not.toHaveResource(ApiGatewayAccount);
    expect(synthesized).not.toHaveDataSource(DataAwsArn);
    expect(synthesized).not.toHaveResource(ApiGatewayApiKey);
    expect(synthesized).not.toHaveResource(ApiGatewayUsagePlan);
  });

  test('API_KEY: every method but the preflight needs a key, and a usage plan throttles it as the stage does', () => {
    const synthesized = deployedApi({ access: 'API_KEY' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayRestApi, { api_key_source: 'HEADER' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: 'GET', authorization: 'NONE', api_key_required: true });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayApiKey, { name: 'x-client' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayUsagePlan, { name: 'x-usage-plan', throttle_settings: { rate_limit: 1, burst_limit: 2 } });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayUsagePlanKey, { key_type: 'API_KEY' });
  });

  test("accountRoleName: the account's CloudWatch role, its account read from the log group's ARN (no call to AWS)", () => {
    const synthesized = deployedApi({ accountRoleName: 'x-cloudwatch' });
    const [logGroupName] = onlyResourceEntry(synthesized, CloudwatchLogGroup);
    const [roleName, role] = onlyResourceEntry(synthesized, IamRole);
    const [accountName] = onlyResourceEntry(synthesized, ApiGatewayAccount);
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsArn, { arn: refTo(CloudwatchLogGroup, logGroupName, 'arn') });
    expect(role.name).toBe('x-cloudwatch');
    expect(jsonIn(role.assume_role_policy).Statement).toStrictEqual([{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAccount, { cloudwatch_role_arn: refTo(IamRole, roleName, 'arn'), reset_on_delete: true });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, { depends_on: [`${ApiGatewayAccount.tfResourceType}.${accountName}`] });
  });
});
