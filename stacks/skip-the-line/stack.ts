import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { skipTheLineWorkflow } from '../../definitions/workflows/skip-the-line';
import { BUCKET_NAME_VARIABLE, CORS_METHODS_VARIABLE, CORS_ORIGIN_VARIABLE, TABLE_NAME_VARIABLE, URL_EXPIRY_VARIABLE } from '../../contracts/env-vars';
import { INVOICE_PREFIX } from '../../contracts/invoices';
import { AppStack } from '../app-stack';
import type { AppConfig } from '../config';
import { BundledFunction } from '../constructs/bundled-function';
import { SecureBucket } from '../constructs/secure-bucket';
import { SecureTable } from '../constructs/secure-table';
import { Workflow } from '../constructs/workflow';
import { corsAllowMethods, OrderApi, ORDER_API_ROUTES } from './order-api';

/**
 * `skip-the-line`, a rebuild of the AWS example "Skip the Line" coffee pre-ordering: the API starts the workflow, which stores the order (one active
 * order per customer and vendor), writes its invoice, and tells the topic how it went.
 */
export class SkipTheLineStack extends AppStack {
  static readonly id = 'skip-the-line';

  constructor(scope: Construct, config: AppConfig) {
    super(scope, SkipTheLineStack.id, config);
    const settings = config.skipTheLine;

    // ---- Data: orders, invoices, notifications ----
    const orderTable = new SecureTable(this, 'order-table', {
      tableName: this.resourceName('step_function_orchestration'),
      partitionKey: { name: 'accountid', type: 'S' },
      sortKey: { name: 'vendorid', type: 'S' },
      billingMode: config.billingMode,
    });
    const invoiceBucket = new SecureBucket(this, 'invoice-bucket', {
      bucketPrefix: this.bucketPrefix('stepfunctionorchestration-'),
      // Invoices are business records: kept, and versioned so an overwrite or a delete can be undone.
      noncurrentVersionDays: INVOICE_NONCURRENT_VERSION_DAYS,
    });
    const orderTopic = new SnsTopic(this, 'order-topic', {
      name: this.resourceName('step_function_orchestration_topic'),
      displayName: 'Skip the Line orders',
      // Encrypted at rest with the AWS managed key, whose policy lets services publish through SNS.
      kmsMasterKeyId: 'alias/aws/sns',
    });
    if (settings.notificationEmail !== undefined) {
      new SnsTopicSubscription(this, 'order-topic-email', { topicArn: orderTopic.arn, protocol: 'email', endpoint: settings.notificationEmail });
    }

    // ---- Functions, each with its own least-privilege role (the original's role names) ----
    const cors = (path: keyof typeof ORDER_API_ROUTES): Record<string, string> =>
      settings.corsAllowOrigin === null ? {} : { [CORS_ORIGIN_VARIABLE]: settings.corsAllowOrigin, [CORS_METHODS_VARIABLE]: corsAllowMethods(path) };
    const fn = (id: string, suffix: string, roleSuffix: string, rest: Pick<ConstructorParameters<typeof BundledFunction>[2], 'entry' | 'description' | 'environment'>) =>
      new BundledFunction(this, id, {
        functionName: this.resourceName(`step_function_orchestration_${suffix}`),
        roleName: this.resourceName(`step_function_orchestration_${roleSuffix}`),
        logging: this.functionLogging,
        ...rest,
      });

    const placeOrderFunction = fn('put-item', 'put_item', 'put_item', {
      entry: 'lambdas/put-item/handler.ts',
      description: 'Skip the Line: validates an order and stores it unless the customer has an active order at the vendor.',
      environment: { [TABLE_NAME_VARIABLE]: orderTable.tableName },
    });
    orderTable.grant(placeOrderFunction, 'dynamodb:PutItem');
    const writeInvoiceFunction = fn('put-object', 'put_object', 'lambda_put_object', {
      entry: 'lambdas/put-object/handler.ts',
      description: "Skip the Line: writes an order's invoice to S3.",
      environment: { [BUCKET_NAME_VARIABLE]: invoiceBucket.bucketName },
    });
    invoiceBucket.grantPut(writeInvoiceFunction, INVOICE_PREFIX);
    const readOrderFunction = fn('get-item', 'get_item', 'get_item', {
      entry: 'lambdas/get-item/handler.ts',
      description: 'Skip the Line: GET /order, the active order of a customer at a vendor.',
      environment: { [TABLE_NAME_VARIABLE]: orderTable.tableName, ...cors('/order') },
    });
    orderTable.grant(readOrderFunction, 'dynamodb:GetItem');
    const invoiceUrlFunction = fn('get-object', 'get_object', 'lambda_get_object', {
      entry: 'lambdas/get-object/handler.ts',
      description: 'Skip the Line: GET /invoice, a short-lived download link of an invoice.',
      environment: { [BUCKET_NAME_VARIABLE]: invoiceBucket.bucketName, [URL_EXPIRY_VARIABLE]: String(settings.invoiceUrlExpirySeconds), ...cors('/invoice') },
    });
    invoiceBucket.grantRead(invoiceUrlFunction, INVOICE_PREFIX);
    // Without ListBucket, S3 answers a missing key with 403 instead of 404.
    invoiceBucket.grantListBucket(invoiceUrlFunction);
    const collectOrderFunction = fn('delete-item', 'delete_item', 'delete_item', {
      entry: 'lambdas/delete-item/handler.ts',
      description: 'Skip the Line: DELETE /order, collects (completes) an order so a new one may be placed.',
      environment: { [TABLE_NAME_VARIABLE]: orderTable.tableName, ...cors('/order') },
    });
    orderTable.grant(collectOrderFunction, 'dynamodb:DeleteItem');

    // ---- Workflow ----
    const stateMachineName = this.resourceName('step_function_orchestration');
    const workflow = new Workflow(this, 'workflow', {
      stateMachineName,
      roleName: this.resourceName('step_function_orchestration_statemachine'),
      definition: skipTheLineWorkflow({
        name: stateMachineName,
        region: config.region,
        table: orderTable,
        putItemFunction: placeOrderFunction,
        putObjectFunction: writeInvoiceFunction,
        topic: { topicArn: orderTopic.arn },
        queryLanguage: this.queryLanguage,
      }),
      logging: this.workflowLogging,
    });

    // ---- Entry point ----
    const api = new OrderApi(this, 'order-api', {
      restApiName: this.resourceName('step_function_orchestration'),
      startExecutionRoleName: this.resourceName('step_function_orchestration_api'),
      ...(settings.manageApiGatewayAccount && { accountRoleName: this.resourceName('step_function_orchestration_apigw_cloudwatch') }),
      region: config.region,
      logRetentionDays: config.logRetentionDays,
      settings,
      workflow,
      readOrderFunction,
      collectOrderFunction,
      invoiceUrlFunction,
    });

    new TerraformOutput(this, 'ApiUrl', { value: api.stage.invokeUrl, description: 'The API base URL; append /order or /invoice.' });
    new TerraformOutput(this, 'ApiAuthorization', { value: settings.apiAuthorization, description: 'How to call the API: AWS_IAM (SigV4) or API_KEY (x-api-key).' });
    if (api.stage.apiKey) {
      new TerraformOutput(this, 'ApiKeyId', {
        value: api.stage.apiKey.id,
        description: 'The API key id; its value: aws apigateway get-api-key --include-value --api-key <id>',
      });
    }
    new TerraformOutput(this, 'StateMachineArn', { value: workflow.stateMachine.arn });
    new TerraformOutput(this, 'TableName', { value: orderTable.tableName });
    new TerraformOutput(this, 'InvoiceBucketName', { value: invoiceBucket.bucketName });
    new TerraformOutput(this, 'TopicArn', { value: orderTopic.arn });
  }
}

/**
 * How long an overwritten or deleted invoice can still be restored: a quarter, so that a mistake found at the next
 * monthly billing run (or the one after) can still be undone. Current invoices never expire.
 */
export const INVOICE_NONCURRENT_VERSION_DAYS = 90;
