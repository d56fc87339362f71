/**
 * The CDKTF docs' validity checks: `Testing.fullSynth(stack)`, then `toBeValidTerraform()` (terraform init and
 * validate) and `toPlanSuccessfully()` (init and plan), offline (support/offline-terraform.ts). They run for every
 * stack whose providers are all in this machine's provider mirror, and for the constructs that need only the aws
 * provider, in a stack of their own. A stack with Lambdas needs hashicorp/archive, which is not mirrored here: the
 * output says so, per stack; terraform.test.ts plans those with stand-in zips instead.
 * Set SFN_REQUIRE_TERRAFORM=1 to make a missing terraform or mirror a failure.
 */
import * as fs from 'node:fs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DynamoDB, StateMachineDefinition, stringAttributeAt } from '../../definitions';
import { findOfflineTools } from '../../scripts/lib/terraform-offline';
import { buildApp } from '../../stacks/app';
import { awsActionIntegration } from '../../stacks/constructs/api-integrations';
import { RestApi } from '../../stacks/constructs/rest-api';
import { SecureBucket } from '../../stacks/constructs/secure-bucket';
import { SecureTable } from '../../stacks/constructs/secure-table';
import { ServiceRole } from '../../stacks/constructs/service-role';
import { Workflow } from '../../stacks/constructs/workflow';
import { missingFromMirror, useOfflineTerraform, type OfflineTerraform } from '../support/offline-terraform';
import { parse } from '../support/stacks';
import { defaultConfig } from '../support/synth';

const config = defaultConfig();
const CONSTRUCTS = 'constructs (SecureTable, SecureBucket, ServiceRole, Workflow, RestApi and its stage)';

/**
 * Every shared construct that needs no provider but aws, in one stack: a workflow on a table, and an API that starts
 * it, with API keys and the account's CloudWatch role (no app stack plans API_KEY access with the default config).
 */
function constructsStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'constructs');
  new AwsProvider(stack, 'aws', { region: config.region });
  const table = new SecureTable(stack, 'table', { tableName: 'constructs-items', partitionKey: { name: 'id', type: 'S' }, billingMode: config.billingMode });
  new SecureBucket(stack, 'bucket', { bucketPrefix: 'constructs-', noncurrentVersionDays: 30, expirations: [{ prefix: 'tmp/', days: 1 }] });
  const definition = new StateMachineDefinition({ name: 'constructs', region: 'us-east-1', startWith: DynamoDB.getItem('Read', { table, key: { id: stringAttributeAt('$.id') } }), timeoutSeconds: 60 });
  const workflow = new Workflow(stack, 'workflow', {
    stateMachineName: 'constructs',
    definition,
    logging: { retentionDays: config.logRetentionDays, level: config.stateMachineLogLevel },
  });
  const apiRole = new ServiceRole(stack, 'api-role', { roleName: 'constructs-api', servicePrincipal: 'apigateway.amazonaws.com' });
  workflow.grantStartExecution(apiRole);
  const api = new RestApi(stack, 'api', {
    restApiName: 'constructs',
    description: 'constructs',
    region: config.region,
    logRetentionDays: config.logRetentionDays,
    stageName: 'prod',
    access: 'API_KEY',
    throttle: { rateLimit: 1, burstLimit: 2 },
    corsAllowOrigin: '*',
    accountRoleName: 'constructs-apigw-cloudwatch',
  });
  api.addMethod('/start', 'POST', {
    integration: awsActionIntegration({
      region: config.region,
      service: 'states',
      action: 'StartExecution',
      roleArn: apiRole.role.arn,
      requestTemplate: '{"input": "$util.escapeJavaScript($input.body)"}',
      responses: [{ statusCode: '200' }],
    }),
  });
  api.deploy();
  return stack;
}

/** The app's stacks (by id) and the constructs' stack. */
function candidates(): [string, TerraformStack][] {
  const app = Testing.app();
  buildApp(app, config);
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return [...stacks.map((s): [string, TerraformStack] => [s.node.id, s]), [CONSTRUCTS, constructsStack()]];
}

const tools = findOfflineTools();

if (!tools.ok) {
  test(`toBeValidTerraform / toPlanSuccessfully NOT RUN: ${tools.reason}`, () => {
    console.warn(`toBeValidTerraform / toPlanSuccessfully NOT RUN: ${tools.reason}`);
    if (process.env.SFN_REQUIRE_TERRAFORM === '1') throw new Error(`SFN_REQUIRE_TERRAFORM=1 but the terraform matchers cannot run: ${tools.reason}`);
  });
} else {
  const { mirror } = tools.tools;
  const cases = candidates().map(([label, stack]) => ({ label, stack, missing: missingFromMirror(parse(Testing.synth(stack)), mirror) }));
  const runnable = cases.filter((c) => c.missing.length === 0);
  const notRunnable = cases.filter((c) => c.missing.length > 0);
  const why = (missing: string[]) => `needs ${missing.join(', ')}, which the provider mirror (${mirror.root}) does not hold`;

  describe(`Testing.fullSynth + toBeValidTerraform() + toPlanSuccessfully(), terraform ${tools.tools.terraformVersion}, offline`, () => {
    let offline: OfflineTerraform | undefined;
    const outdirs: string[] = [];
    beforeAll(async () => {
      offline = await useOfflineTerraform(tools.tools);
      console.info(
        [
          `toBeValidTerraform() and toPlanSuccessfully() run on: ${runnable.map((c) => c.label).join('; ')}.`,
          ...notRunnable.map((c) => `NOT on ${c.label}: it ${why(c.missing)}; terraform.test.ts plans it with stand-in zips.`),
        ].join('\n'),
      );
    }, 60_000);
    afterAll(async () => {
      await offline?.stop();
      outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    });

    test.each(runnable.map((c) => [c.label, c.stack] as const))(
      '%s: valid Terraform that plans successfully',
      async (_label, stack) => {
        const outdir = Testing.fullSynth(stack);
        outdirs.push(outdir);
        expect(outdir).toBeValidTerraform();
        expect(outdir).toPlanSuccessfully();
        // Terraform asked AWS only what the local stub answers: who the (fake) caller is, and definition checks.
        const calls = (await offline?.awsCalls()) ?? [];
        expect(calls).toContain('sts:GetCallerIdentity (fake account)');
        expect(calls.filter((call) => !call.endsWith('(OK)') && !call.includes('fake account'))).toStrictEqual([]);
      },
      300_000,
    );

    test.each(notRunnable.map((c) => [c.label, why(c.missing)] as const))('%s: NOT RUN here: it %s', (label, reason) => {
      console.info(`toBeValidTerraform / toPlanSuccessfully NOT RUN on ${label}: it ${reason}; terraform.test.ts plans it with stand-in zips.`);
      expect(reason).toMatch(/^needs /);
    });
  });
}
