/**
 * The IAM actions the constructs grant, by service and purpose: one entry each, with the AWS page that says the
 * purpose needs them. Roles get these (and the statements derived from a state machine's definition), never more.
 */
export const IAM_ACTIONS = {
  /** A function writing to its own log group, which exists already (so no logs:CreateLogGroup). */
  lambdaLogs: {
    doc: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  },
  /** A function with active tracing sending its traces (Lambda samples itself). Resource "*": X-Ray has no narrower one. */
  lambdaTracing: {
    doc: 'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
    actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  },
  /** A state machine with X-Ray tracing: sampling rules and targets, and sending traces. Resource "*". */
  stateMachineTracing: {
    doc: 'https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html',
    actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  },
  /** A state machine delivering its logs to CloudWatch Logs (vended logs). Resource "*": AWS documents no narrower one. */
  stateMachineLogDelivery: {
    doc: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
    actions: [
      'logs:CreateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:DescribeLogGroups',
      'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:UpdateLogDelivery',
    ],
  },
  /**
   * API Gateway writing the logs of the account's APIs (the account's CloudWatch Logs role): the actions of AWS's
   * managed policy AmazonAPIGatewayPushToCloudWatchLogs, split by the resource type each one takes (Service
   * Authorization Reference, CloudWatch Logs): log groups, log streams, and none for DescribeLogGroups.
   */
  apiGatewayAccountLogs: {
    doc: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    onLogGroups: ['logs:CreateLogGroup', 'logs:DescribeLogStreams', 'logs:FilterLogEvents'],
    onLogStreams: ['logs:CreateLogStream', 'logs:GetLogEvents', 'logs:PutLogEvents'],
    unscoped: ['logs:DescribeLogGroups'],
  },
  /** Starting an execution of a state machine (what a starter function or API Gateway does). */
  startExecution: {
    doc: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html',
    actions: ['states:StartExecution'],
  },
  /** The item actions a table grants one by one (each on the table's ARN). */
  dynamodbItem: {
    doc: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html',
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  /** Reading objects; ListBucket (on the bucket) makes a missing key answer 404 rather than 403. */
  s3Read: {
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html',
    actions: ['s3:GetObject'],
    listBucket: ['s3:ListBucket'],
  },
  /** Writing objects. */
  s3Put: {
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
    actions: ['s3:PutObject'],
  },
} as const;

/** An item action a SecureTable grants. */
export type DynamoDbItemAction = (typeof IAM_ACTIONS.dynamodbItem.actions)[number];
