import { Construct } from 'constructs';
import { awsActionIntegration, lambdaProxyIntegration } from '../constructs/api-integrations';
import type { ApiStage } from '../constructs/api-stage';
import type { BundledFunction } from '../constructs/bundled-function';
import { RestApi } from '../constructs/rest-api';
import { ServiceRole } from '../constructs/service-role';
import type { Workflow } from '../constructs/workflow';
import type { SkipTheLineConfig } from './config';
import { orderRequestModel } from './order-model';
import {
  CLIENT_ERROR_RESPONSE_TEMPLATE,
  SERVER_ERROR_RESPONSE_TEMPLATE,
  START_EXECUTION_REQUEST_TEMPLATE,
  STARTED_RESPONSE_TEMPLATE,
  STATE_MACHINE_ARN_STAGE_VARIABLE,
} from './templates';

/** The paths of the API and their methods; the proxy functions answer with these in their CORS headers. */
export const ORDER_API_ROUTES = {
  '/order': ['DELETE', 'GET', 'POST'],
  '/invoice': ['GET'],
} as const;

/** `Access-Control-Allow-Methods` of a path: its methods and OPTIONS (the preflight). */
export function corsAllowMethods(path: keyof typeof ORDER_API_ROUTES): string {
  return [...ORDER_API_ROUTES[path], 'OPTIONS'].sort().join(',');
}

export const STAGE_NAME = 'prod';

export interface OrderApiProps {
  /** The deployed API name (already prefixed). */
  readonly restApiName: string;
  /** The name of the role API Gateway assumes to start executions (already prefixed). */
  readonly startExecutionRoleName: string;
  /** The name of the account's API Gateway CloudWatch role, when this stack manages it. */
  readonly accountRoleName?: string;
  readonly region: string;
  /** Days the access logs are kept. */
  readonly logRetentionDays: number;
  /** The config section `skipTheLine`: authorization, throttling, CORS. */
  readonly settings: SkipTheLineConfig;
  /** The workflow POST /order starts. */
  readonly workflow: Workflow;
  readonly readOrderFunction: BundledFunction;
  readonly collectOrderFunction: BundledFunction;
  readonly invoiceUrlFunction: BundledFunction;
}

/**
 * The Skip the Line REST API, stage `prod`:
 * - POST /order: Step Functions StartExecution, called by API Gateway itself with a mapping template;
 * - GET /order?accountid=&vendorid=: the order (get_item);
 * - DELETE /order?accountid=&vendorid=: collect the order, so a new one may be placed (delete_item);
 * - GET /invoice?objectKey=: a presigned URL of the invoice (get_object).
 */
export class OrderApi extends Construct {
  readonly restApi: RestApi;
  readonly stage: ApiStage;
  readonly startExecutionRole: ServiceRole;

  constructor(scope: Construct, id: string, props: OrderApiProps) {
    super(scope, id);
    const { region, settings } = props;
    const stateMachine = props.workflow.stateMachine;
    this.restApi = new RestApi(this, 'rest-api', {
      restApiName: props.restApiName,
      description: 'Skip the Line: place, read and collect coffee orders, and fetch their invoices.',
      region,
      logRetentionDays: props.logRetentionDays,
      stageName: STAGE_NAME,
      access: settings.apiAuthorization,
      throttle: settings.throttle,
      corsAllowOrigin: settings.corsAllowOrigin,
      bodyFormatHelp: "README.md, section 'The order API'",
      stageVariables: { [STATE_MACHINE_ARN_STAGE_VARIABLE]: stateMachine.arn },
      accountRoleName: props.accountRoleName,
    });

    this.startExecutionRole = new ServiceRole(this, 'start-execution-role', {
      roleName: props.startExecutionRoleName,
      servicePrincipal: 'apigateway.amazonaws.com',
    });
    props.workflow.grantStartExecution(this.startExecutionRole);

    const orderModel = this.restApi.addModel('Order', 'A Skip the Line order: {"order": {accountid, vendorid, orderdate, city, details}}', orderRequestModel());
    this.restApi.addMethod('/order', 'POST', {
      requestModel: orderModel,
      integration: awsActionIntegration({
        region,
        service: 'states',
        action: 'StartExecution',
        roleArn: this.startExecutionRole.role.arn,
        requestTemplate: START_EXECUTION_REQUEST_TEMPLATE,
        responses: [
          { statusCode: '202', responseTemplates: { 'application/json': STARTED_RESPONSE_TEMPLATE } },
          { statusCode: '400', selectionPattern: '4\\d{2}', responseTemplates: { 'application/json': CLIENT_ERROR_RESPONSE_TEMPLATE } },
          { statusCode: '502', selectionPattern: '5\\d{2}', responseTemplates: { 'application/json': SERVER_ERROR_RESPONSE_TEMPLATE } },
        ],
      }),
      overriddenStatusCodes: ['409', '429', '500'],
    });
    this.restApi.addMethod('/order', 'GET', {
      requiredQueryParameters: ['accountid', 'vendorid'],
      integration: lambdaProxyIntegration(region, props.readOrderFunction),
    });
    this.restApi.addMethod('/order', 'DELETE', {
      requiredQueryParameters: ['accountid', 'vendorid'],
      integration: lambdaProxyIntegration(region, props.collectOrderFunction),
    });
    this.restApi.addMethod('/invoice', 'GET', {
      requiredQueryParameters: ['objectKey'],
      integration: lambdaProxyIntegration(region, props.invoiceUrlFunction),
    });
    for (const [path, methods] of Object.entries(ORDER_API_ROUTES)) {
      const defined = this.restApi.methodsOf(path);
      if ([...defined].sort().join() !== [...methods].sort().join()) {
        throw new Error(`ORDER_API_ROUTES says ${path} has ${methods.join(', ')}, but the API defines ${defined.join(', ')}; keep them the same.`);
      }
    }
    this.stage = this.restApi.deploy();
  }
}
