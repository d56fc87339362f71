import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../local';
import { redriveStatusOf } from '../../local/redrive-rules';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// DescribeExecution's answer beyond the execution's own fields, as the API Reference gives it
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html): inputDetails and
// outputDetails, and the redrive fields of a Standard execution (redriveCount, redriveStatus, redriveStatusReason).

const ACCOUNT_REGION = 'arn:aws:states:us-east-1:000000000000';
const RECEIVE = `exports.handler = async () => 'received';`;

let dir: string;
let stack: LocalStack;
let sfn: SFNClient;

beforeAll(async () => {
  dir = writeFixtureStack({
    functions: [{ name: 'receive', code: RECEIVE }],
    stateMachines: {
      ok: singleState({ Type: 'Pass', Parameters: { 'echo.$': '$' } }),
      broke: { StartAt: 'Break', States: { Break: { Type: 'Fail', Error: 'Broke', Cause: 'on purpose' } } },
      held: singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${aws_lambda_function.receive.arn}', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSeconds: 600,
      }),
      express: singleState({ Type: 'Pass' }),
    },
  });
  const file = path.join(dir, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  tf.resource.aws_sfn_state_machine.express.type = 'EXPRESS';
  fs.writeFileSync(file, JSON.stringify(tf));
  stack = await startLocalStack(dir);
  sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
});

afterAll(async () => {
  sfn?.destroy();
  await stack?.close();
  removeFixture(dir);
});

async function started(machine: string, input = '{"n": 1}'): Promise<string> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${ACCOUNT_REGION}:stateMachine:${machine}`, input }));
  return executionArn!;
}

async function described(executionArn: string, until: (status: string) => boolean = (s) => s !== 'RUNNING'): Promise<Omit<DescribeExecutionCommandOutput, '$metadata'>> {
  for (let i = 0; i < 200; i++) {
    const { $metadata: _, ...answer } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (until(answer.status!)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${executionArn} never reached the awaited status`);
}

describe('DescribeExecution (API_DescribeExecution)', () => {
  test('a SUCCEEDED Standard execution: input and output included, not redrivable because it succeeded', async () => {
    // WHEN
    const answer = await described(await started('ok'));
    // THEN
    expect(answer).toStrictEqual({
      executionArn: expect.stringMatching(/:execution:ok:/),
      stateMachineArn: `${ACCOUNT_REGION}:stateMachine:ok`,
      name: expect.any(String),
      status: 'SUCCEEDED',
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      input: '{"n": 1}',
      inputDetails: { included: true },
      output: '{"echo":{"n":1}}',
      outputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
  });

  test('a FAILED Standard execution is REDRIVABLE, without a reason and without output details', async () => {
    // WHEN
    const answer = await described(await started('broke'));
    // THEN
    expect(answer).toMatchObject({ status: 'FAILED', error: 'Broke', cause: 'on purpose', redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    expect(answer).not.toHaveProperty('redriveStatusReason');
    expect(answer).not.toHaveProperty('outputDetails');
    expect(answer.inputDetails).toStrictEqual({ included: true });
  });

  test('a RUNNING execution is NOT_REDRIVABLE because it runs; once stopped (ABORTED) it is REDRIVABLE', async () => {
    // GIVEN
    const executionArn = await started('held');
    // WHEN
    const running = await described(executionArn, (s) => s === 'RUNNING');
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const aborted = await described(executionArn);
    // THEN
    expect(running).toMatchObject({ redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven' });
    expect(running).not.toHaveProperty('stopDate');
    expect(aborted).toMatchObject({ status: 'ABORTED', redriveStatus: 'REDRIVABLE' });
  });

  test('an Express execution has no redrive fields (Express workflows are redriven only within a Map Run)', async () => {
    // WHEN
    const answer = await described(await started('express'));
    // THEN
    expect(answer.status).toBe('SUCCEEDED');
    expect(Object.keys(answer).filter((key) => key.startsWith('redrive'))).toStrictEqual([]);
  });
});

describe('redriveStatusOf', () => {
  const startDate = new Date('2026-01-01T00:00:00Z');
  const stopDate = new Date('2026-01-01T00:00:01Z');
  const day = 24 * 60 * 60 * 1000;

  test.each(['FAILED', 'TIMED_OUT', 'ABORTED'] as const)('%s is REDRIVABLE for 14 days after it stopped, then NOT_REDRIVABLE', (status) => {
    const facts = { type: 'STANDARD' as const, status, startDate, stopDate, historyLength: 10 };
    expect(redriveStatusOf(facts, stopDate.getTime() + 14 * day)).toStrictEqual({ redriveStatus: 'REDRIVABLE' });
    expect(redriveStatusOf(facts, stopDate.getTime() + 14 * day + 1)).toStrictEqual({
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution redrivable period exceeded',
    });
  });
});
