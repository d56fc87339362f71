/**
 * The errors a state machine sees, as Step Functions names them (Amazon States Language, "Errors"; the Developer
 * Guide's "Error handling in Step Functions"). Everything the engine throws on a state's behalf is a StatesError, so
 * that Retry and Catch can match it by name and the execution can fail with it; nothing else (a JavaScript
 * TypeError, say) may reach an execution's error name.
 */
export class StatesError extends Error {
  constructor(
    /** The error name Retry/Catch match on and the execution fails with, e.g. `States.Runtime`. */
    readonly error: string,
    /** The cause text, as AWS would write it. */
    readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** The predefined error names (ASL specification, "Errors"; Developer Guide, "Error names"). */
export const STATES_ERRORS = {
  ALL: 'States.ALL',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Runtime: 'States.Runtime',
} as const;
