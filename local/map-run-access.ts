import { randomUUID } from 'node:crypto';
import { StatesError, STATES_ERRORS, type ChildrenStart } from './engine';
import type { CallerAccess, Permission } from './iam';

/**
 * What a Distributed Map asks of its state machine's role before its Map Run starts child executions (Developer
 * Guide, "IAM policies for using Distributed Map states", dg/iam-policies-eg-dist-map.html): states:StartExecution on
 * the state machine itself, and states:DescribeExecution and states:StopExecution on its executions (the policy's
 * `…:execution:<state machine name>:*`, which the running parent execution is one of).
 */
export function childExecutionPermissions(start: ChildrenStart): Permission[] {
  return [
    { action: 'states:StartExecution', resourceArn: start.stateMachineArn },
    { action: 'states:DescribeExecution', resourceArn: start.executionArn },
    { action: 'states:StopExecution', resourceArn: start.executionArn },
  ];
}

/**
 * The Map Run's check, for EngineOptions.authorizeChildExecutions. A denial fails the Map Run with States.Runtime and
 * the Cause a real run showed for a role without states:StartExecution on its own state machine: `Error contacting
 * AWS Service. | Message from Service: User: <session> is not authorized to perform: states:StartExecution on
 * resource: <state machine ARN> because no identity-based policy allows the states:StartExecution action (Service:
 * Sfn, Status Code: 400, Request ID: …)` (recorded in a public report; the error name is not shown there: States.Runtime
 * is inferred, as for the Map Run's other failures that are not the reader's or the writer's).
 */
export function authorizeChildExecutions(access: () => CallerAccess): (start: ChildrenStart) => Promise<void> {
  return async (start) => {
    const denied = await access().check(childExecutionPermissions(start), `Map '${start.stateName}' starting its child executions`);
    if (denied) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `Error contacting AWS Service. | Message from Service: ${denied.message} (Service: Sfn, Status Code: 400, Request ID: ${randomUUID()})`,
      );
    }
  };
}
