import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { asObject, integrationError, withSdkMetadata, type ServiceErrors, type TaskHandler } from './common';
import type { LocalServices } from './services';

const ERRORS: ServiceErrors = {
  prefix: 'StepFunctions',
  service: 'AWSStepFunctions',
  generic: 'AWSStepFunctionsException',
  unmodeled: new Set(['ValidationException', 'SerializationException', 'UnknownOperationException']),
  // The Java SDK names them with an Exception suffix: StepFunctions.ExecutionAlreadyExistsException.
  suffixException: true,
};

/** `arn:aws:states:::states:startExecution` (request-response): starts a local execution, answers at once. */
export function startExecutionTask(services: LocalServices, stateName: string): TaskHandler {
  return async (input) => {
    const { StateMachineArn, Name, Input } = asObject(input, stateName);
    try {
      const response = await services.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: String(StateMachineArn),
          ...(Name !== undefined && { name: String(Name) }),
          ...(Input !== undefined && { input: typeof Input === 'string' ? Input : JSON.stringify(Input) }),
        }),
      );
      const { $metadata, executionArn, startDate } = response;
      return withSdkMetadata({ $metadata, ExecutionArn: executionArn, StartDate: startDate?.toISOString() }, 'application/x-amz-json-1.0');
    } catch (err) {
      throw integrationError(ERRORS, err);
    }
  };
}
