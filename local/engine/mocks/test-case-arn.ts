/**
 * How Step Functions Local users choose a test case: StartExecution on the state machine's ARN with `#<TestCaseName>`
 * appended (Developer Guide, "Using mocked service integrations for testing in Step Functions Local", Step 3: Run
 * mocked service integration tests: `arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration#HappyPath`).
 */
import { MockConfigError } from './mock-config-error';

export interface TestCaseSelection {
  /** The ARN (or name) as given, without the `#<TestCaseName>` suffix. */
  readonly stateMachineArn: string;
  /** The state machine's name: the key under `StateMachines` in the mock configuration. */
  readonly stateMachineName: string;
  /** The test case after `#`, when there is one. */
  readonly testCase?: string;
}

/**
 * Splits `arn:…:stateMachine:Name#HappyPath` into the ARN, the name `Name` and the test case `HappyPath`. Without a
 * `#` there is no test case (the execution calls its real handlers). A state machine name cannot contain `#` (AWS's
 * naming rules for state machines), so the first `#` ends the ARN and the test case is everything after it. A
 * version or alias qualifier (`…:stateMachine:Name:3#HappyPath`) is kept in the ARN and left out of the name. A bare
 * name (`Name#HappyPath`) is accepted too. An empty test case (`…:Name#`) throws MockConfigError.
 */
export function splitTestCaseArn(arnWithSuffix: string): TestCaseSelection {
  const hash = arnWithSuffix.indexOf('#');
  const stateMachineArn = hash < 0 ? arnWithSuffix : arnWithSuffix.slice(0, hash);
  const stateMachineName = nameOf(stateMachineArn);
  if (hash < 0) return { stateMachineArn, stateMachineName };
  const testCase = arnWithSuffix.slice(hash + 1);
  if (testCase === '') {
    throw MockConfigError.single(
      'InvalidTestCaseSuffix',
      [],
      `"${arnWithSuffix}" ends in "#" with no test case name. Append the test case's name ` +
        `("${stateMachineArn}#HappyPath"), or drop the "#" to run without mocks.`,
    );
  }
  return { stateMachineArn, stateMachineName, testCase };
}

/** `arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<qualifier>]` → `<name>`; a non-ARN is the name. */
function nameOf(arn: string): string {
  if (!arn.startsWith('arn:')) return arn;
  const parts = arn.split(':');
  return parts[5] === 'stateMachine' && parts[6] ? parts[6] : parts[parts.length - 1];
}
