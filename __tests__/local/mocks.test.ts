import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../local';
import { UsageError } from '../../scripts/lib/cli';
import { parseLocalArgs } from '../../scripts/lib/local/args';
import { statesRetried } from '../support/history';
import { removeFixture, writeFixtureStack } from '../support/local';

// Mocked Task responses from Step Functions Local's MockConfigFile (Developer Guide, "Using mocked service
// integrations for testing in Step Functions Local" and "Configuration file for mocked service integrations"):
// mocked states answer from the file, the others run their local handlers.

const GREET = `exports.handler = async (event) => ({ greeting: 'hello ' + event.name });`;

const definition = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:payments', 'Payload.$': '$' },
      ResultSelector: { 'charged.$': '$.Payload.charged' },
      ResultPath: '$.charge',
      Retry: [{ ErrorEquals: ['Payments.Busy'], MaxAttempts: 2, IntervalSeconds: 5 }],
      Next: 'Greet',
    },
    Greet: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${aws_lambda_function.greet.arn}', 'Payload.$': '$' },
      ResultSelector: { 'greeting.$': '$.Payload.greeting' },
      ResultPath: '$.greet',
      End: true,
    },
  },
};

/** A callback Task: mocked, it answers from the file without waiting for a token (as Step Functions Local does). */
const approveDefinition = {
  StartAt: 'Ask',
  States: {
    Ask: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'nobody', Payload: { 'token.$': '$$.Task.Token' } }, End: true },
  },
};

const MOCKS = {
  StateMachines: {
    checkout: {
      TestCases: {
        HappyPath: { Charge: 'Charged' },
        BusyThenCharged: { Charge: 'BusyOnce' },
        Declined: { Charge: 'Declined' },
      },
    },
    approve: { TestCases: { Approved: { Ask: 'Approval' } } },
  },
  MockedResponses: {
    Charged: { '0': { Return: { StatusCode: 200, Payload: { charged: 42 } } } },
    BusyOnce: {
      '0': { Throw: { Error: 'Payments.Busy', Cause: 'try again' } },
      '1': { Return: { StatusCode: 200, Payload: { charged: 7 } } },
    },
    Declined: { '0-2': { Throw: { Error: 'Payments.Declined', Cause: 'card declined' } } },
    Approval: { '0': { Return: { approved: true } } },
  },
};

let dir: string;
let tmp: string;
let mockFile: string;
let stack: LocalStack;

beforeAll(async () => {
  dir = writeFixtureStack({ functions: [{ name: 'greet', code: GREET }], stateMachines: { checkout: definition, approve: approveDefinition } });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-config-'));
  mockFile = path.join(tmp, 'MockConfigFile.json');
  fs.writeFileSync(mockFile, JSON.stringify(MOCKS));
  stack = await startLocalStack(dir, { mockConfig: mockFile });
});

afterAll(async () => {
  await stack?.close();
  removeFixture(dir);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('a test case answers its mocked state from the file; the unmocked state runs its local function', async () => {
  const result = await stack.execute({ name: 'ada' }, { stateMachine: 'checkout', testCase: 'HappyPath' });
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { name: 'ada', charge: { charged: 42 }, greet: { greeting: 'hello ada' } } });
});

test('a Throw is the error Retry matches; the next invocation answers the next entry (the retry counts, as in RetryPath)', async () => {
  const started = Date.now();
  const result = await stack.execute({ name: 'bo' }, { stateMachine: 'checkout', testCase: 'BusyThenCharged' });
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { charge: { charged: 7 } } });
  expect(statesRetried(result.history)).toStrictEqual(['Charge']);
  expect(Date.now() - started).toBeLessThan(4000); // the 5 s retry interval passes on the virtual clock
});

test('StartExecution on "<state machine ARN>#<TestCase>" over the local Step Functions API chooses the test case', async () => {
  const sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const arn = stack.model.stateMachines.find((m) => m.name === 'checkout')!.arn;
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#Declined`, name: 'declined-1', input: '{"name":"cy"}' }));
    expect(executionArn).toBe(`${arn.replace(':stateMachine:', ':execution:')}:declined-1`);
    await stack.waitForExecutions(10_000);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'FAILED', error: 'Payments.Declined', cause: 'card declined' });
    // An unknown test case is refused, naming it.
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#NoSuchCase` }))).rejects.toThrow(/NoSuchCase/);
  } finally {
    sfn.destroy();
  }
});

test('a mocked .waitForTaskToken state answers from the file, without waiting for a token', async () => {
  const result = await stack.execute({}, { stateMachine: 'approve', testCase: 'Approved' });
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { approved: true } });
});

test('without a test case the state runs its real local handler (here: no such function)', async () => {
  const result = await stack.execute({ name: 'dee' }, { stateMachine: 'checkout' });
  expect(result).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
});

test('a mock configuration that is not valid is refused before anything runs, naming the file and the problem', async () => {
  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ StateMachines: { checkout: { TestCases: { T: { Charge: 'Missing' } } } }, MockedResponses: {} }));
  await expect(startLocalStack(dir, { mockConfig: bad })).rejects.toThrow(/bad\.json[\s\S]*Missing/);
  await expect(startLocalStack(dir, { mockConfig: mockFile, testCase: 'NoSuchCase' })).rejects.toThrow(/no test case 'NoSuchCase'.*checkout#HappyPath/);
});

describe('npm run local: --mock-config and --test-case', () => {
  test('are read, and SFN_MOCK_CONFIG stands in for --mock-config', () => {
    expect(parseLocalArgs(['sfn-dynamodb', '--mock-config', mockFile, '--test-case', 'HappyPath'])).toMatchObject({ mockConfig: mockFile, testCase: 'HappyPath' });
    process.env.SFN_MOCK_CONFIG = mockFile;
    try {
      expect(parseLocalArgs(['sfn-dynamodb', '--test-case', 'HappyPath'])).toMatchObject({ mockConfig: mockFile, testCase: 'HappyPath' });
    } finally {
      delete process.env.SFN_MOCK_CONFIG;
    }
  });

  test('--test-case without a mock configuration is a usage error', () => {
    expect(() => parseLocalArgs(['sfn-dynamodb', '--test-case', 'HappyPath'])).toThrow(UsageError);
  });
});
