import { MockConfigError, splitTestCaseArn } from '../../../../local/engine/mocks';

// Source: AWS Step Functions Developer Guide, "Using mocked service integrations for testing in Step Functions
// Local", Step 3: Run mocked service integration tests — "append the suffix, #test_name, to the state machine ARN
// used by StartExecution". State machine names cannot contain "#" (CreateStateMachine, name), so the first "#" ends
// the ARN; the rest is the test case.

describe('splitting the #<TestCaseName> suffix off a state machine ARN', () => {
  test.each([
    [
      'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline#AllGood',
      { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline', stateMachineName: 'OrderPipeline', testCase: 'AllGood' },
    ],
    [
      'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline',
      { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline', stateMachineName: 'OrderPipeline' },
    ],
    // Assumed: a version or alias qualifier stays in the ARN; the mock file keys by the name alone.
    [
      'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline:prod#AllGood',
      { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline:prod', stateMachineName: 'OrderPipeline', testCase: 'AllGood' },
    ],
    [
      'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:OrderPipeline#Retry#2',
      { stateMachineArn: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:OrderPipeline', stateMachineName: 'OrderPipeline', testCase: 'Retry#2' },
    ],
    ['OrderPipeline#AllGood', { stateMachineArn: 'OrderPipeline', stateMachineName: 'OrderPipeline', testCase: 'AllGood' }],
  ])('%s', (input, expected) => {
    expect(splitTestCaseArn(input)).toEqual(expected);
  });

  test('an empty test case after "#" is InvalidTestCaseSuffix, saying how to write it', () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline#';
    expect(() => splitTestCaseArn(arn)).toThrow(MockConfigError);
    expect(() => splitTestCaseArn(arn)).toThrow(
      `"${arn}" ends in "#" with no test case name. Append the test case's name ("arn:aws:states:us-east-1:123456789012:stateMachine:OrderPipeline#HappyPath"), or drop the "#" to run without mocks.`,
    );
  });
});
