import { LambdaServiceError, type InvokeResult } from '../lambda-host';
import { DENIED, functionArn, requireAccess } from './access';
import { asObject, TaskError, withSdkMetadata, type TaskHandler } from './common';
import type { LocalServices, TaskCaller } from './services';

/** `arn:aws:states:::lambda:invoke`: answers `{ ExecutedVersion, Payload, StatusCode, SdkHttpMetadata, … }`. */
export function lambdaInvoke(services: LocalServices, caller: TaskCaller, stateName: string): TaskHandler {
  return async (input) => {
    const { FunctionName, Payload, InvocationType } = asObject(input, stateName);
    if (typeof FunctionName !== 'string') throw new TaskError('States.Runtime', `State '${stateName}': Parameters.FunctionName must be a string.`);
    await requireAccess(caller.access, [{ action: 'lambda:InvokeFunction', resourceArn: functionArn(caller.region, FunctionName) }], stateName, DENIED.lambda);
    if (InvocationType === 'Event') {
      // Asynchronous invocation: Lambda queues the event and answers 202 at once; errors are not the caller's.
      if (!services.lambda.has(FunctionName)) throw notFound(FunctionName);
      void services.lambda.invoke(FunctionName, Payload ?? {}).catch(() => undefined);
      return withSdkMetadata({ Payload: '', StatusCode: 202 }, 'application/json');
    }
    const result = await invoke(services, FunctionName, Payload ?? {});
    return withSdkMetadata({ ExecutedVersion: '$LATEST', Payload: result.payload, StatusCode: 200, $metadata: { requestId: result.requestId } }, 'application/json');
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>` as a Resource: the state's result is the function's answer. */
export function lambdaDirect(services: LocalServices, caller: TaskCaller, resource: string, stateName: string): TaskHandler {
  return async (input) => {
    await requireAccess(caller.access, [{ action: 'lambda:InvokeFunction', resourceArn: resource }], stateName, DENIED.lambda);
    return (await invoke(services, resource, input)).payload;
  };
}

async function invoke(services: LocalServices, functionName: string, payload: unknown): Promise<InvokeResult> {
  let result: InvokeResult;
  try {
    result = await services.lambda.invoke(functionName, payload);
  } catch (err) {
    if (err instanceof LambdaServiceError && err.name !== 'ServiceException') throw new TaskError(`Lambda.${err.name}`, err.message);
    throw new TaskError('Lambda.ServiceException', `The local Lambda host could not run ${functionName}: ${(err as Error).message}`);
  }
  if (result.functionError) {
    const { errorType, errorMessage, trace } = result.functionError;
    // Step Functions names the failure after the function's errorType; its Cause is the error document as Step
    // Functions writes it: errorMessage, errorType, requestId (the invocation's) and stackTrace, in that order
    // (Developer Guide, "Handling errors in Step Functions workflows", a Lambda function's error).
    const document = { errorMessage, errorType, requestId: result.requestId, stackTrace: trace ?? [] };
    throw new TaskError(errorType || 'Lambda.Unknown', JSON.stringify(document));
  }
  return result;
}

function notFound(functionName: string): TaskError {
  return new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
}
