import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecutionJournal, readJournal } from '../../../local/execution-journal';
import { LocalSetupError, type ExecutionRecord } from '../../../local';
import { DurableExecutions } from '../../../local/execution-durability';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function journalFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  dirs.push(dir);
  return path.join(dir, 'executions', 'journal.jsonl');
}

const start = (name: string) => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:sm:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm',
  name,
  input: '{"n":1}',
  startDate: new Date('2026-01-01T00:00:00Z'),
  fingerprint: 'f',
});
const event = (id: number, type: string) => ({ id, previousEventId: id - 1, timestamp: new Date(1000 * id), type });

test('20 concurrent starts share their fsyncs, and each is on disk when it resolves', async () => {
  // GIVEN
  const file = journalFile();
  const journal = ExecutionJournal.create(file, () => undefined);
  // WHEN
  const starts = Array.from({ length: 20 }, (_, i) => journal.started(start(`e${i}`)));
  await Promise.all(starts.map(async (s, i) => {
    await s.durable;
    // THEN its line is in the file when its start resolves
    expect(fs.readFileSync(file, 'utf8')).toContain(`"name":"e${i}"`);
  }));
  expect(journal.syncs).toBeGreaterThanOrEqual(1);
  expect(journal.syncs).toBeLessThanOrEqual(2);
  await journal.close();
});

test('starts, events and ends read back in order, with dates; events are written without waiting for a start', async () => {
  // GIVEN
  const file = journalFile();
  const journal = ExecutionJournal.create(file, () => undefined);
  const a = journal.started(start('a'));
  const b = journal.started(start('b'), [event(1, 'ExecutionStarted')]);
  journal.event(a.id, event(1, 'ExecutionStarted'));
  journal.event(b.id, event(2, 'PassStateEntered'));
  journal.ended(a.id, { status: 'SUCCEEDED', output: { ok: true }, transitions: 1, startDate: new Date(1000), stopDate: new Date(2000) });
  // WHEN
  await journal.close();
  const { executions, truncatedTail } = readJournal(file);
  // THEN
  expect(truncatedTail).toBe(false);
  expect(executions.map((e) => [e.name, e.history.map((h) => h.type), e.end?.status])).toStrictEqual([
    ['a', ['ExecutionStarted'], 'SUCCEEDED'],
    ['b', ['ExecutionStarted', 'PassStateEntered'], undefined],
  ]);
  expect(executions[0]!.startDate).toStrictEqual(new Date('2026-01-01T00:00:00Z'));
  expect(executions[1]!.history[1]!.timestamp).toStrictEqual(new Date(2000));
  expect(executions[0]!.end?.stopDate).toStrictEqual(new Date(2000));
});

test('a last line cut short by a kill is left out and said; the lines before it count', async () => {
  // GIVEN
  const file = journalFile();
  const journal = ExecutionJournal.create(file, () => undefined);
  await journal.started(start('a')).durable;
  await journal.close();
  fs.appendFileSync(file, '{"k":"e","id":1,"event":{"id":1,"previousEv');
  // WHEN
  const { executions, truncatedTail } = readJournal(file);
  // THEN
  expect(truncatedTail).toBe(true);
  expect(executions.map((e) => [e.name, e.history.length])).toStrictEqual([['a', 0]]);
});

test.each([
  ['a damaged line before the last', (f: string) => fs.writeFileSync(f, `${fs.readFileSync(f, 'utf8')}{oops\n{"k":"e","id":1,"event":{}}\n`), /line 2 is not valid JSON/],
  ['an event of an execution no line started', (f: string) => fs.appendFileSync(f, '{"k":"e","id":7,"event":{}}\n'), /line 2 tells of execution 7, which no earlier line started/],
  ['a start without its fields', (f: string) => fs.appendFileSync(f, '{"k":"s","id":2,"name":"x"}\n'), /line 2 is not a start the local runner writes/],
])('%s: a named error that says what to do', async (_case, damage, problem) => {
  // GIVEN
  const file = journalFile();
  const journal = ExecutionJournal.create(file, () => undefined);
  await journal.started(start('a')).durable;
  await journal.close();
  damage(file);
  // WHEN / THEN
  const read = () => readJournal(file);
  expect(read).toThrow(LocalSetupError);
  expect(read).toThrow(problem);
  expect(read).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged .*move it away .*forgotten`));
});

test('a journal grown past its limit is compacted: the ended go to executions.json, the running stay with their histories', async () => {
  // GIVEN three executions, two of which end, with a limit any end passes
  const file = path.join(path.dirname(path.dirname(journalFile())), 'executions.json');
  const opened = DurableExecutions.open(file, () => undefined);
  const records: ExecutionRecord[] = [];
  opened.durable.begin(() => records);
  opened.durable.compactAtBytes = 1;
  const histories = ['a', 'b', 'c'].map(() => [event(1, 'ExecutionStarted')]);
  const tracked = ['a', 'b', 'c'].map((name, i) => opened.durable.track(start(name), 'f', histories[i]!));
  histories[2]!.push(event(2, 'PassStateEntered'));
  tracked[2]!.event(histories[2]![1]!);
  // WHEN a and b end
  for (const [i, name] of ['a', 'b'].entries()) {
    const result = { ...start(name), status: 'SUCCEEDED' as const, input: { n: 1 }, output: {}, transitions: 0, history: histories[i]!, startDate: new Date(0), stopDate: new Date(1) };
    records.push({ ...start(name), status: 'SUCCEEDED', result, done: Promise.resolve(result) });
    tracked[i]!.ended(result);
  }
  await Promise.all(tracked.map((t) => t.durable));
  await opened.durable.close([...records, { ...start('c'), status: 'RUNNING', done: new Promise(() => undefined) }]);
  // THEN the journal holds c alone, as one start line with its two events; executions.json holds a and b
  const journal = fs.readFileSync(path.join(path.dirname(file), 'executions', 'journal.jsonl'), 'utf8');
  expect(journal.trimEnd().split('\n')).toHaveLength(1);
  const again = DurableExecutions.open(file, () => undefined);
  expect(again.unended.map((e) => [e.name, e.history.map((h) => h.type)])).toStrictEqual([['c', ['ExecutionStarted', 'PassStateEntered']]]);
  expect(again.records.map((r) => [r.name, r.status])).toStrictEqual([['a', 'SUCCEEDED'], ['b', 'SUCCEEDED']]);
});
