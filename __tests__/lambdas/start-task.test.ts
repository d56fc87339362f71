/** The start-task function: event validation, execution naming, and the StartExecution call (no network but 127.0.0.1). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ValidationError } from '../../lambdas/shared/errors';
import { startTask, type StartTaskDeps } from '../../lambdas/start-task/start-task';
import { MAX_EXECUTION_NAME_LENGTH } from '../../contracts/execution-names';
import { MAX_TASK_ID_LENGTH, SUFFIX_LENGTH } from '../../contracts/task-input';
import { executionName, randomSuffix, unixSeconds } from '../../lambdas/start-task/task-execution';
import { lambdaContext } from '../support/lambda-context';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:task-status';
const NOW = new Date('2024-04-08T09:55:58.123Z');
const NOW_SECONDS = 1712570158;

/** A fake Step Functions client that records every command and answers like StartExecution. */
function fakeSfn() {
  const commands: StartExecutionCommand[] = [];
  const sfn = {
    send: jest.fn(async (command: StartExecutionCommand) => {
      commands.push(command);
      return { executionArn: `arn:aws:states:us-east-1:123456789012:execution:task-status:${command.input.name}`, startDate: NOW };
    }),
  };
  return { sfn: sfn as unknown as StartTaskDeps['sfn'], commands };
}

describe('executionName', () => {
  test('is <taskId>-<unix seconds>-<suffix>', () => {
    expect(executionName({ taskId: 'Breakfast', timestamp: NOW_SECONDS }, 'a1b2c3d4')).toBe('Breakfast-1712570158-a1b2c3d4');
  });

  test('fits in 80 characters for the longest taskId allowed', () => {
    const name = executionName({ taskId: 'x'.repeat(MAX_TASK_ID_LENGTH), timestamp: NOW_SECONDS }, randomSuffix());
    expect(MAX_TASK_ID_LENGTH).toBe(60);
    expect(name).toHaveLength(MAX_EXECUTION_NAME_LENGTH);
  });

  test('refuses a name it cannot build validly', () => {
    expect(() => executionName({ taskId: 'x'.repeat(MAX_TASK_ID_LENGTH + 1), timestamp: NOW_SECONDS }, 'a1b2c3d4')).toThrow(
      /is not valid: it must be at most 80 characters/,
    );
    expect(() => executionName({ taskId: 'a b', timestamp: NOW_SECONDS }, 'a1b2c3d4')).toThrow(/Validate the event with startTaskEventSchema first/);
    expect(() => executionName({ taskId: 'a', timestamp: NOW_SECONDS }, 'A-B')).toThrow(/suffix 'A-B' must be lowercase letters and digits/);
  });

  test('randomSuffix gives 8 lowercase hex characters, different each time', () => {
    const suffixes = new Set(Array.from({ length: 1000 }, () => randomSuffix()));
    expect(suffixes.size).toBe(1000);
    for (const s of suffixes) expect(s).toMatch(new RegExp(`^[0-9a-f]{${SUFFIX_LENGTH}}$`));
  });

  test('unixSeconds drops the milliseconds, as the original does', () => {
    expect(unixSeconds(NOW)).toBe(NOW_SECONDS);
  });
});

describe('startTask', () => {
  test('starts one execution with {taskId, timestamp} and returns its ARN, name and the task key', async () => {
    // GIVEN a fake client, a fixed clock and suffix
    const { sfn, commands } = fakeSfn();
    // WHEN a task is started
    const result = await startTask({ sfn, stateMachineArn: STATE_MACHINE_ARN, now: () => NOW, suffix: () => 'a1b2c3d4' }, { taskId: 'Breakfast' });
    // THEN one StartExecution with the original's input, and the answer names it
    expect(commands.map((c) => c.input)).toStrictEqual([
      { stateMachineArn: STATE_MACHINE_ARN, name: 'Breakfast-1712570158-a1b2c3d4', input: '{"taskId":"Breakfast","timestamp":1712570158}' },
    ]);
    expect(result).toStrictEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:task-status:Breakfast-1712570158-a1b2c3d4',
      executionName: 'Breakfast-1712570158-a1b2c3d4',
      taskId: 'Breakfast',
      timestamp: NOW_SECONDS,
    });
  });

  test('two starts of the same task in the same second get two different execution names', async () => {
    // GIVEN the real random suffix and a clock stuck in one second
    const { sfn, commands } = fakeSfn();
    const deps = { sfn, stateMachineArn: STATE_MACHINE_ARN, now: () => NOW };
    // WHEN the same task is started twice
    const [a, b] = await Promise.all([startTask(deps, { taskId: 'Breakfast' }), startTask(deps, { taskId: 'Breakfast' })]);
    // THEN both executions start, under different names with the same timestamp
    expect(commands).toHaveLength(2);
    expect(a.executionName).not.toBe(b.executionName);
    expect(a.executionName).toMatch(/^Breakfast-1712570158-[0-9a-f]{8}$/);
    expect(b.executionName).toMatch(/^Breakfast-1712570158-[0-9a-f]{8}$/);
  });

  test('accepts the longest taskId and every allowed character; ignores other keys', async () => {
    const { sfn, commands } = fakeSfn();
    const deps = { sfn, stateMachineArn: STATE_MACHINE_ARN, now: () => NOW, suffix: () => '00000000' };
    await startTask(deps, { taskId: 'Az09_-'.padEnd(MAX_TASK_ID_LENGTH, 'z'), note: 'ignored' });
    expect(JSON.parse(String(commands[0].input.input))).toStrictEqual({ taskId: 'Az09_-'.padEnd(MAX_TASK_ID_LENGTH, 'z'), timestamp: NOW_SECONDS });
  });

  test('uses the timestamp of the event when it has one, by the same rule as the workflow', async () => {
    const { sfn, commands } = fakeSfn();
    const result = await startTask({ sfn, stateMachineArn: STATE_MACHINE_ARN, now: () => NOW, suffix: () => 'a1b2c3d4' }, { taskId: 'Breakfast', timestamp: 1700000000 });
    expect(JSON.parse(String(commands[0].input.input))).toStrictEqual({ taskId: 'Breakfast', timestamp: 1700000000 });
    expect(result.executionName).toBe('Breakfast-1700000000-a1b2c3d4');
  });

  test.each([
    ['a fractional timestamp', { taskId: 'Breakfast', timestamp: 1.5 }, /timestamp: must be whole seconds/],
    ['a negative timestamp', { taskId: 'Breakfast', timestamp: -1 }, /timestamp: must not be negative/],
    ['an 11-digit timestamp', { taskId: 'Breakfast', timestamp: 10_000_000_000 }, /timestamp: must be at most 9999999999/],
    ['a timestamp in a string', { taskId: 'Breakfast', timestamp: '1712570158' }, /timestamp: must be a number of unix seconds/],
    ['no taskId', {}, /Invalid start-task event: taskId: is required; send e\.g\. \{"taskId": "Breakfast"\}/],
    ['an empty taskId', { taskId: '' }, /taskId: must not be empty/],
    ['a number', { taskId: 42 }, /taskId: must be a string/],
    ['a 300-character taskId', { taskId: 'x'.repeat(300) }, /taskId: must be at most 60 characters, so that the execution name fits in 80/],
    ['characters execution names forbid', { taskId: 'a <b>{c} "d"' }, /taskId: may only contain the letters A-Z and a-z, the digits 0-9, "-" and "_"/],
    ['a non-ASCII letter', { taskId: 'café' }, /taskId: may only contain/],
    ['a null event', null, /\(event\): The event must be a JSON object/],
    ['a string event', 'Breakfast', /\(event\): The event must be a JSON object/],
  ])('rejects %s with a ValidationError and starts nothing', async (_what, event, message) => {
    // GIVEN a bad event WHEN started THEN a ValidationError says what is wrong, and no call is made
    const { sfn, commands } = fakeSfn();
    const started = startTask({ sfn, stateMachineArn: STATE_MACHINE_ARN }, event);
    await expect(started).rejects.toThrow(ValidationError);
    await expect(started).rejects.toThrow(message);
    expect(commands).toHaveLength(0);
  });

  test('a failed StartExecution reaches the caller unchanged', async () => {
    const error = Object.assign(new Error('State Machine Does Not Exist'), { name: 'StateMachineDoesNotExist' });
    const sfn = { send: jest.fn().mockRejectedValue(error) } as unknown as StartTaskDeps['sfn'];
    await expect(startTask({ sfn, stateMachineArn: STATE_MACHINE_ARN }, { taskId: 'Breakfast' })).rejects.toBe(error);
  });
});

describe('handler', () => {
  /** A local stand-in for the Step Functions API (JSON 1.0 protocol) that records each request. */
  let server: http.Server;
  const requests: { target: string; body: Record<string, unknown> }[] = [];
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        requests.push({ target: String(req.headers['x-amz-target']), body: parsed });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ executionArn: `arn:aws:states:us-east-1:123456789012:execution:task-status:${parsed.name}`, startDate: 1712570158.123 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      LOG_LEVEL: 'SILENT',
    });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
    jest.resetModules();
  });

  const loadHandler = () => import('../../lambdas/start-task/handler');

  test('starts the state machine named by STATE_MACHINE_ARN and answers with the execution', async () => {
    // GIVEN the stack's environment
    process.env.STATE_MACHINE_ARN = STATE_MACHINE_ARN;
    const { handler } = await loadHandler();
    // WHEN invoked with the example event
    const result = await handler({ taskId: 'Breakfast' }, lambdaContext('task-status-start-task'));
    // THEN one StartExecution went out, and the answer names the execution and the task key
    expect(requests).toHaveLength(1);
    expect(requests[0].target).toBe('AWSStepFunctions.StartExecution');
    expect(requests[0].body).toMatchObject({ stateMachineArn: STATE_MACHINE_ARN, name: result.executionName });
    expect(JSON.parse(String(requests[0].body.input))).toStrictEqual({ taskId: 'Breakfast', timestamp: result.timestamp });
    expect(result.executionArn).toBe(`arn:aws:states:us-east-1:123456789012:execution:task-status:${result.executionName}`);
    expect(result.executionName).toMatch(new RegExp(`^Breakfast-${result.timestamp}-[0-9a-f]{8}$`));
    expect(Math.abs(result.timestamp - Date.now() / 1000)).toBeLessThan(5);
  });

  test('rejects a bad event without calling Step Functions', async () => {
    process.env.STATE_MACHINE_ARN = STATE_MACHINE_ARN;
    const { handler } = await loadHandler();
    await expect(handler({ taskId: 'no spaces' }, lambdaContext('task-status-start-task'))).rejects.toThrow(/taskId: may only contain/);
    expect(requests).toHaveLength(0);
  });

  test('says what to do when STATE_MACHINE_ARN is missing', async () => {
    delete process.env.STATE_MACHINE_ARN;
    const { handler } = await loadHandler();
    await expect(handler({ taskId: 'Breakfast' }, lambdaContext('task-status-start-task'))).rejects.toThrow(/STATE_MACHINE_ARN is not set. Deploy the function with the task-status stack/);
    expect(requests).toHaveLength(0);
  });
});
