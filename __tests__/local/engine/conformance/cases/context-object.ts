import type { ConformanceCase } from '../case';
import { RUN } from '../case';
import { anyOf, match } from '../match';
import { chain, echo, one, passParams, task } from './build';

const CTX = 'DG "Accessing execution data from the Context object"';
const REC = 'recorded AWS execution';
const START = '^2024-01-01T00:00:00(\\.\\d+)?Z$';

const field = (id: string, path: string, input: unknown, expected: unknown, note = ''): ConformanceCase => ({
  id,
  source: `${CTX}: ${path}${note}`,
  definition: passParams({ 'v.$': path }),
  input,
  expect: { status: 'SUCCEEDED', output: { v: expected } },
});

export const contextObject: readonly ConformanceCase[] = [
  field('execution-id', '$$.Execution.Id', {}, RUN.executionArn),
  field('execution-name', '$$.Execution.Name', {}, RUN.executionName),
  field('execution-input', '$$.Execution.Input', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
  field('execution-start-time', '$$.Execution.StartTime', {}, match(START), ' (the start time, ISO 8601)'),
  field('execution-role-arn', '$$.Execution.RoleArn', {}, RUN.roleArn, ' (types.ts default role)'),
  field('execution-redrive-count', '$$.Execution.RedriveCount', {}, 0, ` (${REC}: 0 for a first run)`),
  field('state-machine-id', '$$.StateMachine.Id', {}, RUN.stateMachineArn),
  field('state-machine-name', '$$.StateMachine.Name', {}, RUN.stateMachineName),
  field('state-name', '$$.State.Name', {}, 'S'),
  field('state-entered-time', '$$.State.EnteredTime', {}, match(START)),
  {
    id: 'whole-context-pass', source: `${CTX}: the whole object in a Pass state (${REC}: fields and their order; no RetryCount outside a Task)`,
    definition: one({ Type: 'Pass', InputPath: '$$' }, 'TestState'), input: { v: 0 },
    expect: {
      status: 'SUCCEEDED', keyOrder: true,
      output: {
        Execution: { Id: RUN.executionArn, Input: { v: 0 }, StartTime: match(START), Name: RUN.executionName, RoleArn: RUN.roleArn, RedriveCount: 0 },
        StateMachine: { Id: RUN.stateMachineArn, Name: RUN.stateMachineName },
        State: { Name: 'TestState', EnteredTime: match(START) },
      },
    },
  },
  { id: 'execution-input-unchanged-later', source: `${CTX}: $$.Execution.Input is the execution's input, whatever states did since`, definition: chain({ A: { Type: 'Pass', Result: { changed: true } }, B: { Type: 'Pass', Parameters: { 'orig.$': '$$.Execution.Input', 'now.$': '$' } } }), input: { orig: 1 }, expect: { status: 'SUCCEEDED', output: { orig: { orig: 1 }, now: { changed: true } } } },
  { id: 'state-name-second-state', source: `${CTX}: $$.State.Name is the current state`, definition: chain({ First: { Type: 'Pass' }, Second: { Type: 'Pass', Parameters: { 'n.$': '$$.State.Name' } } }), input: {}, expect: { status: 'SUCCEEDED', output: { n: 'Second' } } },
  { id: 'task-retry-count', source: `${CTX}: $$.State.RetryCount in a Task's Parameters`, definition: one(task({ Parameters: { 'rc.$': '$$.State.RetryCount' } }), 'T'), input: {}, taskResults: { T: [echo] }, expect: { status: 'SUCCEEDED', output: { rc: 0 } } },
  { id: 'task-token', source: `${CTX}: $$.Task.Token is given to a .waitForTaskToken Task`, definition: one({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } } }, 'T'), input: {}, taskResults: { T: [echo] }, expect: { status: 'SUCCEEDED', output: { QueueUrl: 'q', MessageBody: { token: anyOf('string') } } } },
  { id: 'map-item-index-value', source: `${CTX}: $$.Map.Item.Index and $$.Map.Item.Value in ItemSelector`, definition: one({ Type: 'Map', ItemsPath: '$.l', ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }), input: { l: [{ a: 1 }] }, expect: { status: 'SUCCEEDED', output: [{ i: 0, v: { a: 1 } }] } },
  { id: 'map-items-path-context', source: `${CTX}: ItemsPath may be a $$ path (${REC})`, definition: one({ Type: 'Map', ItemsPath: '$$.Execution.Input.items', MaxConcurrency: 1, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }), input: { items: ['item-0'] }, expect: { status: 'SUCCEEDED', output: ['item-0'] } },
  { id: 'fail-error-cause-path-context', source: `${CTX}; DG "Fail workflow state": ErrorPath/CausePath may be $$ paths (${REC})`, definition: one({ Type: 'Fail', ErrorPath: '$$.State.Name', CausePath: '$$.StateMachine.Name' }, 'StartState'), input: {}, expect: { status: 'FAILED', error: 'StartState', cause: RUN.stateMachineName } },
  { id: 'choice-variable-context', source: `${CTX}: a Choice rule's Variable may be a $$ path (${REC})`, definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$$.Execution.Input.go', BooleanEquals: true, Next: 'Yes' }], Default: 'No' }, Yes: { Type: 'Pass', Result: 'yes', End: true }, No: { Type: 'Pass', Result: 'no', End: true } }), input: { go: true }, expect: { status: 'SUCCEEDED', output: 'yes' } },
  { id: 'entered-time-in-branch', source: `${CTX}: $$.State.EnteredTime inside a Parallel branch`, definition: one({ Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 't.$': '$$.State.EnteredTime' }, End: true } } }] }), input: {}, expect: { status: 'SUCCEEDED', output: [{ t: match(START) }] } },
  { id: 'context-in-intrinsic', source: `${CTX}; DG "Intrinsic functions": $$ paths as intrinsic arguments (${REC})`, definition: passParams({ 'v.$': "States.Format('{}/{}', $$.StateMachine.Name, $$.Execution.Name)" }), input: {}, expect: { status: 'SUCCEEDED', output: { v: `${RUN.stateMachineName}/${RUN.executionName}` } } },
];
