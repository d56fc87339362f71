/**
 * The shape of one conformance case: a complete state machine, its input, what its Task states answer, and what AWS
 * Step Functions ends the execution with. Cases are plain JSON-serializable data; every expectation comes from the
 * AWS documentation (the Developer Guide, the Amazon States Language specification) or, where those are silent, from
 * an assumption stated in `source`.
 */

/** What one attempt of a Task state does (the harness turns it into a TaskHandler). */
export type TaskStep =
  /** The attempt succeeds with this result. */
  | { readonly return: unknown }
  /** The attempt fails with this error name and cause. */
  | { readonly throw: { readonly error: string; readonly cause: string } }
  /** The attempt succeeds with the Task's effective input (Parameters / Arguments rendered). */
  | { readonly echo: true }
  /** The attempt never answers (until the engine gives up on it: a timeout, the execution stopped). */
  | { readonly hang: true }
  /** Chooses a step by the Task's effective input (deep equality); `else` when none matches. */
  | { readonly when: readonly { readonly input: unknown; readonly then: TaskStep }[]; readonly else: TaskStep };

/**
 * A value in an expected output: any JSON value, where an object `{ "$match": "<regex>" }` matches a string by
 * regular expression and `{ "$type": "string" | "number" | … }` matches any value of that JSON type.
 */
export type Expected = unknown;

export interface Expectation {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** The execution's output (SUCCEEDED). Compared deeply; matchers allowed. Omitted: not checked. */
  readonly output?: Expected;
  /** Compare the output's object keys in order too (where AWS documents an order). */
  readonly keyOrder?: boolean;
  /** The error name; `null`: the execution has none. Omitted: not checked. */
  readonly error?: string | null;
  /** The exact cause; `null`: none. Omitted: not checked. */
  readonly cause?: string | null;
  /** A regular expression the cause must match (where AWS's full text is not documented). */
  readonly causeMatches?: string;
}

export interface HistoryExpectation {
  /** The event types, exactly and in order. */
  readonly types?: readonly string[];
  /** Event types that must occur in this order (others may come between). */
  readonly includes?: readonly string[];
  /** Event types that must not occur. */
  readonly excludes?: readonly string[];
}

export interface ConformanceCase {
  /** Unique within its category, kebab-case. */
  readonly id: string;
  /** Developer Guide page title + section, or ASL spec section; or "assumed: …" where the docs are silent. */
  readonly source: string;
  readonly definition: Readonly<Record<string, unknown>>;
  readonly input?: unknown;
  /** Per Task state name: its attempts in call order (the last one repeats). */
  readonly taskResults?: Readonly<Record<string, readonly TaskStep[]>>;
  readonly expect: Expectation;
  readonly history?: HistoryExpectation;
  /** The longest the run may take in wall time (the virtual clock: waits cost nothing). @default 10000 */
  readonly maxWallMs?: number;
  /** The query language the case needs. @default 'JSONPath' */
  readonly needs?: 'JSONata';
}

export interface Category {
  readonly name: string;
  readonly cases: readonly ConformanceCase[];
}

/** The fixed facts every case runs with, so that the context object is predictable. */
export const RUN = {
  executionName: 'conformance-run',
  stateMachineName: 'StateMachine',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine',
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:StateMachine:conformance-run',
  /** types.ts: the default role is arn:aws:iam::<account of arn>:role/<name>-role. */
  roleArn: 'arn:aws:iam::123456789012:role/StateMachine-role',
  startTime: '2024-01-01T00:00:00.000Z',
} as const;
