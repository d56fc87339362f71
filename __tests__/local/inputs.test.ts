/**
 * Execution inputs that are not objects, on a hand-made stack. StartExecution takes any JSON text as input, and
 * a catcher's `"ResultPath": "$"` (the error output replaces the input) works whatever the input is.
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
 */
import { startLocalStack, type LocalStack } from '../../local';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

const FAIL = `exports.handler = async () => { const e = new Error('refused'); e.name = 'Refused'; throw e; };`;

let dir: string;
let stack: LocalStack;

beforeAll(async () => {
  dir = writeFixtureStack({
    functions: [{ name: 'refuse', code: FAIL }],
    stateMachines: {
      echo: singleState({ Type: 'Pass' }),
      role: singleState({ Type: 'Pass', Parameters: { 'role.$': '$$.Execution.RoleArn' } }),
      caught: {
        StartAt: 'Refuse',
        States: {
          Refuse: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: '${aws_lambda_function.refuse.arn}', 'Payload.$': '$$.Execution.Input' },
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
    },
  });
  stack = await startLocalStack(dir);
});

afterAll(async () => {
  await stack?.close();
  removeFixture(dir);
});

test('null is an input like any other (only a missing input means {})', async () => {
  expect(await stack.execute(null, { stateMachine: 'echo' })).toMatchObject({ status: 'SUCCEEDED', input: null, output: null });
  expect(await stack.execute(undefined, { stateMachine: 'echo' })).toMatchObject({ status: 'SUCCEEDED', input: {}, output: {} });
});

test.each([
  ['an array', [1, 2]],
  ['a string', 'x'],
  ['a number', 7],
  ['null', null],
  ['an object', { a: 1 }],
])('a catcher with ResultPath "$" replaces %s with the error output', async (_what, input) => {
  const result = await stack.execute(input, { stateMachine: 'caught' });
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'Refused', Cause: expect.stringContaining('"errorMessage":"refused"') } });
});

// Context object: `$$.Execution.RoleArn` is the role the state machine runs as, the synthesized `role_arn`.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
test('$$.Execution.RoleArn is the execution role of the synthesized state machine', async () => {
  expect(await stack.execute({}, { stateMachine: 'role' })).toMatchObject({ status: 'SUCCEEDED', output: { role: 'arn:aws:iam::000000000000:role/fixture-role' } });
});
