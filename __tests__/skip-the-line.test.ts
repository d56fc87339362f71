import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvoiceNotStored, OrderNotStored } from '../lambdas/orders/errors';
import { PROJECT_ROOT } from '../stacks/config';
import { orderRequestModel } from '../stacks/skip-the-line/order-model';
import {
  CLIENT_ERROR_RESPONSE_TEMPLATE,
  SERVER_ERROR_RESPONSE_TEMPLATE,
  START_EXECUTION_REQUEST_TEMPLATE,
  STARTED_RESPONSE_TEMPLATE,
} from '../stacks/skip-the-line/templates';
import { defaultConfig, onlyResource, resourcesOf, synthApp, type SynthesizedStack } from './support/synth';
import { referencesIn } from './support/terraform-refs';

type Block = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synthSkipTheLine(overrides: Record<string, unknown> = {}): SynthesizedStack {
  return synthApp(defaultConfig(overrides)).stacks['skip-the-line'];
}

/** The resource of `type` whose `key` equals `value`. */
function findBy(stack: SynthesizedStack, type: string, key: string, value: unknown): [string, Block] {
  const found = Object.entries(resourcesOf(stack, type)).filter(([, block]) => block[key] === value);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${key} = ${JSON.stringify(value)}, found ${found.length}`);
  return found[0] as [string, Block];
}

/** A role's inline policy statements, as `{actions, resources}` sorted by their first action. */
function statementsOf(stack: SynthesizedStack, roleName: string): { actions: string[]; resources: string[] }[] {
  const [roleKey] = findBy(stack, 'aws_iam_role', 'name', roleName);
  const policies = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).filter((p) => p.role === `\${aws_iam_role.${roleKey}.id}`);
  return policies
    .flatMap((p) => JSON.parse(p.policy as string).Statement as { Effect: string; Action: string[]; Resource: string[] }[])
    .map((s) => {
      expect(s.Effect).toBe('Allow');
      return { actions: s.Action, resources: s.Resource };
    });
}

const actionsOf = (stack: SynthesizedStack, roleName: string) => statementsOf(stack, roleName).flatMap((s) => s.actions).sort();
const ref = (type: string, key: string, attribute: string) => `\${${type}.${key}.${attribute}}`;

describe('skip-the-line stack (default configuration)', () => {
  let stack: SynthesizedStack;
  let resource: Record<string, Record<string, Block>>;
  beforeAll(() => {
    stack = synthSkipTheLine();
    resource = stack.json.resource as Record<string, Record<string, Block>>;
  });

  describe('data', () => {
    test('the orders table: (accountid, vendorid) strings, on demand, encrypted, point-in-time recovery', () => {
      const table = onlyResource(stack, 'aws_dynamodb_table') as Block;
      expect(table).toMatchObject({
        name: 'step_function_orchestration',
        hash_key: 'accountid',
        range_key: 'vendorid',
        attribute: [
          { name: 'accountid', type: 'S' },
          { name: 'vendorid', type: 'S' },
        ],
        billing_mode: 'PAY_PER_REQUEST',
        server_side_encryption: { enabled: true },
        point_in_time_recovery: { enabled: true },
      });
      expect(table.read_capacity).toBeUndefined();
      expect(table.write_capacity).toBeUndefined();
    });

    test('the invoice bucket: public access blocked, encrypted, TLS only, emptied on destroy', () => {
      expect(onlyResource(stack, 'aws_s3_bucket')).toMatchObject({ bucket_prefix: 'stepfunctionorchestration-', force_destroy: true });
      expect(onlyResource(stack, 'aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(onlyResource(stack, 'aws_s3_bucket_server_side_encryption_configuration')).toBeDefined();
      expect(JSON.parse(onlyResource(stack, 'aws_s3_bucket_policy').policy as string).Statement[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    test('invoices are business records: versioned, old versions kept 90 days, current ones never expire', () => {
      expect(onlyResource(stack, 'aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
      const rules = onlyResource(stack, 'aws_s3_bucket_lifecycle_configuration').rule as Block[];
      expect(rules).toStrictEqual([
        expect.objectContaining({
          status: 'Enabled',
          filter: [{}],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          expiration: [{ expired_object_delete_marker: true }],
        }),
      ]);
    });

    test('the topic keeps its name, is encrypted, and has no subscription unless an e-mail is configured', () => {
      expect(onlyResource(stack, 'aws_sns_topic')).toMatchObject({ name: 'step_function_orchestration_topic', kms_master_key_id: 'alias/aws/sns' });
      expect(resource.aws_sns_topic_subscription).toBeUndefined();
      const withEmail = synthSkipTheLine({ skipTheLine: { notificationEmail: 'barista@example.com' } });
      expect(onlyResource(withEmail, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'barista@example.com' });
    });
  });

  describe('functions', () => {
    const functions = {
      put_item: { role: 'step_function_orchestration_put_item', actions: ['dynamodb:PutItem'] },
      put_object: { role: 'step_function_orchestration_lambda_put_object', actions: ['s3:PutObject'] },
      get_item: { role: 'step_function_orchestration_get_item', actions: ['dynamodb:GetItem'] },
      get_object: { role: 'step_function_orchestration_lambda_get_object', actions: ['s3:GetObject', 's3:ListBucket'] },
      delete_item: { role: 'step_function_orchestration_delete_item', actions: ['dynamodb:DeleteItem'] },
    };

    test.each(Object.entries(functions))('%s: nodejs22.x, traced, explicit memory and timeout, its own log group', (suffix) => {
      const [key, fn] = findBy(stack, 'aws_lambda_function', 'function_name', `step_function_orchestration_${suffix}`);
      expect(fn).toMatchObject({ runtime: 'nodejs22.x', tracing_config: { mode: 'Active' }, memory_size: 256, timeout: 10 });
      const [, logGroup] = findBy(stack, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/step_function_orchestration_${suffix}`);
      expect(logGroup.retention_in_days).toBe(14);
      expect(fn.role).toMatch(/^\$\{aws_iam_role\./);
      expect(key).toBeDefined();
    });

    test.each(Object.entries(functions))('%s: its own role (the original name) with exactly its actions, logs and traces', (_suffix, { role, actions }) => {
      expect(actionsOf(stack, role)).toStrictEqual([...actions, 'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].sort());
    });

    test('every role is scoped: the table, the invoices prefix of the bucket, the bucket for ListBucket only', () => {
      const [tableKey] = Object.keys(resource.aws_dynamodb_table);
      const [bucketKey] = Object.keys(resource.aws_s3_bucket);
      const table = ref('aws_dynamodb_table', tableKey, 'arn');
      const bucket = ref('aws_s3_bucket', bucketKey, 'arn');
      const scoped = (role: string, action: string) => statementsOf(stack, role).find((s) => s.actions.includes(action))?.resources;
      expect(scoped('step_function_orchestration_put_item', 'dynamodb:PutItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_get_item', 'dynamodb:GetItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_delete_item', 'dynamodb:DeleteItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_lambda_put_object', 's3:PutObject')).toStrictEqual([`${bucket}/invoices/*`]);
      expect(scoped('step_function_orchestration_lambda_get_object', 's3:GetObject')).toStrictEqual([`${bucket}/invoices/*`]);
      expect(scoped('step_function_orchestration_lambda_get_object', 's3:ListBucket')).toStrictEqual([bucket]);
    });

    test('the proxy functions answer with the CORS origin and the methods of their path', () => {
      const env = (suffix: string) => findBy(stack, 'aws_lambda_function', 'function_name', `step_function_orchestration_${suffix}`)[1].environment.variables;
      expect(env('get_item')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'DELETE,GET,OPTIONS,POST' });
      expect(env('delete_item')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'DELETE,GET,OPTIONS,POST' });
      expect(env('get_object')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'GET,OPTIONS', INVOICE_URL_EXPIRY_SECONDS: '300' });
      expect(env('put_item').CORS_ALLOW_ORIGIN).toBeUndefined();
    });
  });

  describe('workflow', () => {
    let machine: Block;
    let asl: Block;
    beforeAll(() => {
      machine = onlyResource(stack, 'aws_sfn_state_machine') as Block;
      asl = JSON.parse(machine.definition);
    });

    test('step_function_orchestration: standard, 300 s timeout, logged and traced', () => {
      expect(machine).toMatchObject({
        name: 'step_function_orchestration',
        type: 'STANDARD',
        tracing_configuration: { enabled: true },
        logging_configuration: { include_execution_data: true, level: 'ERROR' },
      });
      expect(asl.TimeoutSeconds).toBe(300);
    });

    test("keeps the original state names; the magic-string Choice 'task_put_item_choice' is gone", () => {
      expect(asl.StartAt).toBe('task_put_item');
      expect(Object.keys(asl.States).sort()).toStrictEqual(
        [
          'Job Failed',
          'Job Succeeded',
          'notify_order_failed',
          'notify_order_placed',
          'order_already_gone',
          'order_not_stored',
          'order_not_withdrawn',
          'order_withdrawn',
          'task_delete_item',
          'task_put_item',
          'task_put_object',
        ].sort(),
      );
      expect(asl.States.task_put_item.Next).toBe('task_put_object');
      expect(asl.States.task_put_object.Next).toBe('notify_order_placed');
      expect(asl.States.notify_order_placed.Next).toBe('Job Succeeded');
      expect(asl.States['Job Succeeded'].Type).toBe('Succeed');
    });

    test('a notice that cannot be sent does not unplace the order: the execution still succeeds, saying why', () => {
      expect(asl.States.notify_order_placed.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.noticeNotSent', Next: 'Job Succeeded' }]);
    });

    test('put_item: retries Lambda transient errors and OrderNotStored; any other error → failure notice → Job Failed', () => {
      const state = asl.States.task_put_item;
      expect(state.OutputPath).toBe('$.Payload');
      // No path is applied to the execution input itself, which may be null (States.Runtime) or not an object
      // (a ResultPath such as '$.error' fails with States.ResultPathMatchFailure).
      expect(state.Parameters['Payload.$']).toBe('$$.Execution.Input');
      expect(state.Retry.map((r: Block) => r.ErrorEquals)).toStrictEqual([
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
        [new OrderNotStored('').name],
      ]);
      expect(state.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'order_not_stored' }]);
      expect(asl.States.order_not_stored).toMatchObject({ Type: 'Pass', Parameters: { 'error.$': '$', outcome: { data: 'NOTHING_STORED' } }, Next: 'notify_order_failed' });
      expect(asl.States.notify_order_failed.Next).toBe('Job Failed');
      expect(asl.States['Job Failed']).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
    });

    test('put_object: retries InvoiceNotStored; a failed invoice withdraws the order, notifies, and fails the execution', () => {
      const state = asl.States.task_put_object;
      expect(state.Retry[1].ErrorEquals).toStrictEqual([new InvoiceNotStored('').name]);
      expect(state.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'task_delete_item' }]);
      expect(state.Parameters.Payload).toStrictEqual({ 'order.$': '$.order', 'executionId.$': '$$.Execution.Id' });
      const withdraw = asl.States.task_delete_item;
      expect(withdraw).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:deleteItem', ResultPath: null, Next: 'order_withdrawn' });
      expect(withdraw.Parameters.ConditionExpression).toBe('orderdate = :orderdate');
      expect(withdraw.Catch).toStrictEqual([
        { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.withdrawalError', Next: 'order_already_gone' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.withdrawalError', Next: 'order_not_withdrawn' },
      ]);
      for (const [state, data] of [['order_withdrawn', 'ORDER_WITHDRAWN'], ['order_already_gone', 'ORDER_ALREADY_GONE']]) {
        expect(asl.States[state]).toMatchObject({ Type: 'Pass', Result: { data }, ResultPath: '$.outcome', Next: 'notify_order_failed' });
      }
      expect(asl.States.order_not_withdrawn.Parameters.error).toMatchObject({ Error: 'OrderNotWithdrawn', 'invoiceError.$': '$.error', 'withdrawalError.$': '$.withdrawalError' });
    });

    test('both notices go to the topic and say what happened, which order and which execution', () => {
      const [topicKey] = Object.keys(resource.aws_sns_topic);
      for (const name of ['notify_order_placed', 'notify_order_failed']) {
        expect(asl.States[name].Parameters.TopicArn).toBe(ref('aws_sns_topic', topicKey, 'arn'));
        expect(asl.States[name].Parameters.Message['executionId.$']).toBe('$$.Execution.Id');
      }
      expect(asl.States.notify_order_placed.Parameters.Message).toMatchObject({ status: 'ORDER_PLACED', 'order.$': '$.order', 'invoice.$': '$.invoice' });
      expect(asl.States.notify_order_failed.Parameters.Message).toMatchObject({ status: 'ORDER_FAILED', 'error.$': '$.error', 'request.$': '$$.Execution.Input' });
      expect(asl.States.notify_order_failed.Catch[0]).toMatchObject({ ResultPath: '$.notificationError', Next: 'Job Failed' });
    });

    test('its role (the original name) may only invoke the two functions, publish to the topic and withdraw orders', () => {
      const statements = statementsOf(stack, 'step_function_orchestration_statemachine');
      const own = statements.filter((s) => !s.resources.includes('*'));
      expect(own.flatMap((s) => s.actions).sort()).toStrictEqual(['dynamodb:DeleteItem', 'lambda:InvokeFunction', 'lambda:InvokeFunction', 'sns:Publish']);
      const wildcard = statements.filter((s) => s.resources.includes('*')).flatMap((s) => s.actions);
      expect(wildcard.every((a) => a.startsWith('logs:') || a.startsWith('xray:'))).toBe(true);
    });
  });

  describe('API', () => {
    const methodsBy = () =>
      Object.values(resource.aws_api_gateway_method).map((m) => {
        const path = Object.entries(resource.aws_api_gateway_resource).find(([k]) => m.resource_id === ref('aws_api_gateway_resource', k, 'id'))?.[1].path_part;
        return { path: `/${path}`, method: m as Block };
      });

    test('REST API step_function_orchestration, regional, resources /order and /invoice', () => {
      expect(onlyResource(stack, 'aws_api_gateway_rest_api')).toMatchObject({ name: 'step_function_orchestration', endpoint_configuration: { types: ['REGIONAL'] } });
      expect(Object.values(resource.aws_api_gateway_resource).map((r) => r.path_part).sort()).toStrictEqual(['invoice', 'order']);
    });

    test('every method but the CORS preflight requires AWS_IAM; the preflight is a MOCK', () => {
      const methods = methodsBy().map(({ path, method }) => `${method.http_method} ${path} ${method.authorization}`);
      expect(methods.sort()).toStrictEqual(
        ['DELETE /order AWS_IAM', 'GET /invoice AWS_IAM', 'GET /order AWS_IAM', 'OPTIONS /invoice NONE', 'OPTIONS /order NONE', 'POST /order AWS_IAM'].sort(),
      );
      const mocks = Object.values(resource.aws_api_gateway_integration).filter((i) => i.type === 'MOCK');
      expect(mocks).toHaveLength(2);
      expect(mocks.every((i) => /options-/.test(i.http_method))).toBe(true);
    });

    test('the request validator checks bodies and parameters; POST needs the Order model, GETs and DELETE their parameters', () => {
      const [validatorKey, validator] = Object.entries(resource.aws_api_gateway_request_validator)[0];
      expect(validator).toMatchObject({ validate_request_body: true, validate_request_parameters: true });
      const model = onlyResource(stack, 'aws_api_gateway_model') as Block;
      expect(model).toMatchObject({ name: 'Order', content_type: 'application/json' });
      expect(JSON.parse(model.schema)).toStrictEqual(orderRequestModel());
      const byKey = Object.fromEntries(methodsBy().map(({ path, method }) => [`${method.http_method} ${path}`, method]));
      const validated = ref('aws_api_gateway_request_validator', validatorKey, 'id');
      expect(byKey['POST /order']).toMatchObject({ request_validator_id: validated, request_models: { 'application/json': expect.stringContaining('aws_api_gateway_model') } });
      expect(byKey['GET /order']).toMatchObject({
        request_validator_id: validated,
        request_parameters: { 'method.request.querystring.accountid': true, 'method.request.querystring.vendorid': true },
      });
      expect(byKey['DELETE /order'].request_parameters).toStrictEqual(byKey['GET /order'].request_parameters);
      expect(byKey['GET /invoice']).toMatchObject({ request_validator_id: validated, request_parameters: { 'method.request.querystring.objectKey': true } });
    });

    test('POST /order calls StartExecution directly, with the tested templates, refusing other content types', () => {
      const post = Object.values(resource.aws_api_gateway_integration).find((i) => i.type === 'AWS') as Block;
      expect(post).toMatchObject({
        uri: 'arn:aws:apigateway:us-east-1:states:action/StartExecution',
        integration_http_method: 'POST',
        passthrough_behavior: 'NEVER',
        request_parameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.0'" },
        request_templates: { 'application/json': START_EXECUTION_REQUEST_TEMPLATE },
      });
      expect(START_EXECUTION_REQUEST_TEMPLATE).not.toMatch(/\$\{|%\{/);
      const responses = Object.values(resource.aws_api_gateway_integration_response).filter((r) => /post-order/.test(r.http_method));
      const bySelection = Object.fromEntries(responses.map((r) => [r.selection_pattern ?? 'default', [r.status_code, r.response_templates['application/json']]]));
      expect(bySelection).toStrictEqual({
        default: ['202', STARTED_RESPONSE_TEMPLATE],
        '4\\d{2}': ['400', CLIENT_ERROR_RESPONSE_TEMPLATE],
        '5\\d{2}': ['502', SERVER_ERROR_RESPONSE_TEMPLATE],
      });
      const statuses = Object.values(resource.aws_api_gateway_method_response).filter((r) => /post-order/.test(r.http_method)).map((r) => r.status_code);
      expect(statuses.sort()).toStrictEqual(['202', '400', '409', '429', '500', '502']);
    });

    test('the API role may only StartExecution this state machine; the state machine ARN comes from a stage variable', () => {
      const [machineKey] = Object.keys(resource.aws_sfn_state_machine);
      expect(statementsOf(stack, 'step_function_orchestration_api')).toStrictEqual([
        { actions: ['states:StartExecution'], resources: [ref('aws_sfn_state_machine', machineKey, 'arn')] },
      ]);
      expect(onlyResource(stack, 'aws_api_gateway_stage')).toMatchObject({ variables: { stateMachineArn: ref('aws_sfn_state_machine', machineKey, 'arn') } });
    });

    test('GET /order, DELETE /order and GET /invoice are Lambda proxies, each function invocable by its method only', () => {
      const [apiKey] = Object.keys(resource.aws_api_gateway_rest_api);
      const sources = Object.values(resource.aws_lambda_permission).map((p) => p.source_arn).sort();
      const api = ref('aws_api_gateway_rest_api', apiKey, 'execution_arn');
      expect(sources).toStrictEqual([`${api}/prod/DELETE/order`, `${api}/prod/GET/invoice`, `${api}/prod/GET/order`]);
      expect(Object.values(resource.aws_api_gateway_integration).filter((i) => i.type === 'AWS_PROXY')).toHaveLength(3);
    });

    test('CORS: responses carry the origin; each preflight lists its own path’s methods', () => {
      const preflight = Object.values(resource.aws_api_gateway_integration_response).filter((r) => /options-/.test(r.http_method));
      const methods = preflight.map((r) => r.response_parameters['method.response.header.Access-Control-Allow-Methods']).sort();
      expect(methods).toStrictEqual(["'DELETE,GET,OPTIONS,POST'", "'GET,OPTIONS'"]);
      for (const r of Object.values(resource.aws_api_gateway_integration_response)) {
        expect(r.response_parameters['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
      }
      for (const g of Object.values(resource.aws_api_gateway_gateway_response)) {
        expect(g.response_parameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe("'*'");
      }
    });

    test('errors API Gateway answers itself are JSON messages (a bad body says what is wrong)', () => {
      const byType = Object.fromEntries(Object.values(resource.aws_api_gateway_gateway_response).map((g) => [g.response_type, g]));
      expect(Object.keys(byType).sort()).toStrictEqual(['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX']);
      expect(byType.BAD_REQUEST_BODY.response_templates['application/json']).toMatch(/\$context\.error\.validationErrorString/);
    });

    test('a bad body is answered with a pointer to a README section that exists and describes the order', () => {
      const template = String(
        (Object.values(resource.aws_api_gateway_gateway_response).find((g) => g.response_type === 'BAD_REQUEST_BODY') as Block).response_templates['application/json'],
      );
      const section = template.match(/README[^']*'([^']+)'/)?.[1];
      expect(section).toBeDefined();
      const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
      const heading = readme.split('\n').find((line) => /^#{2,3} /.test(line) && line.replace(/^#+ /, '').startsWith(String(section)));
      expect({ section, heading }).toStrictEqual({ section, heading: expect.any(String) });
      const body = readme.slice(readme.indexOf(String(heading)));
      expect(body.slice(0, body.indexOf('\n## ', 1))).toMatch(/POST \/order.*accountid, vendorid, orderdate, city, details/);
    });

    test('stage prod: access logs to a log group with retention, X-Ray, throttling of every method', () => {
      const stage = onlyResource(stack, 'aws_api_gateway_stage') as Block;
      const [logKey, logGroup] = findBy(stack, 'aws_cloudwatch_log_group', 'name', '/aws/apigateway/step_function_orchestration/prod/access');
      expect(logGroup.retention_in_days).toBe(14);
      expect(stage).toMatchObject({ stage_name: 'prod', xray_tracing_enabled: true, access_log_settings: { destination_arn: ref('aws_cloudwatch_log_group', logKey, 'arn') } });
      expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
      expect(onlyResource(stack, 'aws_api_gateway_method_settings')).toMatchObject({
        method_path: '*/*',
        settings: { throttling_rate_limit: 10, throttling_burst_limit: 20, metrics_enabled: true },
      });
    });

    test('the deployment refers to (so waits for) every method and integration and is replaced before it is destroyed', () => {
      const deployment = onlyResource(stack, 'aws_api_gateway_deployment') as Block;
      expect(deployment.lifecycle).toStrictEqual({ create_before_destroy: true });
      for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_integration_response']) {
        for (const key of Object.keys(resource[type])) expect(referencesIn(deployment.triggers.redeployment)).toContain(`${type}.${key}`);
      }
    });

    test("the account's API Gateway CloudWatch role, as the original has it, scoped to the account's log groups in the region", () => {
      expect(onlyResource(stack, 'aws_api_gateway_account')).toMatchObject({ reset_on_delete: true });
      const [logKey] = findBy(stack, 'aws_cloudwatch_log_group', 'name', '/aws/apigateway/step_function_orchestration/prod/access');
      const [arnKey, parsed] = Object.entries(stack.json.data?.aws_arn ?? {})[0];
      expect(parsed.arn).toBe(ref('aws_cloudwatch_log_group', logKey, 'arn'));
      const logGroups = `arn:aws:logs:us-east-1:\${data.aws_arn.${arnKey}.account}:log-group:*`;
      const statements = statementsOf(stack, 'step_function_orchestration_apigw_cloudwatch');
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
      expect(onlyResource(stack, 'aws_api_gateway_stage').depends_on).toStrictEqual([expect.stringMatching(/^aws_api_gateway_account\./)]);
    });

    test('outputs: the API URL and how to call it, the state machine, table, bucket and topic', () => {
      expect(Object.keys(stack.json.output ?? {}).sort()).toStrictEqual(['ApiAuthorization', 'ApiUrl', 'InvoiceBucketName', 'StateMachineArn', 'TableName', 'TopicArn']);
    });
  });

  test('no role has a "*" action, and "*" resources only for logs and X-Ray', () => {
    for (const policy of Object.values(resource.aws_iam_role_policy)) {
      for (const s of JSON.parse(policy.policy).Statement) {
        expect(s.Action).not.toContain('*');
        if (s.Resource.includes('*')) expect(s.Action.every((a: string) => /^(logs|xray):/.test(a))).toBe(true);
      }
    }
  });

  test('byte-stable, with no path of this machine in it', () => {
    expect(synthSkipTheLine().text).toBe(stack.text);
    expect(stack.text).not.toContain(process.cwd());
    expect(stack.text).not.toContain(os.tmpdir());
  });
});

describe('skip-the-line stack (other configurations)', () => {
  test('API_KEY: every method but the preflight needs a key, and a usage plan throttles it', () => {
    const stack = synthSkipTheLine({ skipTheLine: { apiAuthorization: 'API_KEY', throttle: { rateLimit: 5, burstLimit: 7 } } });
    const methods = Object.values(resourcesOf(stack, 'aws_api_gateway_method')) as Block[];
    for (const m of methods.filter((m) => m.http_method !== 'OPTIONS')) expect(m).toMatchObject({ authorization: 'NONE', api_key_required: true });
    expect(onlyResource(stack, 'aws_api_gateway_usage_plan')).toMatchObject({
      name: 'step_function_orchestration-usage-plan',
      throttle_settings: { rate_limit: 5, burst_limit: 7 },
    });
    expect(onlyResource(stack, 'aws_api_gateway_usage_plan_key')).toMatchObject({ key_type: 'API_KEY' });
    expect(onlyResource(stack, 'aws_api_gateway_api_key')).toMatchObject({ name: 'step_function_orchestration-client' });
    expect(stack.json.output?.ApiKeyId).toBeDefined();
  });

  test('corsAllowOrigin null: no preflight methods and no CORS headers anywhere', () => {
    const stack = synthSkipTheLine({ skipTheLine: { corsAllowOrigin: null } });
    expect(stack.text).not.toMatch(/Access-Control|CORS_ALLOW/);
    expect((Object.values(resourcesOf(stack, 'aws_api_gateway_method')) as Block[]).map((m) => m.http_method).sort()).toStrictEqual(['DELETE', 'GET', 'GET', 'POST']);
  });

  test('manageApiGatewayAccount false: the account setting and its role are left alone', () => {
    const stack = synthSkipTheLine({ skipTheLine: { manageApiGatewayAccount: false } });
    expect(resourcesOf(stack, 'aws_api_gateway_account')).toStrictEqual({});
    expect(stack.text).not.toContain('apigw_cloudwatch');
  });

  test('a namePrefix goes before every name', () => {
    const stack = synthSkipTheLine({ namePrefix: 'dev-' });
    const names = [
      ...['aws_dynamodb_table', 'aws_sns_topic', 'aws_sfn_state_machine', 'aws_iam_role', 'aws_api_gateway_rest_api'].flatMap((t) =>
        (Object.values(resourcesOf(stack, t)) as Block[]).map((r) => r.name),
      ),
      ...(Object.values(resourcesOf(stack, 'aws_lambda_function')) as Block[]).map((f) => f.function_name),
    ];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^dev-/);
    expect(onlyResource(stack, 'aws_s3_bucket').bucket_prefix).toBe('dev-stepfunctionorchestration-');
  });

  test('PROVISIONED billing is a choice, not the default', () => {
    const stack = synthSkipTheLine({ billingMode: 'PROVISIONED' });
    expect(onlyResource(stack, 'aws_dynamodb_table')).toMatchObject({ billing_mode: 'PROVISIONED' });
  });

  test('bad settings are refused with the key named', () => {
    expect(() => defaultConfig({ skipTheLine: { apiAuthorization: 'NONE' } })).toThrow(/skipTheLine\.apiAuthorization: must be one of AWS_IAM, API_KEY/);
    expect(() => defaultConfig({ skipTheLine: { corsAllowOrigin: "https://x.com'" } })).toThrow(/skipTheLine\.corsAllowOrigin/);
    expect(() => defaultConfig({ skipTheLine: { throttle: { rateLimit: 0 } } })).toThrow(/skipTheLine\.throttle\.rateLimit/);
  });
});
