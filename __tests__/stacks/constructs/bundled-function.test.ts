/** BundledFunction in a scope of its own (`Testing.synthScope`, cdktf's matchers), and the esbuild bundle it deploys. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataArchiveFile } from '@cdktf/provider-archive/lib/data-archive-file';
import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Testing } from 'cdktf';
import { PROJECT_ROOT } from '../../../stacks/config';
import { bundleLambda } from '../../../stacks/constructs/bundle';
import { BundledFunction } from '../../../stacks/constructs/bundled-function';
import { dataSourcesOf, jsonIn, onlyResource, onlyResourceEntry, refTo } from '../../support/stacks';

describe('BundledFunction', () => {
  const synthesized = Testing.synthScope((scope) => {
    const fn = new BundledFunction(scope, 'echo', {
      functionName: 'echo',
      entry: '__tests__/fixtures/echo-handler.ts',
      description: 'echoes its event',
      logging: { retentionDays: 14, level: 'INFO' },
      environment: { TABLE_NAME: 't' },
    });
    // What a resource's grant does (table.grant(fn, 'dynamodb:GetItem')), after the function exists.
    fn.addToPolicy({ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] });
  });
  const [archiveName, archive] = Object.entries(dataSourcesOf(synthesized, DataArchiveFile))[0];
  const [logGroupName] = onlyResourceEntry(synthesized, CloudwatchLogGroup);
  const archiveRef = (attribute: string) => `\${data.${DataArchiveFile.tfResourceType}.${archiveName}.${attribute}}`;

  test('deploys the esbuild bundle through an archive_file zip, with relative paths', () => {
    expect(synthesized).toHaveProvider(ArchiveProvider);
    expect(synthesized).toHaveDataSourceWithProperties(DataArchiveFile, { type: 'zip', source_dir: expect.stringMatching(/^assets\/[\w-]+\/[0-9A-F]+$/) });
    expect(archive.output_path).toBe(`${String(archive.source_dir)}.zip`);
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'echo',
      filename: archiveRef('output_path'),
      source_code_hash: archiveRef('output_base64sha256'),
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      memory_size: 256,
      timeout: 10,
      tracing_config: { mode: 'Active' },
      environment: { variables: { TABLE_NAME: 't', POWERTOOLS_LOG_LEVEL: 'INFO' } },
    });
  });

  test('has its own log group with retention, logs JSON to it, and waits for it and for its policy', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/echo', retention_in_days: 14 });
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, { logging_config: { log_format: 'JSON', log_group: refTo(CloudwatchLogGroup, logGroupName, 'name'), application_log_level: 'INFO' } });
    expect(onlyResource(synthesized, LambdaFunction).depends_on).toEqual(
      expect.arrayContaining([`aws_cloudwatch_log_group.${logGroupName}`, expect.stringMatching(/^aws_iam_role_policy\./)]),
    );
  });

  test('its role holds its statements plus writing its own logs and traces, nothing else', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'echo-role' });
    expect(jsonIn(onlyResource(synthesized, IamRolePolicy).policy).Statement).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${refTo(CloudwatchLogGroup, logGroupName, 'arn')}:*`] },
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
