import type { PolicyStatement } from '../iam';
import type { PartitionedArn } from '../partition';
import type { Payload } from '../payload';
import type { RetryProps } from '../states/error-handling';
import type { ResultProps } from '../states/io';
import type { NumberField } from '../states/number-field';
import type { StateProps } from '../states/state';
import { Task } from '../states/task';

/** Options every service integration takes besides its own request fields. */
export interface IntegrationOptions extends StateProps, ResultProps {
  readonly resultSelector?: Payload;
  /** Seconds before the call fails with States.Timeout (a number, a JSONPath path or a JSONata expression). @default no task timeout */
  readonly timeoutSeconds?: NumberField;
  /**
   * Retry the service's transient errors (throttling, internal errors) with jittered backoff before any
   * retrier you add. @default true
   */
  readonly retryTransientErrors?: boolean;
}

/** What an integration file knows about one service call. */
export interface IntegrationSpec {
  /** From integrationResource (integrations/resource.ts). */
  readonly resource: PartitionedArn;
  readonly parameters: Payload;
  readonly policyStatements: readonly PolicyStatement[];
  /** The retrier for the service's transient errors. */
  readonly transientRetry: RetryProps;
}

export function integrationTask(name: string, options: IntegrationOptions, spec: IntegrationSpec): Task {
  const { retryTransientErrors = true, ...stateProps } = options;
  const task = new Task(name, {
    ...stateProps,
    resource: spec.resource,
    parameters: spec.parameters,
    policyStatements: spec.policyStatements,
  });
  if (retryTransientErrors) task.addRetry(spec.transientRetry);
  return task;
}
