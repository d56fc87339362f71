/** Step Functions Local's mock configuration file (`MockConfigFile.json`) for the engine: read, check, answer. */
export { MockConfigError, type MockConfigErrorCode, type MockConfigProblem } from './mock-config-error';
export {
  findTestCase,
  parseMockConfig,
  readMockConfigFile,
  type MockConfig,
  type MockedInvocations,
  type MockedOutcome,
  type ParseMockConfigOptions,
} from './mock-config';
export { taskHandlersForStartExecution, taskHandlersFromMocks } from './mocked-handlers';
export { splitTestCaseArn, type TestCaseSelection } from './test-case-arn';
