import { partitionOf } from '../../definitions/partition';

/**
 * The integrations a REST API method can have, as plain data for `RestApi.addMethod`: a Lambda proxy, an AWS
 * service action called with a mapping template, or a MOCK. Each says what API Gateway needs to call it.
 */

export interface IntegrationResponseSpec {
  /** The method response status this integration response produces. */
  readonly statusCode: string;
  /**
   * For AWS integrations, a regular expression matched against the service's HTTP status code (`4\\d{2}`).
   * @default none: the default response, used when no other pattern matches
   */
  readonly selectionPattern?: string;
  /** VTL templates by content type that turn the service's answer into the method's. @default passthrough */
  readonly responseTemplates?: Record<string, string>;
}

export interface ApiIntegration {
  readonly type: 'AWS' | 'AWS_PROXY' | 'MOCK';
  readonly integrationHttpMethod?: 'POST';
  readonly uri?: string;
  /** The role API Gateway assumes to call the service. */
  readonly credentials?: string;
  readonly requestTemplates?: Record<string, string>;
  /** Integration request headers, e.g. `{"integration.request.header.Content-Type": "'application/x-amz-json-1.0'"}`. */
  readonly requestParameters?: Record<string, string>;
  /** NEVER: a content type without a template is refused with 415 instead of passed through unchecked. */
  readonly passthroughBehavior?: 'NEVER' | 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES';
  /** Integration responses (not for AWS_PROXY, where the function answers with its status and headers). */
  readonly responses?: readonly IntegrationResponseSpec[];
  /** For a Lambda integration: the function API Gateway is allowed to invoke for this method only. */
  readonly invokedFunctionName?: string;
}

/** A Lambda proxy integration: the function gets the whole request and answers status, headers and body. */
export function lambdaProxyIntegration(region: string, fn: { readonly functionArn: string; readonly functionName: string }): ApiIntegration {
  return {
    type: 'AWS_PROXY',
    integrationHttpMethod: 'POST',
    uri: `arn:${partitionOf(region)}:apigateway:${region}:lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`,
    invokedFunctionName: fn.functionName,
  };
}

export interface AwsActionIntegrationProps {
  readonly region: string;
  /** The service's API Gateway name, e.g. `states`. */
  readonly service: string;
  /** The action, e.g. `StartExecution`. */
  readonly action: string;
  /** The ARN of the role API Gateway assumes; it should allow this one action on this one resource. */
  readonly roleArn: string;
  /** The request template for `application/json` bodies. */
  readonly requestTemplate: string;
  /** The content type of the service's JSON protocol. @default application/x-amz-json-1.0 */
  readonly serviceContentType?: string;
  readonly responses: readonly IntegrationResponseSpec[];
}

/** An AWS service action called directly (no Lambda in between), with a mapping template. */
export function awsActionIntegration(props: AwsActionIntegrationProps): ApiIntegration {
  return {
    type: 'AWS',
    integrationHttpMethod: 'POST',
    uri: `arn:${partitionOf(props.region)}:apigateway:${props.region}:${props.service}:action/${props.action}`,
    credentials: props.roleArn,
    requestTemplates: { 'application/json': props.requestTemplate },
    requestParameters: { 'integration.request.header.Content-Type': `'${props.serviceContentType ?? 'application/x-amz-json-1.0'}'` },
    passthroughBehavior: 'NEVER',
    responses: props.responses,
  };
}

/** A MOCK integration that answers `statusCode` with no body (CORS preflight). */
export function mockIntegration(statusCode: string): ApiIntegration {
  return {
    type: 'MOCK',
    requestTemplates: { 'application/json': `{"statusCode": ${statusCode}}` },
    passthroughBehavior: 'WHEN_NO_MATCH',
    responses: [{ statusCode, responseTemplates: { 'application/json': '' } }],
  };
}
