import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { Chain, JsonPath, Lambda, MapState, Pass, StateMachineDefinition } from '../definitions';
import { PROJECT_ROOT } from '../stacks/config';
import { BundledFunction } from '../stacks/constructs/bundled-function';
import { bundleLambda } from '../stacks/constructs/bundle';
import { RestApi } from '../stacks/constructs/rest-api';
import { ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS, SecureBucket } from '../stacks/constructs/secure-bucket';
import { Workflow } from '../stacks/constructs/workflow';
import { defaultConfig } from './support/synth';

const config = defaultConfig();
type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const synth = (build: Parameters<typeof Testing.synthScope>[0]) => JSON.parse(Testing.synthScope(build)) as Json;

describe('BundledFunction', () => {
  const json = synth((scope) => {
    new BundledFunction(scope, 'echo', {
      functionName: 'echo',
      entry: '__tests__/fixtures/echo-handler.ts',
      description: 'echoes its event',
      config,
      statements: [{ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] }],
      environment: { TABLE_NAME: 't' },
    });
  });
  const fn = Object.values(json.resource.aws_lambda_function)[0];
  const archiveName = Object.keys(json.data.archive_file)[0];

  test('deploys the esbuild bundle through an archive_file zip, with relative paths', () => {
    const archive = json.data.archive_file[archiveName];
    expect(archive).toMatchObject({ type: 'zip', source_dir: expect.stringMatching(/^assets\/[\w-]+\/[0-9A-F]+$/) });
    expect(archive.output_path).toBe(`${String(archive.source_dir)}.zip`);
    expect(fn).toMatchObject({
      filename: `\${data.archive_file.${archiveName}.output_path}`,
      source_code_hash: `\${data.archive_file.${archiveName}.output_base64sha256}`,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      memory_size: 256,
      timeout: 10,
      tracing_config: { mode: 'Active' },
      environment: { variables: { TABLE_NAME: 't' } },
    });
  });

  test('has its own log group with retention, and waits for it and for its policy', () => {
    const logGroup = Object.entries(json.resource.aws_cloudwatch_log_group)[0];
    expect(logGroup[1]).toMatchObject({ name: '/aws/lambda/echo', retention_in_days: 14 });
    expect(fn.depends_on).toEqual(expect.arrayContaining([`aws_cloudwatch_log_group.${logGroup[0]}`]));
  });

  test('its role holds its statements plus writing its own logs and traces, nothing else', () => {
    const policy = JSON.parse(String(Object.values(json.resource.aws_iam_role_policy)[0].policy)) as { Statement: unknown[] };
    const logGroupName = Object.keys(json.resource.aws_cloudwatch_log_group)[0];
    expect(policy.Statement).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`\${aws_cloudwatch_log_group.${logGroupName}.arn}:*`] },
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: ['*'] },
    ]);
  });

  test('the bundle is a CommonJS file exporting the handler, without the AWS SDK', async () => {
    const dir = bundleLambda('__tests__/fixtures/echo-handler.ts', 'echo-test');
    const bundled = require(path.join(dir, 'index.js')) as { handler: (e: unknown) => Promise<unknown> };
    await expect(bundled.handler({ a: 1 })).resolves.toStrictEqual({ echoed: { a: 1 } });
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).not.toContain(PROJECT_ROOT);
  });

  test('a missing or broken handler stops synth naming the file', () => {
    expect(() => bundleLambda('lambdas/nope/handler.ts', 'nope')).toThrow(/handler file lambdas\/nope\/handler\.ts does not exist/);
    // A broken handler is written under .build/ (ignored by git and tsc), never into the source tree.
    const broken = path.join('.build', 'test-fixtures', 'broken-handler.ts');
    fs.mkdirSync(path.dirname(path.join(PROJECT_ROOT, broken)), { recursive: true });
    fs.writeFileSync(path.join(PROJECT_ROOT, broken), 'export const handler = async (event: unknown) => { return event\n');
    expect(() => bundleLambda(broken, 'broken')).toThrow(/esbuild could not bundle \.build\/test-fixtures\/broken-handler\.ts:\n {2}- line 2: Unexpected end of file/);
  });
});

describe('Workflow', () => {
  const fn = { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' };

  test('a Distributed Map gets its child-execution permissions in a second policy, on its own ARN', () => {
    const map = new MapState('Fan', { mode: 'DISTRIBUTED', itemsPath: '$.items' }).itemProcessor(Lambda.invoke('Work', { function: fn }));
    const definition = new StateMachineDefinition({ name: 'fan', startWith: map, timeoutSeconds: 60 });
    const json = synth((scope) => new Workflow(scope, 'wf', { stateMachineName: 'fan', definition, config }));
    const machineName = Object.keys(json.resource.aws_sfn_state_machine)[0];
    const [main, self] = Object.values(json.resource.aws_iam_role_policy).map((p) => JSON.parse(String(p.policy)) as { Statement: { Action: string[]; Resource: string[] }[] });
    expect(main.Statement.flatMap((s) => s.Action)).not.toContain('states:StartExecution');
    expect(Object.values(json.locals)[0]).toBe(`\${replace(aws_sfn_state_machine.${machineName}.arn, ":stateMachine:", ":execution:")}`);
    expect(self.Statement).toStrictEqual([
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: [expect.stringMatching(/^\$\{local\.[\w-]+\}\/\*$/)] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [`\${aws_sfn_state_machine.${machineName}.arn}`] },
    ]);
  });

  test('literal template syntax in a definition is refused (Terraform would rewrite it)', () => {
    const definition = new StateMachineDefinition({
      name: 'tpl',
      startWith: Chain.start(new Pass('P', { parameters: { text: '%{ if x }', path: JsonPath.at('$.a') } })),
      timeoutSeconds: 60,
    });
    expect(() => synth((scope) => new Workflow(scope, 'wf', { stateMachineName: 'tpl', definition, config }))).toThrow(
      /contains '%\{', which Terraform would read as template syntax/,
    );
  });

  test('a role name over IAM’s 64 characters is refused with what to do', () => {
    const definition = new StateMachineDefinition({ name: 'long', startWith: new Pass('P'), timeoutSeconds: 60 });
    expect(() => synth((scope) => new Workflow(scope, 'wf', { stateMachineName: 'x'.repeat(60), definition, config }))).toThrow(
      /has 65 characters; IAM allows 64\. Use a shorter namePrefix/,
    );
  });
});

describe('SecureBucket', () => {
  const bucketJson = (props: Partial<ConstructorParameters<typeof SecureBucket>[2]> = {}) =>
    synth((scope) => new SecureBucket(scope, 'b', { bucketPrefix: 'example-', ...props }));
  const rulesOf = (json: Json) => Object.values(json.resource.aws_s3_bucket_lifecycle_configuration)[0].rule as Record<string, unknown>[];

  test('every bucket aborts incomplete multipart uploads; without versioning, nothing else expires', () => {
    const json = bucketJson();
    expect(json.resource.aws_s3_bucket_versioning).toBeUndefined();
    expect(rulesOf(json)).toStrictEqual([
      { id: 'bucket-housekeeping', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }] },
    ]);
  });

  test('versioning: old versions and lone delete markers expire, after versioning is on; force_destroy stays', () => {
    const json = bucketJson({ noncurrentVersionDays: 45, expirations: [{ prefix: 'runs/out/', days: 10 }] });
    const [versioningName, versioning] = Object.entries(json.resource.aws_s3_bucket_versioning)[0];
    expect(versioning.versioning_configuration).toStrictEqual({ status: 'Enabled' });
    expect(Object.values(json.resource.aws_s3_bucket)[0].force_destroy).toBe(true);
    expect(Object.values(json.resource.aws_s3_bucket_lifecycle_configuration)[0].depends_on).toStrictEqual([`aws_s3_bucket_versioning.${versioningName}`]);
    expect(rulesOf(json)).toStrictEqual([
      {
        id: 'bucket-housekeeping',
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
        noncurrent_version_expiration: [{ noncurrent_days: 45 }],
        expiration: [{ expired_object_delete_marker: true }],
      },
      { id: 'expire-runs-out', status: 'Enabled', filter: [{ prefix: 'runs/out/' }], expiration: [{ days: 10 }] },
    ]);
  });

  test('bad lifecycle settings are refused with the bucket and the fix named', () => {
    expect(() => bucketJson({ noncurrentVersionDays: 0 })).toThrow(/Bucket 'example-': noncurrentVersionDays is 0; S3 lifecycle periods are whole days, 1 or more/);
    expect(() => bucketJson({ expirations: [{ prefix: 'a/', days: 1.5 }] })).toThrow(/the expiration of 'a\/' is 1\.5/);
    expect(() => bucketJson({ expirations: [{ prefix: '', days: 3 }] })).toThrow(/expiration prefix '' is invalid/);
    expect(() => bucketJson({ expirations: [{ prefix: 'a/', days: 3 }, { prefix: 'a/', days: 4 }] })).toThrow(/'a\/' is given twice/);
  });
});

describe('RestApi', () => {
  const api = (bodyFormatHelp?: string) =>
    synth((scope) => {
      new RestApi(scope, 'api', { restApiName: 'x', description: 'x', config, stageName: 'prod', access: 'AWS_IAM', throttle: { rateLimit: 1, burstLimit: 1 }, corsAllowOrigin: null, bodyFormatHelp });
    });
  const badBodyMessage = (json: Json) => {
    const response = Object.values(json.resource.aws_api_gateway_gateway_response).find((g) => g.response_type === 'BAD_REQUEST_BODY');
    const template = (response?.response_templates as Record<string, string>)['application/json'];
    return JSON.parse(template.replace('$context.error.validationErrorString', '[...]')) as { message: string };
  };

  test("a bad body's answer says where the format is, when the API says so", () => {
    expect(badBodyMessage(api()).message).toBe('The request body does not match the model: [...]. Fix the body and send it again.');
    expect(badBodyMessage(api("the guide, 'Orders'")).message).toBe("The request body does not match the model: [...]. Fix the body (the format is in the guide, 'Orders') and send it again.");
  });

  test('a help text that would break the JSON template is refused', () => {
    expect(() => api('see "Orders"')).toThrow(/bodyFormatHelp 'see "Orders"' holds a double quote/);
  });
});
