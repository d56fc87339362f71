import { startLocalStack, type LocalStack } from '../../local';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// Functions run from their bundles in worker threads: own environment each, SDK clients reaching the
// emulators through AWS_ENDPOINT_URL_*, errors named as Step Functions names them.

const REPORT_ENV = `
const loadedWith = process.env.WHO; // module scope: read once, when the environment starts
exports.handler = async (event, context) => ({
  who: process.env.WHO, loadedWith, table: process.env.TABLE, functionName: context.functionName,
  region: process.env.AWS_REGION, hasTime: context.getRemainingTimeInMillis() > 0, event,
});`;

const WRITE_ITEM = `
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async (event) => {
  await client.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: event.id } } }));
  console.log('stored ' + event.id);
  return 'stored';
};`;

const START_EXECUTIONS = `
const { SFNClient, StartExecutionCommand, DescribeExecutionCommand } = require('@aws-sdk/client-sfn');
const sfn = new SFNClient({});
const start = (name, input) => sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.SM_ARN, name, input: JSON.stringify(input) }));
const errorOf = (promise) => promise.then(() => 'none', (err) => err.name);
exports.handler = async (event) => {
  const { executionArn } = await start(event.name, { hello: event.name });
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return {
    executionArn,
    describedName: described.name,
    sameNameOtherInput: await errorOf(start(event.name, { other: true })),
    badName: await errorOf(start('has space', {})),
    unknownMachine: await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.SM_ARN + 'x' }))),
  };
};`;

class Fixture {
  static dir: string;
  static stack: LocalStack;
}

beforeAll(async () => {
  Fixture.dir = writeFixtureStack({
    tables: [{ name: 'items', hashKey: 'id' }],
    functions: [
      { name: 'env-a', code: REPORT_ENV, environment: { WHO: 'a', TABLE: '${aws_dynamodb_table.items.name}' } },
      { name: 'env-b', code: REPORT_ENV, environment: { WHO: 'b', TABLE: '${aws_dynamodb_table.items.name}' } },
      { name: 'fails', code: `class OrderRejected extends Error { constructor(m) { super(m); this.name = 'OrderRejected'; } }\nexports.handler = async () => { throw new OrderRejected('no coffee'); };` },
      { name: 'hangs', code: 'exports.handler = () => new Promise(() => {});', timeout: 1 },
      { name: 'callback', code: 'exports.handler = (event, context, done) => setTimeout(() => done(null, { viaCallback: event.n }), 5);' },
      { name: 'writer', code: WRITE_ITEM, environment: { TABLE: '${aws_dynamodb_table.items.name}' } },
      { name: 'starter', code: START_EXECUTIONS, environment: { SM_ARN: '${aws_sfn_state_machine.echo.arn}' } },
    ],
    stateMachines: {
      'invoke-env-a': singleState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.env-a.arn}', 'Payload.$': '$' } }),
      'invoke-fails': singleState({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.fails.arn}', Payload: {} } }),
      echo: singleState({ Type: 'Pass' }),
    },
  });
  Fixture.stack = await startLocalStack(Fixture.dir);
});

afterAll(async () => {
  await Fixture.stack?.close();
  removeFixture(Fixture.dir);
});

test('each function has its own environment variables, with references replaced by local names', async () => {
  // WHEN: both at once, so a shared process.env would mix them up
  const [a, b] = await Promise.all([Fixture.stack.invoke('env-a', { n: 1 }), Fixture.stack.invoke('env-b', { n: 2 })]);
  // THEN
  expect(a.payload).toStrictEqual({ who: 'a', loadedWith: 'a', table: 'items', functionName: 'env-a', region: 'us-east-1', hasTime: true, event: { n: 1 } });
  expect(b.payload).toMatchObject({ who: 'b', loadedWith: 'b', event: { n: 2 } });
  expect(process.env.WHO).toBeUndefined();
});

test('lambda:invoke answers like the real integration: Payload, StatusCode, ExecutedVersion and SDK metadata', async () => {
  const result = await Fixture.stack.execute({ hi: 1 }, { stateMachine: 'invoke-env-a' });
  expect(result.status).toBe('SUCCEEDED');
  expect(result.output).toStrictEqual({
    ExecutedVersion: '$LATEST',
    Payload: expect.objectContaining({ who: 'a', event: { hi: 1 } }),
    StatusCode: 200,
    SdkHttpMetadata: expect.objectContaining({ HttpStatusCode: 200 }),
    SdkResponseMetadata: { RequestId: expect.any(String) },
  });
});

// Developer Guide, "Handling errors in Step Functions workflows": a function's error is the Task's error, and its
// Cause the error document Step Functions writes (errorMessage, errorType, requestId, stackTrace, in that order).
test("a function's error surfaces under its own name, with the error document as Cause", async () => {
  const result = await Fixture.stack.execute({}, { stateMachine: 'invoke-fails' });
  expect(result).toMatchObject({ status: 'FAILED', error: 'OrderRejected' });
  const cause = JSON.parse(result.cause!) as Record<string, unknown>;
  expect(Object.keys(cause)).toStrictEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
  expect(cause).toMatchObject({ errorType: 'OrderRejected', errorMessage: 'no coffee', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), stackTrace: expect.any(Array) });
});

test('a function that outlives its timeout is stopped with Sandbox.Timedout', async () => {
  const started = Date.now();
  const result = await Fixture.stack.invoke('hangs', {});
  expect(result.functionError).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/) });
  expect(Date.now() - started).toBeLessThan(3000);
});

test('callback-style handlers work, and an unknown function is ResourceNotFoundException', async () => {
  expect((await Fixture.stack.invoke('callback', { n: 7 })).payload).toStrictEqual({ viaCallback: 7 });
  await expect(Fixture.stack.invoke('nope', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});

test('a bundle outside the project gets the AWS SDK and reaches local DynamoDB through AWS_ENDPOINT_URL_DYNAMODB', async () => {
  // WHEN
  const result = await Fixture.stack.invoke('writer', { id: 'from-lambda' });
  // THEN
  expect(result.functionError).toBeUndefined();
  expect((await Fixture.stack.snapshot()).tables.items).toContainEqual({ id: 'from-lambda' });
  expect(Fixture.stack.lambdaLogs()).toContainEqual(expect.objectContaining({ functionName: 'writer', requestId: result.requestId, line: 'stored from-lambda' }));
});

test('a function starts local executions with @aws-sdk/client-sfn, under the StartExecution rules', async () => {
  // WHEN
  const result = await Fixture.stack.invoke('starter', { name: 'first-run' });
  // THEN
  expect(result.payload).toStrictEqual({
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:echo:first-run',
    describedName: 'first-run',
    sameNameOtherInput: 'ExecutionAlreadyExists',
    badName: 'InvalidName',
    unknownMachine: 'StateMachineDoesNotExist',
  });
  expect(await Fixture.stack.waitForExecutions(5000)).toBe(true);
  const started = Fixture.stack.executions().find((e) => e.name === 'first-run');
  expect(started?.result).toMatchObject({ status: 'SUCCEEDED', output: { hello: 'first-run' } });
});
