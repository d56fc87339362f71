/**
 * The local runner, as a library: stands a synthesized stack (`cdktf.out/stacks/<id>`) up on 127.0.0.1 and runs
 * its state machines, functions and REST API against embedded DynamoDB, S3, SNS and Step Functions (runner.ts).
 * This file is its one public surface: scripts/ (and anything else outside local/) imports local/ only from here.
 * local/ knows the synthesized Terraform JSON and nothing of the app: it imports neither stacks/ nor scripts/.
 */

// Stand a stack up, run executions, invoke functions, seed and read its data.
export { applyMutation, describeMutation, formatIamReport, loadStackIam, mutationsOf, roleStatements, type Mutation, IAM_MODES, isIamMode, type IamMode, type RoleReport } from './iam';
export { LocalStack, startLocalStack, type ExecuteOptions, type LocalEndpoints, type LocalStackOptions } from './runner';
export type { ExecutionResult, ExecutionStatus } from './workflow-engine';
export { detailsOf, enteredStates, enteredStateType, isStateEntered } from './history-events';
export type { ExecutionRecord } from './executions';
export type { InvokeResult, LambdaLogLine } from './lambda-host';
export { DEFAULT_ENVIRONMENTS, LAST_IDLE_MS, SPARE_IDLE_MS } from './lambda-host';
export type { Fault } from './faults';
export { diffSnapshots, isEmptyDiff, type Snapshot, type SnapshotDiff } from './snapshot';
export type { DynamoDbItem, PlainItem, PublishedMessage } from './emulators';
export { readStoredMessages, JOURNAL_FILE as MESSAGES_JOURNAL_FILE } from './emulators/sns-journal';
export { MESSAGES_PATH } from './emulators/sns-messages';

// The Step Functions engine on its own, for a user's tests: run a definition with task handlers or mocked responses.
export {
  runExecution,
  StateMachine,
  StatesError,
  STATES_ERRORS,
  InvalidStateMachineDefinition,
  UnsupportedDefinition,
  InvalidExecutionInput,
  InvalidName,
  TaskDoesNotExist,
} from './engine';
export type {
  Execution,
  ExecutionOptions,
  ExecutionOutcome,
  ExecutionType,
  HistoryEvent,
  IntegrationPattern,
  MachineOptions,
  RunExecutionOptions,
  StateMachineOptions,
  TaskHandler,
  TaskRequest,
} from './engine';
export { MockConfigError, parseMockConfig, readMockConfigFile, splitTestCaseArn, taskHandlersFromMocks, type MockConfig } from './engine/mocks';

// One endpoint for the AWS CLI and SDKs in front of one or more started stacks (Step Functions, DynamoDB, S3, SNS, Lambda).
export { startLocalEdge, SERVED_SERVICES, type EdgeOptions, type LocalEdge, type ServedResources } from './edge';
export { ACCEPTED_CREDENTIALS, LOCAL_CREDENTIALS, LOCAL_ACCOUNT_ID } from './aws-names';

// Serve its REST API (API Gateway from the synthesized resources).
export { LOCAL_API_CREDENTIALS, startLocalApi, type AccessLogLine, type LocalApi, type LocalApiOptions } from './api-gateway';

// Read a synth output: which stacks it holds, their Terraform JSON, and what the runner stands up from it.
export { blocksOf, readStackJson, readSynthesizedStacks, STACK_FILE, stackDirOf, synthesizedStackIds, type TerraformJson, type TfBlock } from './synthesized';
export { loadStackModel, type FunctionModel, type StackModel } from './stack-model';

// What the runner needs of Node: `engines.node` ranges such as `>=22.11`.
export { engineFloor } from './node-runtime';

// Errors the runner throws for its callers to word: a setup problem, and StartExecution's own errors.
export { LocalSetupError } from './errors';
export { SfnApiError } from './emulators/sfn-api';
