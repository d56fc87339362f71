import { MAX_TASK_ID_LENGTH, MAX_TIMESTAMP } from '../../../contracts/task-input';
import { sideBySide, type Run } from '../../support/languages';

// task-status in JSONPath and in JSONata: the same executions give the same status, output, error, cause and table.

const NOW = 1712570158;
const fault = (state: string, error: string, times: number) => [{ state, error, times }];

const RUNS: Run[] = [
  { label: 'the sample', input: { taskId: 'Breakfast', timestamp: NOW } },
  { label: 'extra keys', input: { taskId: 'Brunch', timestamp: NOW, note: 'ignored' } },
  { label: 'every allowed character', input: { taskId: 'Az09_-', timestamp: NOW } },
  { label: 'the longest id', input: { taskId: 'x'.repeat(MAX_TASK_ID_LENGTH), timestamp: NOW } },
  { label: 'timestamp 0', input: { taskId: 'Epoch', timestamp: 0 } },
  { label: 'the largest timestamp', input: { taskId: 'Late', timestamp: MAX_TIMESTAMP } },
  { label: 'an id one too long', input: { taskId: 'x'.repeat(MAX_TASK_ID_LENGTH + 1), timestamp: NOW } },
  { label: 'an empty id', input: { taskId: '', timestamp: NOW } },
  { label: 'an id with a space', input: { taskId: 'Second breakfast', timestamp: NOW } },
  { label: 'an id with an emoji', input: { taskId: 'tea😀', timestamp: NOW } },
  { label: 'a numeric id', input: { taskId: 7, timestamp: NOW } },
  { label: 'no timestamp', input: { taskId: 'Lunch' } },
  { label: 'a fractional timestamp', input: { taskId: 'Lunch', timestamp: NOW + 0.5 } },
  { label: 'a negative timestamp', input: { taskId: 'Lunch', timestamp: -1 } },
  { label: 'an 11-digit timestamp', input: { taskId: 'Lunch', timestamp: MAX_TIMESTAMP + 1 } },
  { label: 'a timestamp in a string', input: { taskId: 'Lunch', timestamp: String(NOW) } },
  { label: 'an array', input: [{ taskId: 'Lunch', timestamp: NOW }] },
  { label: 'a string', input: 'Lunch' },
  { label: 'null', input: null },
  { label: 'a throttled update', input: { taskId: 'Tea', timestamp: NOW }, faults: fault('UpdateDynamoTaskItem', 'DynamoDB.ThrottlingException', 2) },
  { label: 'throttling past the retries', input: { taskId: 'Supper', timestamp: NOW }, faults: fault('UpdateDynamoTaskItem', 'DynamoDB.ThrottlingException', 4) },
  { label: 'an update error', input: { taskId: 'Dinner', timestamp: NOW }, faults: fault('UpdateDynamoTaskItem', 'DynamoDB.ResourceNotFoundException', 1) },
  { label: 'a failed update condition', input: { taskId: 'Gone', timestamp: NOW }, faults: fault('UpdateDynamoTaskItem', 'DynamoDB.ConditionalCheckFailedException', 1) },
  { label: 'a put error', input: { taskId: 'Never', timestamp: NOW }, faults: fault('CreateDynamoTaskItem', 'DynamoDB.ResourceNotFoundException', 1) },
  { label: 'the validation function throttled', input: { taskId: 'Snack', timestamp: NOW }, faults: fault('ValidateInput', 'Lambda.TooManyRequestsException', 2) },
  { label: 'the validation function failing', input: { taskId: 'Feast', timestamp: NOW }, faults: fault('ValidateInput', 'Lambda.ServiceException', 7) },
];

test('every sample, bad input and injected fault shows the same in both renderings', async () => {
  // WHEN
  const { JSONPath, JSONata } = await sideBySide('task-status', RUNS);
  // THEN, run by run (the label says which differs)
  RUNS.forEach((run, i) => expect({ run: run.label, ...JSONata[i] }).toStrictEqual({ run: run.label, ...JSONPath[i] }));
  // AND the runs did what they are for
  expect(JSONPath.map((o) => o.error ?? o.status)).toStrictEqual([
    ...Array(6).fill('SUCCEEDED'),
    ...Array(13).fill('InvalidInput'),
    'SUCCEEDED',
    'DynamoDB.ThrottlingException',
    'DynamoDB.ResourceNotFoundException',
    'TaskNotStarted',
    'DynamoDB.ResourceNotFoundException',
    'SUCCEEDED',
    'Lambda.ServiceException',
  ]);
});
