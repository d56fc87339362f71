/**
 * Resource names: AWS's documented length limit for each kind of name the stacks set (by Terraform resource type
 * and attribute), and the longest name the stacks put after `namePrefix` for each. The one place that knows them:
 * the config check, the constructs and the README's maximum follow from here. (API Gateway documents no length
 * limit for REST API, API key and usage plan names, so they are not listed.)
 */
export const NAME_LIMITS = {
  'aws_iam_role.name': { what: 'IAM role name', service: 'IAM', max: 64, source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html' },
  'aws_iam_role_policy.name': { what: 'IAM role policy name', service: 'IAM', max: 128, source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html' },
  'aws_lambda_function.function_name': {
    what: 'Lambda function name',
    service: 'Lambda',
    max: 64,
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html',
  },
  'aws_sfn_state_machine.name': {
    what: 'state machine name',
    service: 'Step Functions',
    max: 80,
    source: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html',
  },
  'aws_dynamodb_table.name': { what: 'table name', service: 'DynamoDB', max: 255, source: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html' },
  'aws_sns_topic.name': { what: 'topic name', service: 'SNS', max: 256, source: 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html' },
  'aws_cloudwatch_log_group.name': {
    what: 'log group name',
    service: 'CloudWatch Logs',
    max: 512,
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
  },
  /** A bucket name has at most 63 characters, and Terraform appends a 26-character unique suffix to a prefix. */
  'aws_s3_bucket.bucket_prefix': { what: 'bucket name prefix', service: 'S3', max: 37, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html' },
} as const;

export type NameKind = keyof typeof NAME_LIMITS;

/**
 * The longest name of each kind that the stacks put after `namePrefix`, with the default config (a test checks
 * these against a synth of every stack). Bucket prefixes are left out: they are cut to fit (see bucketPrefix),
 * since S3 appends a unique suffix anyway; table names come from config too and are checked with the prefix.
 */
export const LONGEST_NAMES: Readonly<Partial<Record<NameKind, { readonly name: string }>>> = {
  'aws_iam_role.name': { name: 'step_function_orchestration_lambda_put_object' },
  'aws_lambda_function.function_name': { name: 'step_function_orchestration_delete_item' },
  'aws_sfn_state_machine.name': { name: 'step_function_orchestration' },
  'aws_sns_topic.name': { name: 'step_function_orchestration_topic' },
  'aws_cloudwatch_log_group.name': { name: '/aws/apigateway/step_function_orchestration/prod/access' },
};

/** The name that leaves `namePrefix` the least room, and that room. */
export const TIGHTEST_NAME = (Object.entries(LONGEST_NAMES) as [NameKind, { name: string }][])
  .map(([kind, { name }]) => ({ kind, name, room: NAME_LIMITS[kind].max - name.length }))
  .reduce((a, b) => (b.room < a.room ? b : a));

/** The longest `namePrefix` every name still fits behind. */
export const MAX_NAME_PREFIX = TIGHTEST_NAME.room;

/** A bucket prefix of `prefix` + `base`, cut to S3's limit when needed (keeping a trailing '-' before the suffix S3 adds). */
export function bucketPrefix(prefixed: string): string {
  const max = NAME_LIMITS['aws_s3_bucket.bucket_prefix'].max;
  return prefixed.length <= max ? prefixed : `${prefixed.slice(0, max - 1).replace(/[-.]+$/, '')}-`;
}
