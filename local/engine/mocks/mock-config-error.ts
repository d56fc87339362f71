/**
 * The one error a mock configuration file (AWS Step Functions Local's `MockConfigFile.json`) can raise, naming where
 * in the file each problem is and what to do about it. A file with several problems raises one MockConfigError that
 * lists them all, so that a user fixes the file in one pass.
 */

/** What kind of problem; stable, for callers and tests to match on. */
export type MockConfigErrorCode =
  /** The text is not JSON. */
  | 'InvalidJson'
  /** The same name twice in one object (test cases, mocked responses, invocation keys must be unique). */
  | 'DuplicateKey'
  /** A value of the wrong JSON type (an array where an object goes, a number where a name goes…). */
  | 'WrongType'
  /** A field the format requires is absent. */
  | 'MissingField'
  /** A field the format does not have (often a misspelling). */
  | 'UnknownField'
  /** A key of a mocked response that is neither `"<n>"` nor `"<n>-<m>"` with 0 ≤ n ≤ m. */
  | 'InvalidInvocationKey'
  /** An invocation entry with both `Return` and `Throw`. */
  | 'ReturnAndThrow'
  /** An invocation entry with neither `Return` nor `Throw`. */
  | 'NoReturnOrThrow'
  /** Invocations not numbered consecutively from 0 (one is missing before a later one). */
  | 'InvocationGap'
  /** Two keys of one mocked response that cover the same invocation. */
  | 'InvocationOverlap'
  /** A test case names a mocked response that `MockedResponses` does not define. */
  | 'UnknownMockedResponse'
  /** No state machine of that name in `StateMachines`. */
  | 'UnknownStateMachine'
  /** No test case of that name for the state machine. */
  | 'UnknownTestCase'
  /** A `StartExecution` state machine ARN whose `#<TestCaseName>` suffix is empty. */
  | 'InvalidTestCaseSuffix'
  /** The file could not be read. */
  | 'UnreadableFile';

/** One problem: its kind, where it is (`MockedResponses.LambdaOk."1-x"`, empty for the whole file) and the advice. */
export interface MockConfigProblem {
  readonly code: MockConfigErrorCode;
  readonly path: string;
  readonly message: string;
}

export class MockConfigError extends Error {
  /** The first problem's kind and place (the others are in `problems`). */
  readonly code: MockConfigErrorCode;
  readonly path: string;

  constructor(
    readonly problems: readonly MockConfigProblem[],
    /** The file the problems are in, when known (its path, or `MockConfigFile.json`). */
    readonly source?: string,
  ) {
    const where = source ? `${source}: ` : '';
    const lines = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    super(
      lines.length === 1
        ? `Invalid mock configuration: ${where}${lines[0]}`
        : `Invalid mock configuration: ${where}${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'MockConfigError';
    this.code = problems[0]?.code ?? 'WrongType';
    this.path = problems[0]?.path ?? '';
  }

  static single(code: MockConfigErrorCode, path: readonly string[], message: string, source?: string): MockConfigError {
    return new MockConfigError([{ code, path: formatPath(path), message }], source);
  }
}

/**
 * A place in the file as the user reads it: names that are plain identifiers bare, others quoted
 * (`MockedResponses.LambdaOk."1-x"`, `StateMachines.Orders.TestCases."Happy path"`).
 */
export function formatPath(segments: readonly string[]): string {
  return segments.map((s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : JSON.stringify(s))).join('.');
}
