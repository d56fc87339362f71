/**
 * The public API (local/engine/index.ts): StateMachine, runExecution, the outcome (API Reference, "DescribeExecution"),
 * and the named errors for definitions the engine refuses (ASL specification, "Structure of a State Machine",
 * "Transitions"; Developer Guide, "State machine structure").
 */
import { InvalidStateMachineDefinition, StateMachine, installDefaultLanguages } from '../../../../local/engine';
import { jsonataLanguage } from '../../../../local/engine/jsonata';
import { jsonPath } from '../../../../local/engine/jsonpath';
import { machine, run, single } from '../support/engine';

describe('StateMachine and runExecution', () => {
  test('a definition as JSON text', async () => {
    const outcome = await machine(JSON.stringify(single({ Type: 'Pass', Result: 1 }))).run();
    expect(outcome.output).toBe(1);
  });

  test('the outcome has DescribeExecution\'s fields', async () => {
    const outcome = await run(single({ Type: 'Pass' }), { name: 'my-run', input: { a: 1 }, stateMachineName: 'Flow' });
    expect(outcome).toMatchObject({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Flow:my-run',
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Flow',
      name: 'my-run',
      status: 'SUCCEEDED',
      input: { a: 1 },
      output: { a: 1 },
    });
    expect(outcome.startDate).toBeInstanceOf(Date);
    expect(outcome.stopDate.getTime()).toBeGreaterThanOrEqual(outcome.startDate.getTime());
    expect(outcome).not.toHaveProperty('error');
  });

  test('the input defaults to {}', async () => {
    expect((await run(single({ Type: 'Pass' }))).output).toEqual({});
  });

  test('the input is copied: later changes to the caller\'s object do not leak in', async () => {
    const input = { a: 1 };
    const execution = machine(single({ Type: 'Wait', Seconds: 1 })).start({ input });
    input.a = 2;
    expect((await execution.done).output).toEqual({ a: 1 });
  });

  test('start() returns a handle; done never rejects', async () => {
    const execution = machine(single({ Type: 'Pass', InputPath: '$.nope' })).start({ name: 'h' });
    expect(execution.name).toBe('h');
    await expect(execution.done).resolves.toMatchObject({ status: 'FAILED' });
  });

  test('an invalid execution name is refused (InvalidName)', () => {
    expect(() => machine(single({ Type: 'Pass' })).start({ name: 'has space' })).toThrow(expect.objectContaining({ name: 'InvalidName' }));
  });

  test('an input over 262,144 bytes is refused (InvalidExecutionInput; Developer Guide, "Step Functions service quotas")', () => {
    expect(() => machine(single({ Type: 'Pass' })).start({ input: 'x'.repeat(262_144) })).toThrow(expect.objectContaining({ name: 'InvalidExecutionInput' }));
  });

  test('stop() after the end changes nothing', async () => {
    const execution = machine(single({ Type: 'Pass' })).start();
    const outcome = await execution.done;
    execution.stop('Late');
    expect(outcome.status).toBe('SUCCEEDED');
  });

  test('installDefaultLanguages makes languages the default', async () => {
    const calls: string[] = [];
    installDefaultLanguages({ jsonPath: { ...jsonPath, renderTemplate: (t, s) => (calls.push('render'), jsonPath.renderTemplate(t, s)) }, jsonata: jsonataLanguage });
    try {
      const outcome = await new StateMachine(single({ Type: 'Pass', Parameters: { a: 1 } })).run();
      expect(outcome.output).toEqual({ a: 1 });
      expect(calls).toEqual(['render']);
    } finally {
      installDefaultLanguages();
    }
  });

  test('executions of one machine are independent', async () => {
    const m = machine(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.n %}' }));
    const [a, b] = await Promise.all([m.run({ input: { n: 1 } }), m.run({ input: { n: 2 } })]);
    expect([a.output, b.output]).toEqual([1, 2]);
  });
});

describe('refused definitions: InvalidStateMachineDefinition naming the state', () => {
  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['no StartAt state', { StartAt: 'X', States: { A: { Type: 'Pass', End: true } } }, /StartAt "X"/],
    ['empty States', { StartAt: 'A', States: {} }, /States must be/],
    ['unknown Type', { StartAt: 'A', States: { A: { Type: 'Loop', End: true } } }, /State 'A': has Type "Loop"/],
    ['Next to nowhere', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Z' } } }, /State 'A': Next "Z" names no state/],
    ['neither Next nor End', { StartAt: 'A', States: { A: { Type: 'Pass' } } }, /State 'A': needs Next \(the name of a state\) or "End": true/],
    ['both Next and End', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A', End: true } } }, /both Next and End/],
    ['Task without Resource', { StartAt: 'A', States: { A: { Type: 'Task', End: true } } }, /needs a Resource/],
    ['Choice without Choices', { StartAt: 'A', States: { A: { Type: 'Choice' } } }, /needs Choices/],
    ['Choice Default to nowhere', { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$', IsNull: true, Next: 'A' }], Default: 'Z' } } }, /Default "Z"/],
    ['Wait with two forms', { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } } }, /exactly one of/],
    ['Fail with Error and ErrorPath', { StartAt: 'A', States: { A: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } } }, /both Error and ErrorPath/],
    ['Parallel without Branches', { StartAt: 'A', States: { A: { Type: 'Parallel', End: true } } }, /needs Branches/],
    ['Map without ItemProcessor', { StartAt: 'A', States: { A: { Type: 'Map', End: true } } }, /needs an ItemProcessor/],
    ['a bad state inside a branch', { StartAt: 'A', States: { A: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Nope', End: true } } }], End: true } } }, /State 'B'/],
    ['States.ALL not alone', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', Retry: [{ ErrorEquals: ['States.ALL', 'X'] }], End: true } } }, /States.ALL must appear alone/],
    ['States.ALL not in the last retrier', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }], End: true } } }, /must be the last of Retry/],
    ['empty ErrorEquals', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', Catch: [{ ErrorEquals: [], Next: 'A' }], End: true } } }, /ErrorEquals must be a non-empty array/],
    ['bad QueryLanguage', { QueryLanguage: 'XPath', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, /QueryLanguage must be/],
    ['a JSONPath state in a JSONata machine', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }, /JSONata state machine cannot hold JSONPath states/],
    ['Parameters in a JSONata state', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Parameters: {}, End: true } } }, /the field 'Parameters' is not supported in a JSONata state/],
    ['OutputPath in a JSONata state', { StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', OutputPath: '$', End: true } } }, /'OutputPath'/],
    ['Output in a JSONPath state', { StartAt: 'A', States: { A: { Type: 'Pass', Output: {}, End: true } } }, /the field 'Output' is not supported in a JSONPath state/],
    ['Arguments in a JSONPath state', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', Arguments: {}, End: true } } }, /'Arguments'/],
    ['ResultPath in a JSONata catcher', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', Catch: [{ ErrorEquals: ['X'], ResultPath: '$.e', Next: 'A' }], End: true } } }, /'ResultPath'/],
    ['TimeoutSeconds not a positive integer', { TimeoutSeconds: 0, StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, /TimeoutSeconds must be a positive integer/],
  ])('%s', (_name, definition, message) => {
    let thrown: unknown;
    try {
      machine(definition);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidStateMachineDefinition);
    expect((thrown as Error).name).toBe('InvalidStateMachineDefinition');
    expect((thrown as Error).message).toMatch(message);
  });
});
