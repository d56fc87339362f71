import { DescribeExecutionCommand, GetExecutionHistoryCommand, RedriveExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadStackModel, startLocalStack, type ExecutionRecord } from '../../../local';
import { fingerprintOf } from '../../../local/execution-durability';
import { ExecutionJournal } from '../../../local/execution-journal';
import type { HistoryEvent } from '../../../local/engine';
import { removeFixture, writeFixtureStack } from '../../support/local';

// A restart on a data folder whose journal holds executions that were running when their process was killed: each
// continues from its last completed state, or (its definition changed) is FAILED with Local.ProcessEnded and can
// be redriven. Their journaled histories answer GetExecutionHistory.

const ECHO = `exports.handler = async (event) => ({ ...event, seen: (event.seen ?? 0) + 1 });`;
const FUNCTION = '${aws_lambda_function.echo.arn}';
const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:steps';
const EXECUTIONS = 'arn:aws:states:us-east-1:000000000000:execution:steps';
const invoke = (next: object) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FUNCTION, 'Payload.$': '$' }, OutputPath: '$.Payload', ...next });
const DEFINITION = { StartAt: 'Reserve', States: { Reserve: invoke({ Next: 'Charge' }), Charge: invoke({ End: true }) } };

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = writeFixtureStack({ functions: [{ name: 'echo', code: ECHO }], stateMachines: { steps: DEFINITION } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
});
afterAll(() => {
  removeFixture(dir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The history of one whole execution, cut after the Task `Charge` was scheduled: a process killed mid-call. */
async function killedMidCharge(): Promise<HistoryEvent[]> {
  const scratch = await startLocalStack(dir);
  try {
    const { history } = await scratch.execute({ n: 1 }, { name: 'scratch' });
    const cut = history.findIndex((e) => e.type === 'TaskScheduled' && (e.taskScheduledEventDetails as { parameters: string }).parameters.includes('"seen":1'));
    expect(cut).toBeGreaterThan(0);
    return history.slice(0, cut + 1) as HistoryEvent[];
  } finally {
    await scratch.close();
  }
}

test('a killed process\'s executions: one continues from Charge (Reserve is not run again), one whose definition changed is FAILED and redrivable', async () => {
  // GIVEN a journal as a killed process leaves it: two executions started, neither ended
  const history = await killedMidCharge();
  const model = loadStackModel(dir).stateMachines[0]!.definition;
  const journal = ExecutionJournal.create(path.join(dataDir, 'executions', 'journal.jsonl'), () => undefined);
  const base = { stateMachineArn: ARN, input: '{"n":1}', startDate: new Date() };
  await journal.started({ ...base, executionArn: `${EXECUTIONS}:resumed`, name: 'resumed', fingerprint: fingerprintOf(model) }, history).durable;
  await journal.started({ ...base, executionArn: `${EXECUTIONS}:changed`, name: 'changed', fingerprint: '0'.repeat(64) }, history).durable;
  await journal.close();

  // WHEN the stack starts again on the folder
  const lines: string[] = [];
  const stack = await startLocalStack(dir, { dataDir, onRecovery: (l) => lines.push(l) });
  const sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    expect(await stack.waitForExecutions(20_000)).toBe(true);
    const byName = (name: string) => stack.executions().find((e) => e.name === name) as ExecutionRecord;

    // THEN it said what it did
    expect(lines).toStrictEqual([
      `Recovered ${EXECUTIONS}:resumed: continues from its state Charge (event ${history.length}).`,
      `Recovered ${EXECUTIONS}:changed: FAILED (Local.ProcessEnded): the definition of steps changed since it started, so its history cannot be continued on it.`,
      'Recovered 2 execution(s) left running by the earlier process: 1 continue, 1 FAILED and redrivable.',
    ]);
    // the first continued: Charge ran (again), Reserve did not; its history goes on from the journaled events
    expect(byName('resumed').status).toBe('SUCCEEDED');
    expect(byName('resumed').result?.output).toStrictEqual({ n: 1, seen: 2 });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: `${EXECUTIONS}:resumed`, maxResults: 1000 }));
    expect(events!.slice(0, history.length).map((e) => [Number(e.id), e.type])).toStrictEqual(history.map((e) => [e.id, e.type]));
    expect(events!.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toStrictEqual(['Reserve', 'Charge', 'Charge']);
    expect(events!.at(-1)!.type).toBe('ExecutionSucceeded');
    expect(events!.some((e) => e.type === 'ExecutionRedriven')).toBe(false);

    // the second is FAILED with a named error and a cause that says what to do, and redrivable
    const failed = await sfn.send(new DescribeExecutionCommand({ executionArn: `${EXECUTIONS}:changed` }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Local.ProcessEnded', redriveStatus: 'REDRIVABLE' });
    expect(failed.cause).toMatch(/^The local runner ended while this execution ran, and the definition of steps changed .* Redrive it \(RedriveExecution\)/);
    await sfn.send(new RedriveExecutionCommand({ executionArn: `${EXECUTIONS}:changed` }));
    expect(await stack.waitForExecutions(20_000)).toBe(true);
    expect(byName('changed')).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
  } finally {
    sfn.destroy();
    await stack.close();
  }

  // AND a clean restart after that recovers nothing and knows both executions ended
  const again: string[] = [];
  const third = await startLocalStack(dir, { dataDir, onRecovery: (l) => again.push(l) });
  try {
    expect(again).toStrictEqual([]);
    expect(third.executions().map((e) => [e.name, e.status]).sort()).toStrictEqual([['changed', 'SUCCEEDED'], ['resumed', 'SUCCEEDED']]);
  } finally {
    await third.close();
  }
});
