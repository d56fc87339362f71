import { deflateRawSync } from 'node:zlib';
import type { HistoryEvent } from '../../local/engine';
import type { ExecutionRecord } from '../../local/execution-store';
import { historyLengthOf, keptBytes, keptRecord, keptResult } from '../../local/kept-result';
import type { ExecutionResult } from '../../local/workflow-engine';

// An ended execution stays in memory with its input, output and history as JSON text, the history deflated (local/kept-result.ts): what is
// read back is equal to what ended, Dates included, and a spread (the archive's, executions.json's) copies the values.

const ARN = 'arn:aws:states:us-east-1:000000000000:execution:orders:o-1';
const history: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: new Date('2026-01-01T00:00:00.000Z'), type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"n":1}' } } as HistoryEvent,
  { id: 2, previousEventId: 1, timestamp: new Date('2026-01-01T00:00:00.250Z'), type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"n":2}' } } as HistoryEvent,
];
const result: ExecutionResult = {
  executionArn: ARN,
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders',
  name: 'o-1',
  status: 'SUCCEEDED',
  input: { n: 1, nested: { list: [1, 'two', null] } },
  output: { n: 2 },
  transitions: 1,
  history,
  startDate: new Date('2026-01-01T00:00:00.000Z'),
  stopDate: new Date('2026-01-01T00:00:00.250Z'),
  wallMs: 3,
};

test('what is read back equals what ended: input, output, history with Date timestamps; a spread copies the values', () => {
  const kept = keptResult(result);
  expect(kept).toStrictEqual(result);
  expect(kept.history[1]!.timestamp).toBeInstanceOf(Date);
  expect({ ...kept, history: undefined }).toStrictEqual({ ...result, history: undefined });
  // each read is a new copy: a caller that changes one does not change what is kept
  (kept.input as { n: number }).n = 99;
  expect(kept.input).toStrictEqual(result.input);
});

test('the history length is known without parsing; a result without output has none', () => {
  const { output: _output, ...noOutput } = result;
  const kept = keptResult(noOutput);
  expect(historyLengthOf(kept)).toBe(2);
  expect(historyLengthOf(result)).toBe(2);
  expect('output' in kept).toBe(false);
  expect(keptResult(kept)).toBe(kept);
});

test('a kept record answers its result from `done` and drops the engine handle and the running copy of the events', async () => {
  const record: ExecutionRecord = {
    executionArn: ARN,
    stateMachineArn: result.stateMachineArn,
    name: 'o-1',
    input: '{"n":1}',
    startDate: result.startDate,
    status: 'SUCCEEDED',
    result,
    done: Promise.resolve(result),
    events: history,
  };
  const kept = keptRecord(record);
  expect(kept.events).toBeUndefined();
  expect(await kept.done).toBe(kept.result);
  expect(kept.result).toStrictEqual(result);
  // its size counts the texts (input, output, the history deflated) and the fields, not the objects
  const fields = 400 + record.input.length + ARN.length * 2;
  const deflated = deflateRawSync(JSON.stringify(history), { level: 1 }).length;
  expect(keptBytes(kept)).toBe(fields + JSON.stringify(result.input).length + JSON.stringify(result.output).length + deflated);
  // one not yet kept counts its history's whole text
  expect(keptBytes(record)).toBe(fields + JSON.stringify(history).length);
});
