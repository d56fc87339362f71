/**
 * Task handlers that answer from a mock configuration, as Step Functions Local answers a mocked Task (Developer Guide,
 * "Using mocked service integrations for testing in Step Functions Local" and "Configuration file for mocked service
 * integrations"):
 * - each state the test case names answers its invocations in order — invocation 0, 1, 2, … — with the entry whose
 *   key covers that number: `Return` resolves with the value (the whole service response, e.g. `{ "StatusCode": 200,
 *   "Payload": … }` for `lambda:invoke`; the state's ResultSelector/ResultPath then apply as to a real answer);
 *   `Throw` rejects with StatesError(Error, Cause), which Retry and Catch match by name;
 * - the count is one per state for the whole execution: every attempt counts, retries included (the guide's
 *   RetryPath: "0" is the first attempt, "1-2" the first and second retries, "3" the third), and so does every Map
 *   iteration (the guide's note on Map: iterations share the state's responses, which is why it advises
 *   MaxConcurrency 1 for a predictable order);
 * - an invocation with no entry fails: the guide says only "the state machine execution will fail"; the error is
 *   States.Runtime (what Step Functions Local 2.0 reports, per third-party reproductions; a runtime error is not
 *   retried and not caught by States.ALL), with a cause saying which state, invocation and mocked response;
 * - states the test case does not name are not in the result, so the caller's real handlers serve them, as Step
 *   Functions Local calls the real service for them (the guide's HybridPath).
 *
 * The counters live in the returned handlers: build one set per execution.
 */
import { STATES_ERRORS, StatesError } from '../errors';
import type { TaskHandler } from '../types';
import { findTestCase, type MockConfig, type MockedInvocations } from './mock-config';
import { formatPath } from './mock-config-error';
import { splitTestCaseArn } from './test-case-arn';

/**
 * The mocked states of one test case, as task handlers by state name. Throws MockConfigError (UnknownStateMachine,
 * UnknownTestCase) when the configuration has no such state machine or test case.
 */
export function taskHandlersFromMocks(config: MockConfig, stateMachineName: string, testCaseName: string): Record<string, TaskHandler> {
  const testCase = findTestCase(config, stateMachineName, testCaseName);
  return Object.fromEntries(
    [...testCase].map(([stateName, responseName]) => [
      stateName,
      mockedState(stateName, responseName, testCaseName, config.mockedResponses.get(responseName) ?? []),
    ]),
  );
}

/**
 * StartExecution's way: the state machine ARN with `#<TestCaseName>` selects the test case. Without a suffix there
 * are no mocked handlers (`handlers` is undefined) and the execution uses its real ones.
 */
export function taskHandlersForStartExecution(
  config: MockConfig,
  stateMachineArnWithSuffix: string,
): { readonly stateMachineArn: string; readonly handlers?: Record<string, TaskHandler> } {
  const { stateMachineArn, stateMachineName, testCase } = splitTestCaseArn(stateMachineArnWithSuffix);
  if (testCase === undefined) return { stateMachineArn };
  return { stateMachineArn, handlers: taskHandlersFromMocks(config, stateMachineName, testCase) };
}

function mockedState(stateName: string, responseName: string, testCaseName: string, entries: readonly MockedInvocations[]): TaskHandler {
  let invocations = 0;
  // The invocation number is taken synchronously, when the engine starts the attempt, so concurrent Map iterations
  // are numbered in the order their attempts start.
  return (): Promise<unknown> => {
    const invocation = invocations++;
    const entry = entryFor(entries, invocation);
    if (!entry) return Promise.reject(ranOut(stateName, responseName, testCaseName, entries, invocation));
    if (entry.outcome.kind === 'throw') return Promise.reject(new StatesError(entry.outcome.error, entry.outcome.cause));
    return Promise.resolve(structuredClone(entry.outcome.value));
  };
}

/** The entry covering `invocation` (entries are sorted and contiguous from 0). */
function entryFor(entries: readonly MockedInvocations[], invocation: number): MockedInvocations | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const e = entries[mid];
    if (invocation < e.first) high = mid - 1;
    else if (invocation > e.last) low = mid + 1;
    else return e;
  }
  return undefined;
}

function ranOut(stateName: string, responseName: string, testCaseName: string, entries: readonly MockedInvocations[], invocation: number): StatesError {
  const last = entries.length > 0 ? entries[entries.length - 1].last : -1;
  const answers = last < 0 ? 'no invocation' : last === 0 ? 'invocation 0 only' : `invocations 0-${last}`;
  return new StatesError(
    STATES_ERRORS.Runtime,
    `No mocked response for invocation ${invocation} of state '${stateName}' in test case '${testCaseName}': ` +
      `mocked response '${responseName}' answers ${answers}. Add an entry "${invocation}" (or a range such as ` +
      `"${invocation}-${invocation + 9}") to ${formatPath(['MockedResponses', responseName])}.`,
  );
}
