/**
 * task-status has two ways in: the starter function (`npm run local -- task-status`, `aws lambda invoke`) and
 * StartExecution itself (`--direct`). Both must apply one rule to taskId and timestamp, so an input gets the same
 * verdict either way, and nothing is written for a refused one.
 */
import { startLocalStack, type LocalStack } from '../../../local';
import { MAX_TASK_ID_LENGTH, MAX_TIMESTAMP } from '../../../contracts/task-input';
import { runLocalJson } from '../../support/local-cli';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../../support/languages';

describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  const { outdir, env } = synthIn(language);
  const FUNCTION = 'task-status-start-task';
  const TABLE = 'Tasks';
  const NOW = 1712570158;

  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack(stackDirIn(language, 'task-status'));
  });
  afterAll(() => stack?.close());

  type Verdict = 'accepted' | 'refused';
  const ROWS: [string, Record<string, unknown>, Verdict][] = [
    ['a plain task', { taskId: 'Breakfast', timestamp: NOW }, 'accepted'],
    ['every allowed character', { taskId: 'Az09_-', timestamp: NOW }, 'accepted'],
    [`a ${MAX_TASK_ID_LENGTH}-character id`, { taskId: 'x'.repeat(MAX_TASK_ID_LENGTH), timestamp: NOW }, 'accepted'],
    [`a ${MAX_TASK_ID_LENGTH + 1}-character id`, { taskId: 'x'.repeat(MAX_TASK_ID_LENGTH + 1), timestamp: NOW }, 'refused'],
    ['an empty id', { taskId: '', timestamp: NOW }, 'refused'],
    ['an id with a space', { taskId: 'Second breakfast', timestamp: NOW }, 'refused'],
    ['an id with a non-ASCII letter', { taskId: 'café', timestamp: NOW }, 'refused'],
    ['an id with an emoji', { taskId: 'tea😀', timestamp: NOW }, 'refused'],
    ['an id with a dot', { taskId: 'a.b', timestamp: NOW }, 'refused'],
    ['a numeric id', { taskId: 42, timestamp: NOW }, 'refused'],
    ['no id', { timestamp: NOW }, 'refused'],
    ['timestamp 0', { taskId: 'Epoch', timestamp: 0 }, 'accepted'],
    ['the largest timestamp (10 digits)', { taskId: 'Late', timestamp: MAX_TIMESTAMP }, 'accepted'],
    ['a fractional timestamp', { taskId: 'Breakfast', timestamp: NOW + 0.5 }, 'refused'],
    ['a negative timestamp', { taskId: 'Breakfast', timestamp: -1 }, 'refused'],
    ['an 11-digit timestamp', { taskId: 'Breakfast', timestamp: MAX_TIMESTAMP + 1 }, 'refused'],
    ['a huge timestamp', { taskId: 'Breakfast', timestamp: 1e300 }, 'refused'],
    ['a timestamp in a string', { taskId: 'Breakfast', timestamp: String(NOW) }, 'refused'],
    ['a boolean timestamp', { taskId: 'Breakfast', timestamp: true }, 'refused'],
    ['a null timestamp', { taskId: 'Breakfast', timestamp: null }, 'refused'],
  ];

  const tasks = async () => ((await stack.snapshot()).tables[TABLE] ?? []) as { taskId: string; timestamp: number }[];

  /** The starter's verdict: it starts an execution (which then succeeds) or refuses with a ValidationError. */
  async function throughStarter(input: Record<string, unknown>): Promise<Verdict> {
    const invoked = await stack.invoke(FUNCTION, input);
    expect(await stack.waitForExecutions()).toBe(true);
    if (invoked.functionError) {
      expect(invoked.functionError.errorType).toBe('ValidationError');
      return 'refused';
    }
    const started = stack.executions().find((e) => e.executionArn === (invoked.payload as { executionArn: string }).executionArn);
    expect(started?.status).toBe('SUCCEEDED');
    return 'accepted';
  }

  /** The state machine's verdict when started directly: it records the task, or fails InvalidInput. */
  async function direct(input: Record<string, unknown>): Promise<Verdict> {
    const result = await stack.execute(input);
    if (result.status === 'SUCCEEDED') return 'accepted';
    expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput' });
    return 'refused';
  }

  test.each(ROWS)('%s: the same verdict through the starter and directly', async (_what, input, verdict) => {
    const before = await tasks();
    expect(await throughStarter(input)).toBe(verdict);
    expect(await direct(input)).toBe(verdict);
    const written = (await tasks()).length - before.length;
    // An accepted input is recorded (once: both runs write the same key, taskId and timestamp); a refused one never.
    expect(written).toBe(verdict === 'accepted' && !before.some((t) => t.taskId === input.taskId && t.timestamp === input.timestamp) ? 1 : 0);
  });

  test('the starter sets the timestamp when the event has none (the original behaviour)', async () => {
    const invoked = await stack.invoke(FUNCTION, { taskId: 'Now' });
    expect(invoked.functionError).toBeUndefined();
    const { timestamp } = invoked.payload as { timestamp: number };
    expect(Number.isInteger(timestamp) && Math.abs(timestamp - Date.now() / 1000) < 60).toBe(true);
  });

  test('npm run local -- task-status --direct refuses a fractional timestamp and an id with a space, and writes nothing', async () => {
    const runs = await Promise.all(
      [{ taskId: 'Breakfast', timestamp: NOW + 0.5 }, { taskId: 'Second breakfast', timestamp: NOW }].map((input) =>
        runLocalJson(['task-status', '--direct', '--out', outdir, '--input', JSON.stringify(input)], env),
      ),
    );
    for (const { code, report } of runs) {
      expect(code).toBe(1);
      expect(report).toMatchObject({ status: 'FAILED', error: 'InvalidInput', tables: { [TABLE]: [] } });
    }
    expect(runs[0].report.cause).toMatch(/timestamp: must be whole seconds/);
    expect(runs[1].report.cause).toMatch(/taskId: may only contain/);
  });
});
