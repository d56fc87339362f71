import * as path from 'node:path';
import { DataArchiveFile } from '@cdktf/provider-archive/lib/data-archive-file';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LOG_LEVEL_VARIABLE } from '../../contracts/env-vars';
import type { FunctionRef } from '../../definitions/integrations/lambda';
import type { PolicyStatement } from '../../definitions/iam';
import { PROJECT_ROOT } from '../config';
import { bundleLambda } from './bundle';
import { IAM_ACTIONS } from './iam-actions';
import { ServiceRole, type Grantee } from './service-role';

/** The levels Lambda's application logs and the Powertools logger both name. */
export type FunctionLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** How a function logs: the days its log group keeps events, and the level it logs at. */
export interface FunctionLogging {
  readonly retentionDays: number;
  readonly level: FunctionLogLevel;
}

export interface BundledFunctionProps {
  /** The deployed function name (already prefixed). */
  readonly functionName: string;
  /** The handler file, relative to the project root, exporting `handler` (e.g. `lambdas/put-item/handler.ts`). */
  readonly entry: string;
  readonly description: string;
  readonly logging: FunctionLogging;
  /** Plain values or Terraform references (table names, ARNs). @default none */
  readonly environment?: Record<string, string>;
  /** @default 256 */
  readonly memorySize?: number;
  /** Seconds. @default 10 */
  readonly timeout?: number;
  /** The deployed role name. @default `<functionName>-role` */
  readonly roleName?: string;
}

/**
 * A TypeScript handler bundled by esbuild at synth, zipped by the archive provider at plan time, and deployed
 * as a nodejs22.x function with its own role, its own log group (with retention), JSON logs at the configured
 * level and active tracing. Its role may write its logs and traces; resources grant it the rest (`table.grant(fn, …)`).
 */
export class BundledFunction extends Construct implements FunctionRef, Grantee {
  readonly function: LambdaFunction;
  readonly functionArn: string;
  readonly functionName: string;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const name = props.functionName;
    const bundleDir = bundleLambda(props.entry, name, { app: this.node.root });
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
      retentionInDays: props.logging.retentionDays,
    });
    this.role = new ServiceRole(this, 'role', {
      roleName: props.roleName ?? `${name}-role`,
      servicePrincipal: 'lambda.amazonaws.com',
      statements: [
        { actions: IAM_ACTIONS.lambdaLogs.actions, resources: [`${logGroup.arn}:*`] },
        { actions: IAM_ACTIONS.lambdaTracing.actions, resources: ['*'] },
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
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name, applicationLogLevel: props.logging.level },
      environment: { variables: { ...props.environment, [LOG_LEVEL_VARIABLE]: props.logging.level } },
      // The function must not start before it may log; its log group must exist so Lambda does not create one.
      dependsOn: [logGroup, this.role.policy],
    });
    this.functionArn = this.function.arn;
    this.functionName = this.function.functionName;
  }

  /** Adds a statement to the function's role (what a resource's grant method calls). */
  addToPolicy(statement: PolicyStatement): void {
    this.role.addToPolicy(statement);
  }
}
