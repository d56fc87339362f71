/**
 * `parallel-map` end to end on the local runner: the synthesized stack (dynalite, the process-item bundle
 * in worker threads, the project's engine), with the list loaded by the real loader (`npm run load-ddb`)
 * against the local DynamoDB endpoint. Waits cost no wall time (the virtual clock) unless a test needs real time (concurrency).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local';
import { iterationOrder, statesEntered } from '../support/history';
import { main as loadDdb } from '../../scripts/load-ddb';
import { loadListInto } from '../../scripts/lib/local/list-load';
import { PROJECT_ROOT } from '../../stacks/config';
import { configIn, QUERY_LANGUAGES, stackDirIn } from '../support/languages';

const TABLE = 'StepFunctionsProjectDDBTable';
const historyTypes = (history: readonly { type: string }[]) => history.map((e) => e.type);
const SIMPLE = path.join(PROJECT_ROOT, 'utils/simplelist.json');
const DICTS = path.join(PROJECT_ROOT, 'utils/listofdicts.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-parallel-map-'));

describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  /** The parallel-map stack synthesized in `language` with these `stepfunc` settings (the `ddb` defaults), once per setting. */
  const stackDirFor = (stepfunc: Record<string, unknown> = {}): string => stackDirIn(language, 'parallel-map', { stepfunc });
  /** The settings the tests share: one item at a time, or three; a 1 s wait (virtual unless realWaits). */
  const ONE_AT_A_TIME = { maxConcurrency: 1, waitDurationSeconds: 1 };
  const THREE_AT_A_TIME = { maxConcurrency: 3, waitDurationSeconds: 1 };

  const running: LocalStack[] = [];
  async function start(stepfunc: Record<string, unknown> = {}, options: LocalStackOptions = {}): Promise<LocalStack> {
    const stack = await startLocalStack(stackDirFor(stepfunc), options);
    running.push(stack);
    return stack;
  }
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  /** Loads a list file with the real loader, as `npm run load-ddb -- --json <file> --endpoint <local>` does. */
  async function load(stack: LocalStack, file: string): Promise<void> {
    const err: string[] = [];
    const code = await loadDdb(['--json', file, '--endpoint', stack.endpoints.dynamodb], { out: () => undefined, err: (l) => err.push(l), env: {} });
    expect({ code, err }).toStrictEqual({ code: 0, err: [] });
  }

  interface Invocation {
    readonly index: number;
    readonly received: unknown;
    readonly value: unknown;
    readonly at: number;
  }
  /** What process-item logged for each invocation ("Processing item", structured JSON), in log order. */
  const invocations = (stack: LocalStack): Invocation[] =>
    stack
      .lambdaLogs()
      .filter((l) => l.line.startsWith('{'))
      .map((l) => JSON.parse(l.line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'Processing item')
      .map((entry) => ({ index: entry.index as number, received: entry.received, value: entry.value, at: Date.parse(String(entry.timestamp)) }));

  /**
   * The invocations once `count` of them are logged: a worker's stdout reaches the runner a moment after the
   * invocation's result, so the last lines may still be on their way when `execute` resolves.
   */
  async function loggedInvocations(stack: LocalStack, count: number): Promise<Invocation[]> {
    const deadline = Date.now() + 3000;
    while (invocations(stack).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return invocations(stack);
  }

  /** The states entered outside the Map's iterations. */
  const entered = (history: Parameters<typeof statesEntered>[0]) => statesEntered(history, { topLevel: true });

  describe('the sample lists', () => {
    test('simplelist.json: each subject reaches the function as {"S": …}; the output is the plain list', async () => {
      const stack = await start(ONE_AT_A_TIME);
      await load(stack, SIMPLE);
      const result = await stack.execute({});
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: ['Computer Science', 'Economics', 'Mathematics'] });
      expect(entered(result.history)).toStrictEqual(['ReadDDBTable', 'CheckListLoaded', 'MapState']);
      expect((await loggedInvocations(stack, 3)).map(({ index, received, value }) => ({ index, received, value }))).toStrictEqual([
        { index: 0, received: { S: 'Computer Science' }, value: 'Computer Science' },
        { index: 1, received: { S: 'Economics' }, value: 'Economics' },
        { index: 2, received: { S: 'Mathematics' }, value: 'Mathematics' },
      ]);
    });

    test('listofdicts.json: each dict reaches the function as a DynamoDB {"M": …}; the output is plain objects', async () => {
      const stack = await start(THREE_AT_A_TIME);
      await load(stack, DICTS);
      const result = await stack.execute({});
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: JSON.parse(fs.readFileSync(DICTS, 'utf8')) });
      const byIndex = [...(await loggedInvocations(stack, 3))].sort((a, b) => a.index - b.index);
      expect(byIndex[0].received).toStrictEqual({ M: { topic: { S: 'cs' }, name: { S: 'Computer Science' } } });
      expect(byIndex.map((i) => i.value)).toStrictEqual(result.output);
    });
  });

  describe('maxConcurrency, with real 1 s waits', () => {
    test('1 (the default): one item at a time, invocations about one wait apart', async () => {
      const stack = await start(ONE_AT_A_TIME, { realWaits: true });
      await load(stack, SIMPLE);
      const result = await stack.execute({});
      expect(result.status).toBe('SUCCEEDED');
      expect(iterationOrder(result.history)).toStrictEqual(['started 0', 'succeeded 0', 'started 1', 'succeeded 1', 'started 2', 'succeeded 2']);
      const at = (await loggedInvocations(stack, 3)).map((i) => i.at);
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(900);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(900);
    });

    test('3: the three items run at once, invocations within one wait of each other', async () => {
      const stack = await start(THREE_AT_A_TIME, { realWaits: true });
      await load(stack, SIMPLE);
      const result = await stack.execute({});
      expect(result.status).toBe('SUCCEEDED');
      expect(iterationOrder(result.history).slice(0, 3)).toStrictEqual(['started 0', 'started 1', 'started 2']);
      const at = (await loggedInvocations(stack, 3)).map((i) => i.at);
      expect(Math.max(...at) - Math.min(...at)).toBeLessThan(700);
      expect(result.stopDate.getTime() - result.startDate.getTime()).toBeLessThan(2500);
    });
  });

  test('the README experiment: a wait longer than the timeout (25/20) fails with States.Timeout at once, on the virtual clock', async () => {
    const stack = await start({ waitDurationSeconds: 25, timeoutDurationSeconds: 20 });
    await load(stack, SIMPLE);
    const started = Date.now();
    const result = await stack.execute({});
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(invocations(stack)).toStrictEqual([]);
    expect(Date.now() - started).toBeLessThan(3000); // milliseconds of wall time (a loaded machine gets some slack)
    const seconds = (result.stopDate.getTime() - result.startDate.getTime()) / 1000; // the execution's clock
    expect(seconds).toBeGreaterThanOrEqual(20);
    expect(seconds).toBeLessThan(25);
  });

  describe('a list that is not loaded fails with ListNotLoaded, which says how to load it', () => {
    test('no list item in the table', async () => {
      const stack = await start(ONE_AT_A_TIME);
      const result = await stack.execute({});
      expect(result).toMatchObject({ status: 'FAILED', error: 'ListNotLoaded', cause: expect.stringContaining('npm run load-ddb -- --json utils/simplelist.json') });
      expect(result.cause).toContain(`Table ${TABLE} has no item with mapstatelist = "mapitems"`);
      expect(entered(result.history)).toStrictEqual(['ReadDDBTable', 'CheckListLoaded', 'ListNotLoaded']);
    });

    test('an item whose values is not a list', async () => {
      const stack = await start(ONE_AT_A_TIME);
      await stack.seedTable(TABLE, [{ mapstatelist: { S: 'mapitems' }, values: { S: 'Computer Science' } }]);
      expect(await stack.execute({})).toMatchObject({ status: 'FAILED', error: 'ListNotLoaded' });
    });
  });

  test('a list of 1,000 items: every item processed once, the output in list order', async () => {
    // No wait per item: an inline Map runs at most 40 iterations at once (Developer Guide, "Map state in Inline mode"),
    // so with the default 2 s wait 1,000 items take 50 s on the execution's clock and pass the 20 s TimeoutSeconds
    // (States.Timeout, as on AWS; the virtual clock counts the waits it skips).
    const stack = await start({ maxConcurrency: 0, waitDurationSeconds: 0 });
    const items = Array.from({ length: 1000 }, (_, i) => ({ topic: `t${i}`, name: `Subject ${i}` }));
    const file = path.join(tmp, 'thousand.json');
    fs.writeFileSync(file, JSON.stringify(items));
    await load(stack, file);
    const result = await stack.execute({});
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toStrictEqual(items);
    const seen = (await loggedInvocations(stack, 1000)).map((i) => i.index);
    expect(new Set(seen).size).toBe(1000);
    expect(seen).toHaveLength(1000);
  });

  // Developer Guide, "Using Map state in Distributed mode", "ItemReader (Map)" and "ResultWriter (Map)": the list is
  // an S3 object, each item runs as a child execution, and with a ResultWriter the state's result names the Map Run and
  // the manifest; the results are files in the bucket (manifest.json, SUCCEEDED_0.json).
  test('distributed mode: the list object on the local S3, one child execution per item, results written to the bucket', async () => {
    const stepfunc = { mode: 'DISTRIBUTED', waitDurationSeconds: 0 };
    const stack = await start(stepfunc);
    const [bucket] = stack.model.buckets;
    const said: string[] = [];
    // `npm run local -- parallel-map --load` in DISTRIBUTED mode: the list object goes to the local S3 bucket.
    await loadListInto(stack, SIMPLE, (line) => said.push(line), configIn(language, { stepfunc }));
    expect(said.join('\n')).toContain(`s3://${bucket.name}/mapitems.json`);
    const result = await stack.execute({});
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    expect(output.MapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:[^/]+\/[^:]+:[0-9a-f-]{36}$/);
    expect(output.ResultWriterDetails.Bucket).toBe(bucket.name);
    expect(historyTypes(result.history)).toEqual(expect.arrayContaining(['MapRunStarted', 'MapRunSucceeded']));
    const objects = (await stack.snapshot()).buckets[bucket.name];
    const manifest = JSON.parse(objects[output.ResultWriterDetails.Key]) as { ResultFiles: { SUCCEEDED: { Key: string }[] } };
    const succeeded = manifest.ResultFiles.SUCCEEDED.flatMap((f) => JSON.parse(objects[f.Key]) as { Status: string; Output: string }[]);
    expect(succeeded.map((r) => r.Status)).toStrictEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(succeeded.map((r) => JSON.parse(r.Output)).sort()).toStrictEqual(['Computer Science', 'Economics', 'Mathematics']);
  });
});
