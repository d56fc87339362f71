import { SfnApiError, type DescribedStateMachine } from './emulators/sfn-api';
import { assertStateMachineArn } from './sfn-arns';
import type { StateMachineModel } from './stack-model';
import type { LocalWorkflow } from './workflow-engine';

/**
 * The state machines of the served stacks, as DescribeStateMachine and ListStateMachines answer: created when the
 * stack was stood up (`creationDate`), ACTIVE, with the synthesized definition, role, type and logging.
 */
export class StateMachineCatalog {
  constructor(
    private readonly workflows: ReadonlyMap<string, LocalWorkflow>,
    private readonly creationDate = new Date(),
  ) {}

  /** The workflow of a state machine ARN: InvalidArn for a malformed one, StateMachineDoesNotExist for an unknown one. */
  workflow(stateMachineArn: string): LocalWorkflow {
    assertStateMachineArn(stateMachineArn);
    const workflow = this.workflows.get(stateMachineArn);
    if (!workflow) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return workflow;
  }

  describe(stateMachineArn: string): DescribedStateMachine {
    return this.described(this.workflow(stateMachineArn).model);
  }

  /** Every state machine, by name (AWS lists them in no documented order; a stable one pages well). */
  list(): DescribedStateMachine[] {
    return [...this.workflows.values()].map((w) => this.described(w.model)).sort((a, b) => a.name.localeCompare(b.name));
  }

  private described(model: StateMachineModel): DescribedStateMachine {
    const logging = model.logging;
    return {
      stateMachineArn: model.arn,
      name: model.name,
      status: 'ACTIVE',
      // The definition as Terraform sent it, references resolved (the local model keeps no other text).
      definition: JSON.stringify(model.definition),
      roleArn: model.roleArn,
      type: model.type,
      creationDate: this.creationDate,
      // AWS's answer for a state machine created without a logging configuration: level OFF, no execution data.
      loggingConfiguration: logging
        ? {
            level: logging.level,
            includeExecutionData: logging.includeExecutionData,
            ...(logging.logDestination && { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logging.logDestination } }] }),
          }
        : { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }
}
