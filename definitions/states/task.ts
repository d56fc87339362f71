import type { PolicyStatement } from '../iam';
import type { PartitionedArn } from '../partition';
import type { Payload } from '../payload';
import { renderIo, type ResultProps } from './io';
import { checkNumberField, renderNumberField, type NumberField } from './number-field';
import { RetryableState } from './retryable-state';
import type { AslGraph, AslState, RenderContext, StateProps } from './state';

export interface TaskProps extends StateProps, ResultProps {
  /**
   * The service integration (`integrationResource('dynamodb', 'putItem')` of integrations/resource.ts, rendered
   * for the state machine's partition), or an activity's ARN as it is.
   */
  readonly resource: string | PartitionedArn;
  /** The request sent to the resource: `Parameters` in a JSONPath state, `Arguments` in a JSONata one. @default the state input */
  readonly parameters?: Payload;
  /** Reshapes the raw result before ResultPath applies. @default the raw result */
  readonly resultSelector?: Payload;
  /**
   * Seconds before the task fails with States.Timeout: a number, `JsonPath.numberAt('$.x')` (JSONPath:
   * TimeoutSecondsPath) or `jsonata('…')` (JSONata). @default no task timeout (the state machine's applies)
   */
  readonly timeoutSeconds?: NumberField;
  /** Seconds between heartbeats before the task fails with States.Timeout, in the same forms. @default none */
  readonly heartbeatSeconds?: NumberField;
  /** What the state machine role must be allowed to do for this task. */
  readonly policyStatements: readonly PolicyStatement[];
}

/**
 * A Task state. Services are called through the factories in `integrations/`, which know each call's resource
 * ARN, request shape, IAM permissions and transient errors.
 */
export class Task extends RetryableState {
  readonly type = 'Task';

  constructor(
    name: string,
    private readonly props: TaskProps,
  ) {
    super(name, props);
    // "Task workflow state": positive integers up to 99999999; a path or expression is checked when the state runs.
    checkNumberField(props.timeoutSeconds, `State '${name}' timeoutSeconds`, { min: 1, max: 99_999_999 });
    checkNumberField(props.heartbeatSeconds, `State '${name}' heartbeatSeconds`, { min: 1, max: 99_999_999 });
    if (typeof props.heartbeatSeconds === 'number' && typeof props.timeoutSeconds === 'number' && props.heartbeatSeconds >= props.timeoutSeconds) {
      throw new Error(`State '${name}': heartbeatSeconds (${props.heartbeatSeconds}) must be below timeoutSeconds (${props.timeoutSeconds}).`);
    }
  }

  policyStatements(): PolicyStatement[] {
    return [...this.props.policyStatements];
  }

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    const { resource } = this.props;
    const language = this.languageIn(context);
    return {
      ...this.header(),
      Resource: typeof resource === 'string' ? resource : resource.arnIn(context.partition),
      ...renderIo(this, language, this.props),
      ...renderNumberField(this.props.timeoutSeconds, 'TimeoutSeconds', language, `State '${this.name}'`),
      ...renderNumberField(this.props.heartbeatSeconds, 'HeartbeatSeconds', language, `State '${this.name}'`),
      ...this.errorHandling.toAsl(language),
      ...this.transition(),
    };
  }
}
