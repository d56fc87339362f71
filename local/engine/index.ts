/**
 * The Step Functions engine's public surface: run an Amazon States Language definition offline, as AWS would, with
 * task handlers for the Tasks, and get DescribeExecution's status, output, error and cause and GetExecutionHistory's
 * events back.
 */
export { StateMachine, runExecution, UnsupportedDefinition } from './state-machine';
export type { EngineOptions, MachineOptions, RunExecutionOptions } from './state-machine';
export { InvalidStateMachineDefinition } from './definition';
export type { MachineDefinition, StateDefinition } from './definition';
export { InvalidExecutionInput, InvalidName } from './execution';
export { TaskDoesNotExist } from './task-tokens';
export { ExecutionNotContinuable } from './continuation';
export { AWAIT_CALLBACK } from './task-invoke';
export { StatesError, STATES_ERRORS } from './errors';
export { installDefaultLanguages } from './languages';
export type { QueryLanguages } from './languages';
export { InMemoryObjectStore, ObjectStoreError } from './distributed-map/object-store';
export type { ObjectStore, ObjectListing, ObjectSummary } from './distributed-map/object-store';
export type { MapRunCounts, MapRunDescription, MapRunStatus, MapRunView, RunningChild } from './distributed-map/map-run';
export type { ChildrenStart } from './distributed-map/run-distributed-map';
export { MAX_HISTORY_EVENTS } from './history';
export { MAX_PAYLOAD_BYTES } from './limits';
export type * from './types';
export type * from './query-languages';
