/**
 * The context object (Developer Guide, "Accessing execution data from the Context object in Step Functions"):
 * `$$` in JSONPath, `$states.context` in JSONata.
 */
import { run, single } from '../support/engine';

const NOW = new Date('2024-06-01T08:30:00.123Z');
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('$$ in JSONPath', () => {
  test('Execution: Id, Input, Name, RoleArn, StartTime, RedriveCount', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'e.$': '$$.Execution' } }), {
      name: 'exec-1',
      input: { a: 1 },
      startTime: NOW,
      redriveCount: 2,
      roleArn: 'arn:aws:iam::123456789012:role/real-role',
    });
    expect((outcome.output as { e: unknown }).e).toEqual({
      Id: 'arn:aws:states:us-east-1:123456789012:execution:StateMachine:exec-1',
      Input: { a: 1 },
      Name: 'exec-1',
      RoleArn: 'arn:aws:iam::123456789012:role/real-role',
      StartTime: '2024-06-01T08:30:00.123Z',
      RedriveCount: 2,
    });
  });

  test('StateMachine: Id and Name', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'm.$': '$$.StateMachine' } }), { name: 'x', arn: 'arn:aws:states:eu-central-1:111122223333:stateMachine:Orders' });
    expect((outcome.output as { m: unknown }).m).toEqual({ Id: 'arn:aws:states:eu-central-1:111122223333:stateMachine:Orders', Name: 'Orders' });
  });

  test('State in a Pass: Name and EnteredTime (after a Wait), no RetryCount (recorded AWS execution)', async () => {
    const definition = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 90, Next: 'Here' }, Here: { Type: 'Pass', Parameters: { 's.$': '$$.State' }, End: true } },
    };
    const outcome = await run(definition, { startTime: NOW });
    const state = (outcome.output as { s: { EnteredTime: string } }).s;
    expect(state).toEqual({ Name: 'Here', EnteredTime: expect.stringMatching(ISO_MS) });
    expect(Object.keys(state)).toEqual(['Name', 'EnteredTime']);
    expect(Math.round((Date.parse(state.EnteredTime) - NOW.getTime()) / 1000)).toBe(90);
  });

  test('StartTime stays the execution start in later states', async () => {
    const definition = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 30, Next: 'P' }, P: { Type: 'Pass', Parameters: { 't.$': '$$.Execution.StartTime' }, End: true } },
    };
    expect((await run(definition, { startTime: NOW })).output).toEqual({ t: '2024-06-01T08:30:00.123Z' });
  });

  test('Execution.Input is the execution input, not the state input', async () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'changed', Next: 'B' }, B: { Type: 'Pass', Parameters: { 'i.$': '$$.Execution.Input' }, End: true } } };
    expect((await run(definition, { input: { orig: true } })).output).toEqual({ i: { orig: true } });
  });

  test('RoleArn defaults to a role of the machine account', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'r.$': '$$.Execution.RoleArn' } }), { name: 'n' });
    expect(outcome.output).toEqual({ r: 'arn:aws:iam::123456789012:role/StateMachine-role' });
  });

  test('RedriveCount defaults to 0', async () => {
    expect((await run(single({ Type: 'Pass', Parameters: { 'r.$': '$$.Execution.RedriveCount' } }))).output).toEqual({ r: 0 });
  });

  test('the execution name defaults to a UUID', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'n.$': '$$.Execution.Name' } }));
    expect((outcome.output as { n: string }).n).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('members in recorded order: Execution, StateMachine, State; no Task member outside a callback Task, no Map member outside ItemSelector', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'c.$': '$$' } }));
    const context = (outcome.output as { c: Record<string, object> }).c;
    expect(Object.keys(context)).toEqual(['Execution', 'StateMachine', 'State']);
    expect(Object.keys(context.Execution)).toEqual(['Id', 'Input', 'StartTime', 'Name', 'RoleArn', 'RedriveCount']);
  });

  test('a Task\'s State has RetryCount', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 's.$': '$$.State' } }), { taskHandlers: { S: async (r) => r.input } });
    expect(Object.keys((outcome.output as { s: object }).s)).toEqual(['Name', 'EnteredTime', 'RetryCount']);
  });

  test('an EXPRESS execution has an express ARN', async () => {
    const outcome = await run(single({ Type: 'Pass' }), { type: 'EXPRESS', name: 'e1' });
    expect(outcome.executionArn).toBe('arn:aws:states:us-east-1:123456789012:express:StateMachine:e1');
  });
});

describe('$states.context in JSONata', () => {
  test('the same object as $$', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { name: '{% $states.context.State.Name %}', exec: '{% $states.context.Execution.Name %}' } }), { name: 'e2' });
    expect(outcome.output).toEqual({ name: 'S', exec: 'e2' });
  });

  test('$states.input is the raw state input', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}' }), { input: [1, 2] });
    expect(outcome.output).toEqual([1, 2]);
  });
});
