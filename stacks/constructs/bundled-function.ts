import * as path from 'node:path';
import { DataArchiveFile } from '@cdktf/provider-archive/lib/data-archive-file';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { FunctionRef } from '../../definitions/integrations/lambda';
import type { PolicyStatement } from '../../definitions/iam';
import { PROJECT_ROOT, type AppConfig } from '../config';
import { bundleLambda } from './bundle';
import { XRAY_ACTIONS } from './workflow';
import { ServiceRole } from './service-role';

export interface BundledFunctionProps {
  /** The deployed function name (already prefixed). */
  readonly functionName: string;
  /** The handler file, relative to the project root, exporting `handler` (e.g. `lambdas/put-item/handler.ts`). */
  readonly entry: string;
  readonly description: string;
  readonly config: AppConfig;
  /** What the function may do besides writing its logs and traces. */
  readonly statements: readonly PolicyStatement[];
  /** Plain values or Terraform references (table names, ARNs). @default none */
  readonly environment?: Record<string, string>;
  /** @default 256 */
  readonly memorySize?: number;
  /** Seconds. @default 10 */
  readonly timeout?: number;
  /** The deployed role name. @default `<functionName>-role` */
  readonly roleName?: string;
}

/** The environment variable the Powertools logger takes its level from (lambdas/shared/logger.ts). */
export const LOG_LEVEL_VARIABLE = 'POWERTOOLS_LOG_LEVEL';

/**
 * A TypeScript handler bundled by esbuild at synth, zipped by the archive provider at plan time, and deployed
 * as a nodejs22.x function with its own role, its own log group (with retention), JSON logs at the configured
 * level and active tracing.
 */
export class BundledFunction extends Construct implements FunctionRef {
  readonly function: LambdaFunction;
  readonly functionArn: string;
  readonly functionName: string;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const name = props.functionName;
    const bundleDir = bundleLambda(props.entry, name);
    // The archive provider is declared by the first function of a stack, so stacks without one do not need it.
    const stack = TerraformStack.of(this);
    if (!stack.node.tryFindChild('archive')) new ArchiveProvider(stack, 'archive');
    // The asset copies the bundle into cdktf.out/stacks/<id>/assets/; its path is relative to that folder.
    const asset = new TerraformAsset(this, 'bundle', { path: path.relative(PROJECT_ROOT, bundleDir), type: AssetType.DIRECTORY });
    const archive = new DataArchiveFile(this, 'zip', {
      type: 'zip',
      sourceDir: asset.path,
      outputPath: `${asset.path}.zip`,
    });

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.config.logRetentionDays,
    });
    this.role = new ServiceRole(this, 'role', {
      roleName: props.roleName ?? `${name}-role`,
      servicePrincipal: 'lambda.amazonaws.com',
      statements: [
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:*`] },
        { actions: XRAY_ACTIONS.filter((a) => a.startsWith('xray:Put')), resources: ['*'] },
        ...props.statements,
      ],
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: name,
      description: props.description,
      role: this.role.role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: archive.outputPath,
      sourceCodeHash: archive.outputBase64Sha256,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? 10,
      tracingConfig: { mode: 'Active' },
      // With JSON logs, Lambda drops application log records below applicationLogLevel (INFO unless set), and the
      // Powertools logger prefers Lambda's level (AWS_LAMBDA_LOG_LEVEL) to POWERTOOLS_LOG_LEVEL: both get the
      // configured level, so that the logger writes what Lambda keeps and Lambda keeps what it writes.
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name, applicationLogLevel: props.config.lambdaLogLevel },
      environment: { variables: { ...props.environment, [LOG_LEVEL_VARIABLE]: props.config.lambdaLogLevel } },
      // The function must not start before it may log; its log group must exist so Lambda does not create one.
      dependsOn: [logGroup, this.role.policy],
    });
    this.functionArn = this.function.arn;
    this.functionName = this.function.functionName;
  }
}
