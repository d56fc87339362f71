import type { Context } from 'aws-lambda';

/** The context the Lambda runtime passes a handler, for a function invoked in a test. */
export function lambdaContext(functionName = 'test-function', awsRequestId = '8f507cfc-4c4d-4e9b-9a2b-7f1d9e0c1a11'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/04/08/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
