import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../local';
import { parseFault } from '../../scripts/lib/local/args';
import { launched } from '../../scripts/lib/project';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../support/languages';
import { runProcess } from '../support/cli';
import { catches, statesEntered, statesRetried } from '../support/history';

// sfn-dynamodb end to end: synthesized Terraform JSON → local runner (dynalite + the project's engine), in both query languages.

const TABLE = 'sfn-dynamodb-items';
const GREETING = { description: { S: 'Hello, my id is 12345.' }, id: { S: '12345' } };
describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  let outdir: string;
  let synthEnv: Record<string, string>;
  let stackDir: string;
  let stack: LocalStack;

  beforeAll(async () => {
    ({ outdir, env: synthEnv } = synthIn(language));
    stackDir = stackDirIn(language, 'sfn-dynamodb');
    stack = await startLocalStack(stackDir);
  });

  afterAll(async () => {
    await stack?.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  async function itemsNow(): Promise<unknown[]> {
    return (await stack.snapshot()).tables[TABLE];
  }

  test('{"id": "12345"} writes the greeting and returns the item read back', async () => {
    // WHEN
    const result = await stack.execute({ id: '12345' });
    // THEN
    expect(result).toMatchObject({ status: 'SUCCEEDED', transitions: 3 });
    expect(result.output).toStrictEqual(GREETING);
    expect(await itemsNow()).toContainEqual({ id: '12345', description: 'Hello, my id is 12345.' });
  });

  test.each([
    ['no id', { other: 'x' }],
    ['a number id', { id: 42 }],
    ['an empty object', {}],
    ['an empty id', { id: '' }],
  ])('an input with %s fails with InvalidInput and writes nothing', async (_case, input) => {
    // GIVEN
    const before = await itemsNow();
    // WHEN
    const result = await stack.execute(input);
    // THEN
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput', cause: expect.stringMatching(/non-empty string "id".*Nothing was written/) });
    expect(statesEntered(result.history)).not.toContain('SendToDDB');
    expect(await itemsNow()).toStrictEqual(before);
  });

  test('throttling on the write is retried (without waiting out the intervals) and the execution recovers', async () => {
    // WHEN
    const started = Date.now();
    const result = await stack.execute({ id: 'throttled' }, { faults: [parseFault('SendToDDB=DynamoDB.ProvisionedThroughputExceededException:2')] });
    // THEN
    expect(result.status).toBe('SUCCEEDED');
    expect(statesRetried(result.history)).toStrictEqual(['SendToDDB', 'SendToDDB']);
    expect(Date.now() - started).toBeLessThan(1000); // the retrier's IntervalSeconds 1 × BackoffRate 2 would take 3 s
    expect(await itemsNow()).toContainEqual({ id: 'throttled', description: 'Hello, my id is throttled.' });
  });

  test('throttling beyond MaxAttempts, and a non-transient error, end FAILED with that error through the Catch', async () => {
    // WHEN
    const exhausted = await stack.execute({ id: 'exhausted' }, { faults: [parseFault('SendToDDB=DynamoDB.ProvisionedThroughputExceededException:4')] });
    const conditional = await stack.execute({ id: 'refused' }, { faults: [parseFault('ReadFromDDb=DynamoDB.ResourceNotFoundException')] });
    // THEN
    expect(exhausted).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ProvisionedThroughputExceededException' });
    expect(conditional).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException', cause: expect.stringMatching(/Injected fault/) });
    expect(statesRetried(conditional.history)).toHaveLength(0);
    expect(catches(conditional.history)).toStrictEqual(['ReadFromDDb → DynamoDBRequestFailed']);
    expect(await itemsNow()).not.toContainEqual(expect.objectContaining({ id: 'exhausted' }));
  });

  test('execution names are unique per state machine and validated as AWS does', async () => {
    await stack.execute({ id: 'named' }, { name: 'order-1' });
    await expect(stack.execute({ id: 'named' }, { name: 'order-1' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(stack.execute({ id: 'named' }, { name: 'order 2' })).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(stack.execute({ id: 'named' }, { name: 'x'.repeat(81) })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  test('a Task whose Resource has no local stand-in is refused before anything runs', async () => {
    // GIVEN: the same stack with its read step pointed at a service the runner does not emulate
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-unknown-'));
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const machine = Object.values(tf.resource.aws_sfn_state_machine)[0] as { definition: string };
    machine.definition = machine.definition.replace('arn:aws:states:::dynamodb:getItem', 'arn:aws:states:::glue:startJobRun');
    fs.writeFileSync(path.join(copy, 'cdk.tf.json'), JSON.stringify(tf));
    try {
      // WHEN / THEN
      await expect(startLocalStack(copy)).rejects.toThrow(/state 'ReadFromDDb': Resource arn:aws:states:::glue:startJobRun cannot run locally/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('with a data folder, a second runner sees what the first one wrote, and execution names stay taken', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-data-'));
    try {
      const first = await startLocalStack(stackDir, { dataDir });
      // One run at a time per folder (dynalite's LevelDB allows one process)
      await expect(startLocalStack(stackDir, { dataDir })).rejects.toThrow(/in use by another local run/);
      await first.execute({ id: 'kept' }, { name: 'keep-me' }).finally(() => first.close());

      const second = await startLocalStack(stackDir, { dataDir });
      try {
        expect((await second.snapshot()).tables[TABLE]).toStrictEqual([{ id: 'kept', description: 'Hello, my id is kept.' }]);
        await expect(second.execute({ id: 'kept' }, { name: 'keep-me' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      } finally {
        await second.close();
      }
      const fresh = await startLocalStack(stackDir);
      await expect(fresh.snapshot().finally(() => fresh.close())).resolves.toMatchObject({ tables: { [TABLE]: [] } });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('npm run local (scripts/local.ts)', () => {
    function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return runProcess(process.execPath, [...launched('scripts/local.ts'), ...args], { env: { ...synthEnv, CHECKPOINT_DISABLE: '1' }, timeoutMs: 60_000 });
    }

    test('--json prints one JSON object and exits 0 on success, 1 on failure, 2 on a usage error', async () => {
      // WHEN: three processes at once, to keep the test short
      const [ok, failed, usage] = await Promise.all([
        runCli(['sfn-dynamodb', '--json', '--out', outdir, '--input', '{"id": "12345"}']),
        runCli(['sfn-dynamodb', '--json', '--out', outdir, '--input', '{"id": 42}']),
        runCli(['sfn-dynamodb', '--out', outdir, '--no-such-flag']),
      ]);
      // THEN
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toStrictEqual({
        status: 'SUCCEEDED',
        output: GREETING,
        error: null,
        cause: null,
        transitions: 3,
        tables: { [TABLE]: [{ id: '12345', description: 'Hello, my id is 12345.' }] },
        buckets: {},
        messages: [],
      });
      expect(failed.code).toBe(1);
      expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'FAILED', output: null, error: 'InvalidInput', tables: { [TABLE]: [] } });
      expect(usage.code).toBe(2);
      expect(usage.stdout).toBe('');
      expect(usage.stderr).toMatch(/Unknown option '--no-such-flag'.*\n.*--help/);
    });
  });
});
