/**
 * A REST API deployment is a snapshot: the stage serves it until a new one is made. Its trigger must change
 * whenever anything the snapshot holds changes, or the stage keeps serving the old API (for example, integrations
 * that point at functions a rename deleted). The trigger is compared by its configuration closure: the trigger
 * expression with the configuration of everything it references, transitively (what Terraform's plan follows).
 */
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Testing } from 'cdktf';
import { lambdaProxyIntegration, awsActionIntegration } from '../../../stacks/constructs/api-integrations';
import { RestApi } from '../../../stacks/constructs/rest-api';
import { SkipTheLineStack } from '../../../stacks/skip-the-line/stack';
import { onlyResource, parse, resourcesOf } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';
import { configurationClosure, referencesIn } from '../../support/terraform-refs';

/** The deployment's trigger, as JSON text, of a synthesized stack or scope. */
const triggerOf = (synthesized: string): string => JSON.stringify(onlyResource(synthesized, ApiGatewayDeployment).triggers);
const closureOf = (synthesized: string) => JSON.stringify(configurationClosure(parse(synthesized), triggerOf(synthesized)));

describe('skip-the-line: the deployment trigger follows what the integrations call', () => {
  const skipTheLine = (overrides: Record<string, unknown> = {}): string => Testing.synth(new SkipTheLineStack(Testing.app(), defaultConfig(overrides)));
  const base = skipTheLine();
  const prefixed = skipTheLine({ namePrefix: 'dev-' });

  test('a namePrefix (which replaces every function and role) gives another trigger', () => {
    expect(closureOf(prefixed)).not.toBe(closureOf(base));
  });

  test("the trigger depends on every integrated function's name and on the role API Gateway calls Step Functions with", () => {
    for (const stack of [base, prefixed]) {
      const closure = closureOf(stack);
      const functionNames = Object.values(resourcesOf(stack, LambdaFunction)).map((f) => String(f.function_name));
      const integrated = functionNames.filter((name) => !name.endsWith('put_item') && !name.endsWith('put_object'));
      expect(integrated).toHaveLength(3);
      for (const name of integrated) expect(closure).toContain(`"function_name":"${name}"`);
      const integrationRoles = Object.values(resourcesOf(stack, ApiGatewayIntegration))
        .map((i) => i.credentials)
        .filter((c) => c !== undefined);
      expect(integrationRoles).toHaveLength(1);
      expect(closure).toContain(`"name":"${stack === base ? '' : 'dev-'}step_function_orchestration_api"`);
    }
  });

  test('the trigger is built from references to the resources, not from a value computed at synth', () => {
    expect(base).toHaveResourceWithProperties(ApiGatewayDeployment, { triggers: { redeployment: expect.stringMatching(/^\$\{sha1\(jsonencode\(\[.+\]\)\)\}$/) } });
    expect(referencesIn(triggerOf(base)).length).toBeGreaterThan(20);
  });
});

describe('RestApi: the deployment trigger follows every template and leaves stage settings out', () => {
  const config = defaultConfig();
  type Options = { requestTemplate?: string; responseTemplate?: string; rateLimit?: number; functionName?: string };
  const synth = (options: Options = {}) =>
    Testing.synthScope((scope) => {
      const api = new RestApi(scope, 'api', {
        restApiName: 'example',
        description: 'example',
        region: config.region,
        logRetentionDays: config.logRetentionDays,
        stageName: 'prod',
        access: 'AWS_IAM',
        throttle: { rateLimit: options.rateLimit ?? 10, burstLimit: 20 },
        corsAllowOrigin: '*',
      });
      api.addMethod('/things', 'POST', {
        integration: awsActionIntegration({
          region: config.region,
          service: 'states',
          action: 'StartExecution',
          roleArn: 'arn:aws:iam::123456789012:role/start',
          requestTemplate: options.requestTemplate ?? '{"input": "$util.escapeJavaScript($input.body)"}',
          responses: [{ statusCode: '200', responseTemplates: { 'application/json': options.responseTemplate ?? '{"ok": true}' } }],
        }),
      });
      const fn = { functionName: options.functionName ?? 'reader', functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${options.functionName ?? 'reader'}` };
      api.addMethod('/things', 'GET', { integration: lambdaProxyIntegration(config.region, fn) });
      api.deploy();
    });
  const base = closureOf(synth());

  test('a changed request template gives another trigger', () => {
    expect(closureOf(synth({ requestTemplate: '{"input": "$input.body"}' }))).not.toBe(base);
  });

  test('a changed response template gives another trigger', () => {
    expect(closureOf(synth({ responseTemplate: '{"ok": false}' }))).not.toBe(base);
  });

  test('another integrated function gives another trigger', () => {
    expect(closureOf(synth({ functionName: 'writer' }))).not.toBe(base);
  });

  test('stage settings (throttling) are not part of the snapshot: same trigger', () => {
    expect(closureOf(synth({ rateLimit: 5 }))).toBe(base);
  });
});
