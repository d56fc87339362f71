import { sideBySide, type Run } from '../../support/languages';

// sfn-dynamodb in JSONPath and in JSONata: the same executions give the same status, output, error, cause and table.

const RUNS: Run[] = [
  { label: 'the sample', input: { id: '12345' } },
  { label: 'no id', input: { other: 'x' } },
  { label: 'a number id', input: { id: 42 } },
  { label: 'an empty id', input: { id: '' } },
  { label: 'an array holding a good input', input: [{ id: 'in-array' }] },
  { label: 'a string', input: '12345' },
  { label: 'null', input: null },
  { label: 'an id with quotes and braces', input: { id: `it's {"odd"}` } },
  { label: 'throttled twice', input: { id: 'throttled' }, faults: [{ state: 'SendToDDB', error: 'DynamoDB.ProvisionedThroughputExceededException', times: 2 }] },
  { label: 'throttled past MaxAttempts', input: { id: 'exhausted' }, faults: [{ state: 'SendToDDB', error: 'DynamoDB.ProvisionedThroughputExceededException', times: 4 }] },
  { label: 'a read error', input: { id: 'refused' }, faults: [{ state: 'ReadFromDDb', error: 'DynamoDB.ResourceNotFoundException', times: 1 }] },
];

test('every sample, bad input and injected fault shows the same in both renderings', async () => {
  // WHEN
  const { JSONPath, JSONata } = await sideBySide('sfn-dynamodb', RUNS);
  // THEN, run by run (the label says which differs)
  RUNS.forEach((run, i) => expect({ run: run.label, ...JSONata[i] }).toStrictEqual({ run: run.label, ...JSONPath[i] }));
  // AND the runs did what they are for
  expect(JSONPath.map((o) => o.error ?? o.status)).toStrictEqual([
    'SUCCEEDED',
    'InvalidInput',
    'InvalidInput',
    'InvalidInput',
    'InvalidInput',
    'InvalidInput',
    'InvalidInput',
    'SUCCEEDED',
    'SUCCEEDED',
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.ResourceNotFoundException',
  ]);
});
