import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsArn } from '@cdktf/provider-aws/lib/data-aws-arn';
import { Fn, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../../definitions/iam';
import { partitionOf } from '../../definitions/partition';
import { IAM_ACTIONS } from './iam-actions';
import { ServiceRole } from './service-role';

/** AWS_IAM: SigV4-signed requests of identities allowed `execute-api:Invoke`. API_KEY: an `x-api-key` header. */
export type ApiAccess = 'AWS_IAM' | 'API_KEY';

export interface ApiStageProps {
  readonly api: ApiGatewayRestApi;
  /** The API's deployed name, as a literal (log group and usage plan names are built from it). */
  readonly apiName: string;
  readonly stageName: string;
  /** The Region the API is in (the account's log groups are named by it). */
  readonly region: string;
  /** Days the access log group keeps events. */
  readonly logRetentionDays: number;
  readonly access: ApiAccess;
  /** Requests per second (steady) and burst, for every method of the stage and the usage plan. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Values templates read as `$stageVariables.<name>`. @default none */
  readonly stageVariables?: Record<string, string>;
  /**
   * The name of the role to make the account's API Gateway CloudWatch Logs role (needed once per account and
   * region before any stage may write logs). @default none: the account already has one
   */
  readonly accountRoleName?: string;
  /**
   * Every resource whose configuration a deployment snapshots (methods, integrations, responses, models...). The
   * deployment refers to each, so it waits for them, and is replaced when any of them changes.
   */
  readonly snapshot: readonly TerraformResource[];
}

/** What API Gateway writes to the access log for each request: who, what, the outcome and why it failed. */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  apiKeyId: '$context.identity.apiKeyId',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  error: '$context.error.message',
  validationError: '$context.error.validationErrorString',
  integrationError: '$context.integration.error',
};

/**
 * What API Gateway needs to write the logs of any API of the account and region (the role is an account setting):
 * the actions of AWS's managed policy AmazonAPIGatewayPushToCloudWatchLogs, which the API Gateway Developer Guide
 * ("Set up CloudWatch logging for REST APIs") says has all the required permissions, each granted on the resource
 * type the Service Authorization Reference gives it: log groups, log streams, or "*" for DescribeLogGroups (which
 * supports no resource type, so an ARN would grant nothing). The managed policy grants them all on "*".
 */
function accountLogStatements(partition: string, region: string, accountId: string): PolicyStatement[] {
  const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:*`;
  const { onLogGroups, onLogStreams, unscoped } = IAM_ACTIONS.apiGatewayAccountLogs;
  return [
    { actions: onLogGroups, resources: [logGroups] },
    { actions: onLogStreams, resources: [`${logGroups}:log-stream:*`] },
    { actions: unscoped, resources: ['*'] },
  ];
}

/**
 * A deployment of the API and its stage: access logs to a log group with retention, X-Ray tracing, throttling of
 * every method, and for API_KEY access a key and a usage plan (with the same throttling) it belongs to.
 */
export class ApiStage extends Construct {
  readonly stage: ApiGatewayStage;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly account?: ApiGatewayAccount;
  readonly apiKey?: ApiGatewayApiKey;
  /** `https://<api id>.execute-api.<region>.amazonaws.com/<stage>`. */
  readonly invokeUrl: string;

  constructor(scope: Construct, id: string, props: ApiStageProps) {
    super(scope, id);
    const { api, apiName, region } = props;
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${apiName}/${props.stageName}/access`,
      retentionInDays: props.logRetentionDays,
    });
    if (props.accountRoleName !== undefined) {
      // The account id from an ARN of the account (aws_arn parses it locally; nothing asks AWS who we are).
      const accountId = new DataAwsArn(this, 'account-of-logs', { arn: this.accessLogGroup.arn }).account;
      const role = new ServiceRole(this, 'cloudwatch-role', {
        roleName: props.accountRoleName,
        servicePrincipal: 'apigateway.amazonaws.com',
        // One role serves every API of the account in this region, so it is scoped to the account's log groups there.
        statements: accountLogStatements(partitionOf(region), region, accountId),
      });
      this.account = new ApiGatewayAccount(this, 'account', {
        cloudwatchRoleArn: role.role.arn,
        // On destroy, clear the setting rather than leave the account pointing at a deleted role.
        resetOnDelete: true,
        dependsOn: [role.policy],
      });
    }

    // A deployment is a snapshot the stage serves until the next one. Its trigger hashes the snapshotted resources
    // themselves (every attribute, as Terraform plans them), the pattern the AWS provider documents for
    // aws_api_gateway_deployment.triggers: a change of any of them, or of anything they refer to (a replaced
    // function changes an integration's URI), makes a new deployment.
    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: api.id,
      description: 'Managed by Terraform; a change of any method, integration, template or model makes a new one.',
      triggers: { redeployment: Fn.sha1(Fn.jsonencode(props.snapshot.map((resource) => resource.fqn))) },
      lifecycle: { createBeforeDestroy: true },
    });

    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
      ...(props.stageVariables && { variables: props.stageVariables }),
      // API Gateway refuses access logging until the account has a CloudWatch Logs role.
      ...(this.account && { dependsOn: [this.account] }),
    });
    new ApiGatewayMethodSettings(this, 'method-settings', {
      restApiId: api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        metricsEnabled: true,
      },
    });
    this.invokeUrl = this.stage.invokeUrl;

    if (props.access === 'API_KEY') {
      this.apiKey = new ApiGatewayApiKey(this, 'api-key', { name: `${apiName}-client`, description: `Calls the ${apiName} API.` });
      const plan = new ApiGatewayUsagePlan(this, 'usage-plan', {
        name: `${apiName}-usage-plan`,
        description: `Throttles callers of the ${apiName} API by API key.`,
        apiStages: [{ apiId: api.id, stage: this.stage.stageName }],
        throttleSettings: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      });
      new ApiGatewayUsagePlanKey(this, 'usage-plan-key', { keyId: this.apiKey.id, keyType: 'API_KEY', usagePlanId: plan.id });
    }
  }
}
