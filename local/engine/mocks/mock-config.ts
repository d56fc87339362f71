/**
 * The mock configuration file of AWS Step Functions Local (`MockConfigFile.json`), read and checked. Developer Guide,
 * "Configuration file for mocked service integrations": a JSON object with
 *   StateMachines → <state machine name> → TestCases → <test case name> → { <state name>: <mocked response name> }
 *   MockedResponses → <mocked response name> → { "<n>" | "<n>-<m>": { "Return": <any JSON> } | { "Throw": { "Error", "Cause" } } }
 *
 * The checks are hand-written rather than a zod/ajv schema: most rules (invocation keys, gaps and overlaps, names a
 * test case refers to, misspelt fields) need their own message and advice, which a schema library would only carry
 * as custom refinements; the plain checks read as the list of rules they are. Every problem is collected with its
 * path in the file, and one MockConfigError lists them all.
 */
import { readFileSync } from 'node:fs';
import { MockConfigError, formatPath, type MockConfigErrorCode, type MockConfigProblem } from './mock-config-error';
import { coverageProblems, parseInvocationKey, type InvocationRange } from './invocation-keys';

/** What one entry of a mocked response does: answer with a value, or fail with an error and cause. */
export type MockedOutcome =
  | { readonly kind: 'return'; readonly value: unknown }
  | { readonly kind: 'throw'; readonly error: string; readonly cause: string };

/** One entry of a mocked response: the invocations its key covers and what they answer. */
export interface MockedInvocations extends InvocationRange {
  /** The key as written (`"0"`, `"1-2"`). */
  readonly key: string;
  readonly outcome: MockedOutcome;
}

/** A checked mock configuration. */
export interface MockConfig {
  /** State machine name → test case name → state name → mocked response name. */
  readonly stateMachines: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;
  /** Mocked response name → its entries, in invocation order (0, 1, 2, … without gaps). */
  readonly mockedResponses: ReadonlyMap<string, readonly MockedInvocations[]>;
}

export interface ParseMockConfigOptions {
  /** Where the configuration came from, for messages (a file path). @default none */
  readonly source?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

/** Reads and checks a mock configuration given as JSON text or as the parsed object. Throws MockConfigError. */
export function parseMockConfig(input: string | unknown, options: ParseMockConfigOptions = {}): MockConfig {
  const root = typeof input === 'string' ? parseText(input, options.source) : input;
  const problems: MockConfigProblem[] = [];
  const report = (code: MockConfigErrorCode, path: readonly string[], message: string) =>
    problems.push({ code, path: formatPath(path), message });

  if (!isObject(root)) {
    report('WrongType', [], `a mock configuration is a JSON object with the fields StateMachines and MockedResponses, not ${typeOf(root)}.`);
    throw new MockConfigError(problems, options.source);
  }
  checkFields(root, [], ['StateMachines', 'MockedResponses'], report);
  const mockedResponses = readMockedResponses(root, report);
  // A test case may name a mocked response that is itself invalid: that one is reported once, where it is.
  const definedNames = isObject(root.MockedResponses) ? new Set(Object.keys(root.MockedResponses)) : undefined;
  const stateMachines = readStateMachines(root, definedNames, report);
  if (problems.length > 0) throw new MockConfigError(problems, options.source);
  return { stateMachines, mockedResponses: mockedResponses ?? new Map() };
}

/** Reads a mock configuration file (e.g. the one `SFN_MOCK_CONFIG` names for Step Functions Local) and checks it. */
export function readMockConfigFile(path: string): MockConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message;
    throw MockConfigError.single('UnreadableFile', [], `cannot read the file (${reason}). Check the path.`, path);
  }
  return parseMockConfig(text, { source: path });
}

/**
 * The states a test case mocks, by state name (→ mocked response name). Throws MockConfigError (UnknownStateMachine,
 * UnknownTestCase) listing the names the configuration does know.
 */
export function findTestCase(config: MockConfig, stateMachineName: string, testCaseName: string): ReadonlyMap<string, string> {
  const testCases = config.stateMachines.get(stateMachineName);
  if (!testCases) {
    throw MockConfigError.single(
      'UnknownStateMachine',
      ['StateMachines', stateMachineName],
      `the mock configuration has no state machine "${stateMachineName}"; it knows ${list([...config.stateMachines.keys()])}. ` +
        `Use the state machine's name (the last part of its ARN) as the key under StateMachines.`,
    );
  }
  const testCase = testCases.get(testCaseName);
  if (!testCase) {
    throw MockConfigError.single(
      'UnknownTestCase',
      ['StateMachines', stateMachineName, 'TestCases', testCaseName],
      `state machine "${stateMachineName}" has no test case "${testCaseName}"; its test cases are ${list([...testCases.keys()])}.`,
    );
  }
  return testCase;
}

type Report = (code: MockConfigErrorCode, path: readonly string[], message: string) => void;

function parseText(text: string, source: string | undefined): unknown {
  // lossless-json loads with the first mock config (a run without one does not need it).
  const { parse: parseJson } = require('lossless-json') as typeof import('lossless-json');
  try {
    return parseJson(text, null, (digits) => Number(digits));
  } catch (e) {
    const message = (e as Error).message;
    const at = /^(.*?)(?: encountered)? at position (\d+)$/.exec(message);
    const where = at ? `${lineAndColumn(text, Number(at[2]))}: ` : '';
    const duplicate = /^Duplicate key '(.*)'/.exec(message);
    if (duplicate) {
      throw MockConfigError.single(
        'DuplicateKey',
        [],
        `${where}"${duplicate[1]}" appears twice in one object. Names must be unique (state machines, test cases, ` +
          `mocked responses, invocation keys): rename or remove one.`,
        source,
      );
    }
    throw MockConfigError.single('InvalidJson', [], `${where}not valid JSON (${at ? at[1] : message}). Fix the JSON syntax.`, source);
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

const list = (names: readonly string[]) => (names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', '));

/** Reports every field of `obj` not in `known`, suggesting the known one it was probably meant to be. */
function checkFields(obj: Json, path: readonly string[], known: readonly string[], report: Report): void {
  for (const field of Object.keys(obj)) {
    if (known.includes(field)) continue;
    const likely = known.find((k) => closeTo(field, k));
    report(
      'UnknownField',
      [...path, field],
      `unknown field${likely ? `; did you mean "${likely}"?` : `. Allowed here: ${list(known)}.`}`,
    );
  }
}

/** Same ignoring case, or one edit apart (two for names of 6+ letters): `MockedResponse`, `Retrun`, `testcases`. */
function closeTo(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length] <= (Math.min(x.length, y.length) >= 6 ? 2 : 1);
}

function requireObject(parent: Json, field: string, path: readonly string[], what: string, report: Report): Json | undefined {
  const value = parent[field];
  if (!(field in parent)) {
    report('MissingField', [...path, field], `missing. Add ${what}.`);
    return undefined;
  }
  if (!isObject(value)) {
    report('WrongType', [...path, field], `must be ${what}, not ${typeOf(value)}.`);
    return undefined;
  }
  return value;
}

function readMockedResponses(root: Json, report: Report): Map<string, MockedInvocations[]> | undefined {
  const responses = requireObject(root, 'MockedResponses', [], 'an object of mocked responses by name ("MockedResponses": { "<name>": { "0": { "Return": … } } })', report);
  if (!responses) return undefined;
  const result = new Map<string, MockedInvocations[]>();
  for (const [name, entries] of Object.entries(responses)) {
    const path = ['MockedResponses', name];
    if (!isObject(entries)) {
      report('WrongType', path, `a mocked response is an object keyed by invocation ("0", "1-2"), not ${typeOf(entries)}.`);
      continue;
    }
    const invocations: MockedInvocations[] = [];
    for (const [key, entry] of Object.entries(entries)) {
      const range = parseInvocationKey(key);
      if (typeof range === 'string') report('InvalidInvocationKey', [...path, key], range);
      const outcome = readOutcome(entry, [...path, key], report);
      if (typeof range !== 'string' && outcome) invocations.push({ ...range, key, outcome });
    }
    for (const problem of coverageProblems(invocations)) report(problem.kind, [...path, problem.key], problem.message);
    result.set(name, invocations.sort((a, b) => a.first - b.first));
  }
  return result;
}

function readOutcome(entry: unknown, path: readonly string[], report: Report): MockedOutcome | undefined {
  if (!isObject(entry)) {
    report('WrongType', path, `an invocation's response is an object with "Return" or "Throw", not ${typeOf(entry)}.`);
    return undefined;
  }
  checkFields(entry, path, ['Return', 'Throw'], report);
  const hasReturn = 'Return' in entry;
  const hasThrow = 'Throw' in entry;
  if (hasReturn && hasThrow) {
    report('ReturnAndThrow', path, 'has both "Return" and "Throw"; a response either returns or throws. Keep one, or give the other its own invocation key.');
    return undefined;
  }
  if (!hasReturn && !hasThrow) {
    report('NoReturnOrThrow', path, 'needs "Return" (the service\'s response) or "Throw" ({ "Error": …, "Cause": … }).');
    return undefined;
  }
  if (hasReturn) return { kind: 'return', value: structuredClone(entry.Return) };
  const thrown = requireObject(entry, 'Throw', path, 'an object { "Error": "<error name>", "Cause": "<cause>" }', report);
  if (!thrown) return undefined;
  const throwPath = [...path, 'Throw'];
  checkFields(thrown, throwPath, ['Error', 'Cause'], report);
  const text = (field: 'Error' | 'Cause'): string | undefined => {
    const value = thrown[field];
    if (typeof value === 'string') return value;
    if (!(field in thrown)) report('MissingField', [...throwPath, field], `missing. Add "${field}": "<${field === 'Error' ? 'error name Retry and Catch match' : 'cause text'}>".`);
    else report('WrongType', [...throwPath, field], `must be a string, not ${typeOf(value)}.`);
    return undefined;
  };
  const error = text('Error');
  const cause = text('Cause');
  return error !== undefined && cause !== undefined ? { kind: 'throw', error, cause } : undefined;
}

function readStateMachines(
  root: Json,
  responses: ReadonlySet<string> | undefined,
  report: Report,
): Map<string, Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, Map<string, string>>>();
  const machines = requireObject(root, 'StateMachines', [], 'an object of state machines by name ("StateMachines": { "<name>": { "TestCases": { … } } })', report);
  if (!machines) return result;
  for (const [machineName, machine] of Object.entries(machines)) {
    const path = ['StateMachines', machineName];
    if (!isObject(machine)) {
      report('WrongType', path, `a state machine's entry is an object { "TestCases": { … } }, not ${typeOf(machine)}.`);
      continue;
    }
    checkFields(machine, path, ['TestCases'], report);
    const testCases = requireObject(machine, 'TestCases', path, 'an object of test cases by name ("TestCases": { "<test case>": { "<state>": "<mocked response>" } })', report);
    if (!testCases) continue;
    const cases = new Map<string, Map<string, string>>();
    for (const [caseName, testCase] of Object.entries(testCases)) {
      const casePath = [...path, 'TestCases', caseName];
      if (!isObject(testCase)) {
        report('WrongType', casePath, `a test case is an object { "<state name>": "<mocked response name>" }, not ${typeOf(testCase)}.`);
        continue;
      }
      const states = new Map<string, string>();
      for (const [stateName, responseName] of Object.entries(testCase)) {
        const statePath = [...casePath, stateName];
        if (typeof responseName !== 'string') {
          report('WrongType', statePath, `must be the name of a mocked response (a string), not ${typeOf(responseName)}.`);
        } else if (responses && !responses.has(responseName)) {
          const likely = [...responses.keys()].find((k) => closeTo(responseName, k));
          report(
            'UnknownMockedResponse',
            statePath,
            `names the mocked response "${responseName}", which MockedResponses does not define` +
              `${likely ? ` (did you mean "${likely}"?)` : ''}. Defined: ${list([...responses.keys()])}.`,
          );
        } else {
          states.set(stateName, responseName);
        }
      }
      cases.set(caseName, states);
    }
    result.set(machineName, cases);
  }
  return result;
}
