import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackId } from '../contracts/stack-ids';
import type { QueryLanguage } from '../definitions/states/state';
import type { AppConfig } from './config';
import type { FunctionLogging } from './constructs/bundled-function';
import type { WorkflowLogging } from './constructs/workflow';
import { bucketPrefix } from './names';
import { STACK_TAG_KEY } from './tags';

/**
 * The oldest Terraform that can apply every stack: the S3 backend's own lock file (`use_lockfile`, used when no
 * DynamoDB lock table is configured) came with Terraform 1.10. An older one stops at `init` and names this.
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.10';

/**
 * The base of every system's stack: the AWS provider (region, default tags), the Terraform version it needs, the
 * state backend, and the naming rule (config prefix + the original name) that every named resource goes through.
 */
export abstract class AppStack extends TerraformStack {
  constructor(
    scope: Construct,
    readonly stackId: StackId,
    readonly config: AppConfig,
  ) {
    super(scope, stackId);
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, [STACK_TAG_KEY]: stackId } }],
    });
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    this.configureBackend();
  }

  /**
   * The deployed name of a resource: the configured prefix, then the original example's name. The config check
   * keeps the prefix short enough for every name the stacks use (stacks/names.ts).
   */
  resourceName(name: string): string {
    return `${this.config.namePrefix}${name}`;
  }

  /** A bucket name prefix (S3 adds a unique suffix): the prefixed name, cut to S3's limit when needed. */
  bucketPrefix(name: string): string {
    return bucketPrefix(this.resourceName(name));
  }

  /** How every function logs: config `logRetentionDays` and `lambdaLogLevel`. */
  get functionLogging(): FunctionLogging {
    return { retentionDays: this.config.logRetentionDays, level: this.config.lambdaLogLevel };
  }

  /** The language this stack's workflow is written in: config `queryLanguageByStack.<id>`, else `queryLanguage`. */
  get queryLanguage(): QueryLanguage {
    return this.config.queryLanguageByStack[this.stackId] ?? this.config.queryLanguage;
  }

  /** How every state machine logs: config `logRetentionDays` and `stateMachineLogLevel`. */
  get workflowLogging(): WorkflowLogging {
    return { retentionDays: this.config.logRetentionDays, level: this.config.stateMachineLogLevel };
  }

  private configureBackend(): void {
    const backend = this.config.backend;
    if (backend.type === 'local') {
      // Relative to cdktf.out/stacks/<id>/: the state lives in the project root, outside what synth rewrites.
      new LocalBackend(this, { path: `../../../terraform.${this.stackId}.tfstate` });
      return;
    }
    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}/${this.stackId}.tfstate`,
      region: backend.region ?? this.config.region,
      encrypt: true,
      ...(backend.dynamodbTable !== undefined && { dynamodbTable: backend.dynamodbTable }),
    });
    // S3's native lock file (Terraform ≥ 1.10) when no DynamoDB lock table is configured.
    if (backend.dynamodbTable === undefined) s3.addOverride('use_lockfile', true);
  }
}
