import { startLocalStack, type LocalStack } from '../../local';
import { LAMBDA_MAX_RESPONSE_BYTES } from '../../local/lambda-host';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// Lambda's quotas on the local host (Lambda Developer Guide, "Lambda quotas"): a function's reserved concurrency
// from the synthesized reserved_concurrent_executions (an invocation over it is throttled, TooManyRequestsException,
// Lambda.TooManyRequestsException in a workflow, which Retry rules retry) and the 6 MB synchronous response.

const SLOW = 'exports.handler = async (event) => { await new Promise((r) => setTimeout(r, 400)); return { done: event.n }; };';
const BIG = `exports.handler = async (event) => 'x'.repeat(event.bytes);`;
const invokeSlow = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.slow.arn}', Payload: { n: 1 } } };
const retryThrottle = [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }];

class Fixture {
  static dir: string;
  static stack: LocalStack;
}

beforeAll(async () => {
  Fixture.dir = writeFixtureStack({
    functions: [
      { name: 'slow', code: SLOW, reservedConcurrency: 1 },
      { name: 'big', code: BIG },
    ],
    stateMachines: {
      // Two branches call the same function at once: the second is throttled.
      'twice-no-retry': singleState({ Type: 'Parallel', Branches: [0, 1].map((i) => ({ StartAt: `Call${i}`, States: { [`Call${i}`]: { ...invokeSlow, End: true } } })) }),
      'twice-retried': singleState({ Type: 'Parallel', Branches: [0, 1].map((i) => ({ StartAt: `Call${i}`, States: { [`Call${i}`]: { ...invokeSlow, Retry: retryThrottle, End: true } } })) }),
      'big-answer': singleState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.big.arn}', Payload: { bytes: 7_000_000 } } }),
    },
  });
  // Real waits: on the virtual clock a retry interval costs no wall time, so the retry would meet the same busy
  // environment (a throttle only clears as the running invocation ends, in real time).
  Fixture.stack = await startLocalStack(Fixture.dir, { realWaits: true });
});

afterAll(async () => {
  await Fixture.stack?.close();
  removeFixture(Fixture.dir);
});

test('an invocation over the reserved concurrency is throttled with TooManyRequestsException', async () => {
  const outcomes = await Promise.allSettled([Fixture.stack.invoke('slow', { n: 1 }), Fixture.stack.invoke('slow', { n: 2 })]);
  expect(outcomes.map((o) => o.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
  expect(rejected.reason).toMatchObject({ name: 'TooManyRequestsException', message: expect.stringMatching(/^Rate Exceeded\./) });
});

test('in a workflow the throttle is Lambda.TooManyRequestsException, and a Retry rule for it gets the call through', async () => {
  const failed = await Fixture.stack.execute({}, { stateMachine: 'twice-no-retry' });
  expect(failed).toMatchObject({ status: 'FAILED', error: 'Lambda.TooManyRequestsException' });
  const retried = await Fixture.stack.execute({}, { stateMachine: 'twice-retried' });
  expect(retried.status).toBe('SUCCEEDED');
  expect((retried.output as { Payload: unknown }[]).map((o) => o.Payload)).toStrictEqual([{ done: 1 }, { done: 1 }]);
}, 15_000);

test('an answer over 6 MB is Function.ResponseSizeTooLarge, directly and in a workflow', async () => {
  const direct = await Fixture.stack.invoke('big', { bytes: LAMBDA_MAX_RESPONSE_BYTES });
  expect(direct.functionError).toStrictEqual({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_MAX_RESPONSE_BYTES} bytes).`,
  });
  // The quota counts the JSON text: a string of the quota's length minus its two quotes still fits.
  expect((await Fixture.stack.invoke('big', { bytes: LAMBDA_MAX_RESPONSE_BYTES - 2 })).functionError).toBeUndefined();
  const result = await Fixture.stack.execute({}, { stateMachine: 'big-answer' });
  expect(result).toMatchObject({ status: 'FAILED', error: 'Function.ResponseSizeTooLarge' });
  expect(JSON.parse(result.cause!)).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
}, 15_000);
