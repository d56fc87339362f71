import { SfnApiError } from './emulators/sfn-api';
import { MockConfigError, splitTestCaseArn, taskHandlersFromMocks, type MockConfig } from './engine/mocks';

/**
 * StartExecution's request rules (API Reference, StartExecution): the model's constraints, the name's characters,
 * the input's JSON; and which mocked test case (a MockConfigFile's) an execution answers from.
 */

/** Mocked Task responses (a MockConfigFile): which test case an execution answers from. */
export interface MockSettings {
  readonly config: MockConfig;
  /**
   * The test case of every execution of a state machine the configuration has this test case for, unless its
   * StartExecution names another with `<state machine ARN>#<TestCase>`. @default only `#<TestCase>` selects one
   */
  readonly testCase?: string;
}

/** Characters an execution name may not contain (AWS: whitespace, brackets, wildcards, specials, controls). */
const FORBIDDEN_IN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
const MAX_INPUT_BYTES = 256 * 1024;

/** InvalidName for a name with a character AWS does not allow. */
export function checkName(name: string): void {
  if (FORBIDDEN_IN_NAME.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
}

/** The limits AWS's API model puts on StartExecution, checked before anything else, as ValidationException. */
export function checkConstraints(name: string, input: string): void {
  if (name.length < 1 || name.length > 80) {
    const bound = name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 80';
    throw new SfnApiError('ValidationException', `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length ${bound}`);
  }
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size less than or equal to ${MAX_INPUT_BYTES} bytes in UTF-8 encoding`,
    );
  }
}

export function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(err as Error).message}'`);
  }
}

/**
 * `<ARN>#<TestCase>` (Step Functions Local's way to choose a test case), else the start's or the settings' test
 * case where the mock configuration has it for this state machine.
 */
export function testCaseOf(arnWithSuffix: string, testCase: string | undefined, mocks: MockSettings | undefined): { stateMachineArn: string; testCase?: string } {
  if (!arnWithSuffix.includes('#')) {
    const wanted = testCase ?? mocks?.testCase;
    if (wanted === undefined || !mocks) return { stateMachineArn: arnWithSuffix };
    const name = arnWithSuffix.split(':').pop() ?? '';
    const named = testCase !== undefined || mocks.config.stateMachines.get(name)?.has(wanted);
    return named ? { stateMachineArn: arnWithSuffix, testCase: wanted } : { stateMachineArn: arnWithSuffix };
  }
  if (!mocks) {
    throw new SfnApiError(
      'InvalidArn',
      `Invalid Arn: '${arnWithSuffix}': a #<TestCase> suffix selects mocked responses, and no mock configuration is loaded (start the stack with a mock configuration file: --mock-config or SFN_MOCK_CONFIG).`,
    );
  }
  try {
    const split = splitTestCaseArn(arnWithSuffix);
    return { stateMachineArn: split.stateMachineArn, ...(split.testCase !== undefined && { testCase: split.testCase }) };
  } catch (err) {
    throw err instanceof MockConfigError ? new SfnApiError('ValidationException', err.message) : err;
  }
}

/** One handler set per execution: the mocked responses count their invocations per execution. */
export function mockedHandlers(mocks: MockSettings, stateMachineName: string, testCase: string): ReturnType<typeof taskHandlersFromMocks> {
  try {
    return taskHandlersFromMocks(mocks.config, stateMachineName, testCase);
  } catch (err) {
    throw err instanceof MockConfigError ? new SfnApiError('ValidationException', err.message) : err;
  }
}
