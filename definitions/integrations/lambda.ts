import type { Dynamic } from '../json-path';
import type { JsonataExpression } from '../jsonata';
import { StateInput, type Payload } from '../payload';
import type { Task } from '../states/task';
import { integrationTask, type IntegrationOptions } from './integration';
import { integrationResource } from './resource';

/** A Lambda function as a workflow sees it. */
export interface FunctionRef {
  readonly functionArn: string;
}

export interface InvokeProps extends IntegrationOptions {
  readonly function: FunctionRef;
  /**
   * The event the function receives: a template, or one value (`JsonPath.at('$$.Execution.Input')` in JSONPath,
   * `states.context.at('Execution.Input')` in JSONata). @default the whole state input, in the state's language
   */
  readonly payload?: Payload | Dynamic | JsonataExpression;
}

/** Lambda's transient errors as Step Functions names them (the set AWS recommends retrying). */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export const Lambda = {
  /**
   * `arn:<partition>:states:::lambda:invoke`: the result is `{ Payload, StatusCode, … }`; use `outputPath: '$.Payload'`
   * or a resultSelector to keep only the function's answer. A function error surfaces under its own error name.
   */
  invoke(name: string, props: InvokeProps): Task {
    const { function: fn, payload, ...options } = props;
    return integrationTask(name, options, {
      resource: integrationResource('lambda', 'invoke'),
      parameters: { FunctionName: fn.functionArn, Payload: payload ?? StateInput.value },
      policyStatements: [{ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn, `${fn.functionArn}:*`] }],
      transientRetry: { errors: LAMBDA_TRANSIENT_ERRORS, intervalSeconds: 2, maxAttempts: 6, backoffRate: 2, jitterStrategy: 'FULL' },
    });
  },
};
