import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../local';
import { ExecutionArchive } from '../../local/execution-archive';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// Ended executions beyond the retention leave memory (issue 18, --serve memory flat): with --data-dir they are read
// back from executions/ended.jsonl, without one they are dropped and asking for them says so; names stay taken.

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:ok';
const execution = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:ok:${name}`;

let dir: string;
const opened: { stack: LocalStack; sfn: SFNClient }[] = [];

beforeAll(() => {
  dir = writeFixtureStack({ stateMachines: { ok: singleState({ Type: 'Pass', Parameters: { 'echo.$': '$.n' } }) } });
});
async function closeAll(): Promise<void> {
  for (const { stack, sfn } of opened.splice(0)) {
    sfn.destroy();
    await stack.close();
  }
}
afterEach(closeAll);
afterAll(() => removeFixture(dir));

async function open(options: { dataDir?: string; keepEndedBytes?: number } = {}) {
  const stack = await startLocalStack(dir, { keepEndedExecutions: 2, ...options });
  const sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  opened.push({ stack, sfn });
  return { stack, sfn };
}

async function runThree(stack: LocalStack): Promise<void> {
  for (const [i, name] of ['first', 'second', 'third'].entries()) expect((await stack.execute({ n: i }, { name })).status).toBe('SUCCEEDED');
}

test('without --data-dir: the oldest ended execution leaves memory; asking for it says it was dropped and why; its name stays taken', async () => {
  // GIVEN a retention of 2 and three ended executions
  const { stack, sfn } = await open();
  await runThree(stack);
  // THEN the two newest are kept
  expect(stack.executions().map((e) => e.name)).toStrictEqual(['second', 'third']);
  expect((await sfn.send(new DescribeExecutionCommand({ executionArn: execution('second') }))).status).toBe('SUCCEEDED');
  // the first answers ExecutionDoesNotExist with a sentence that says what happened and what to do
  const described = sfn.send(new DescribeExecutionCommand({ executionArn: execution('first') }));
  await expect(described).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  await expect(described).rejects.toThrow('without --data-dir the local runner keeps only the last 2 ended executions (at most 8 MiB of them) in memory; this one was dropped (its name stays taken)');
  await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: execution('first') }))).rejects.toThrow('Serve with --data-dir DIR to keep every execution');
  // a new execution with its name is refused, as AWS refuses a name used before
  await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'first', input: '{"n": 9}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  // an execution never run is still only unknown
  await expect(sfn.send(new DescribeExecutionCommand({ executionArn: execution('never') }))).rejects.toThrow(/^Execution Does Not Exist: '.*:never'$/);
});

test('past keepEndedBytes the oldest ended executions leave memory before the count is reached; the newest stays however large', async () => {
  // GIVEN a count of 2 but room for less than one execution's texts
  const { stack, sfn } = await open({ keepEndedBytes: 100 });
  await runThree(stack);
  // THEN only the newest is kept; the others were dropped with their names taken
  expect(stack.executions().map((e) => e.name)).toStrictEqual(['third']);
  for (const name of ['first', 'second']) {
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: execution(name) }))).rejects.toThrow('keeps only the last 2 ended executions (at most 100 bytes of them) in memory; this one was dropped');
  }
  await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'second' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  // and the kept one answers its history from the text it is kept as
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution('third') }))).events!;
  expect([events[0].type, events.at(-1)!.type, events[0].timestamp instanceof Date]).toStrictEqual(['ExecutionStarted', 'ExecutionSucceeded', true]);
});

test('with --data-dir: an execution that left memory is described, with its history, from disk; and again after a restart', async () => {
  // GIVEN a retention of 2, a data folder and three ended executions
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
  try {
    const { stack, sfn } = await open({ dataDir });
    await runThree(stack);
    const keptHistory = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution('second') }))).events!.map((e) => e.type);
    // THEN the first is in the archive, not in memory, and answers as before
    expect(stack.executions().map((e) => e.name)).toStrictEqual(['second', 'third']);
    const first = await sfn.send(new DescribeExecutionCommand({ executionArn: execution('first') }));
    expect(first).toMatchObject({ status: 'SUCCEEDED', name: 'first', input: '{"n":0}', output: '{"echo":0}' });
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution('first') }))).events!;
    expect(history.map((e) => e.type)).toStrictEqual(keptHistory);
    expect(history[0].timestamp).toBeInstanceOf(Date);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'first' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

    // WHEN the stack starts again on the folder
    await closeAll();
    const again = await open({ dataDir });
    // THEN the archived one still answers from disk
    expect(await again.sfn.send(new DescribeExecutionCommand({ executionArn: execution('first') }))).toMatchObject({ status: 'SUCCEEDED', output: '{"echo":0}' });
  } finally {
    await closeAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the archive: a last line cut short by a kill is dropped (and cut off before the next append); a line that is no execution is named', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-'));
  try {
    const file = path.join(folder, 'ended.jsonl');
    const record = (name: string) => ({ executionArn: execution(name), stateMachineArn: MACHINE, name, input: '{}', startDate: new Date(0), status: 'SUCCEEDED' as const, done: new Promise<never>(() => undefined) });
    const archive = ExecutionArchive.open(file);
    archive.append(record('a'));
    archive.close();
    fs.appendFileSync(file, '{"executionArn":"arn:aws:states:us-east-1:000000000000:execution:ok:b","stat');
    // WHEN it is opened again
    const reopened = ExecutionArchive.open(file);
    // THEN the cut line is not indexed, and the next append replaces it
    expect([reopened.has(execution('a')), reopened.has(execution('b'))]).toStrictEqual([true, false]);
    reopened.append(record('c'));
    reopened.close();
    expect(fs.readFileSync(file, 'utf8').split('\n').map((l) => JSON.parse(l || 'null')?.name ?? null)).toStrictEqual(['a', 'c', null]);
    expect(ExecutionArchive.open(file).read(execution('c'))).toMatchObject({ name: 'c', status: 'SUCCEEDED' });
    fs.writeFileSync(file, 'not json\n');
    expect(() => ExecutionArchive.open(file)).toThrow(`${file} is damaged (the line at byte 0 is not an execution the local runner writes)`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
