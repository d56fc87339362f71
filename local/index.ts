/**
 * The local runner: stands a synthesized stack (`cdktf.out/stacks/<id>`) up on 127.0.0.1 and runs its state
 * machines and functions against embedded DynamoDB, S3, SNS and Step Functions. See runner.ts.
 */
export { LocalStack, startLocalStack, type ExecuteOptions, type LocalEndpoints, type LocalStackOptions } from './runner';
export type { ExecutionEvent, ExecutionResult, ExecutionStatus } from './workflow-engine';
export type { ExecutionRecord } from './executions';
export type { InvokeResult, LambdaLogLine } from './lambda-host';
export { parseFault, type Fault } from './faults';
export { diffSnapshots, isEmptyDiff, type Snapshot, type SnapshotDiff } from './snapshot';
export type { PlainItem, PublishedMessage } from './emulators';
export { loadStackModel, type StackModel } from './stack-model';
export { blocksOf, readStackJson, readSynthesizedStacks, STACK_FILE, stackDirOf, synthesizedStackIds, type TerraformJson, type TfBlock } from './synthesized';
export { LocalSetupError } from './errors';
export { SfnApiError } from './emulators/sfn-api';
