import { nestedScopes, walkScopes, walkStates, type AslJsonState } from '../definitions/asl-walk';
import { validateAsl } from '../definitions/validate';
import { LocalSetupError } from './errors';

/**
 * Reads a resolved definition for what the interpreter needs to be told (every Task, Wait and Retry by name),
 * refuses what it cannot run, and rewrites the few constructs aws-local-stepfunctions 3 gets wrong.
 */

export type AslState = Record<string, unknown> & { Type: string };
export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [key: string]: unknown;
}

export interface PreparedDefinition {
  /** A rewritten copy for the interpreter; the original is left as it is. */
  readonly definition: AslMachine;
  /** Task state name → Resource. */
  readonly tasks: ReadonlyMap<string, string>;
  readonly waitStates: readonly string[];
  readonly retryStates: readonly string[];
  /** Where the local run differs from AWS, in sentences. */
  readonly notes: readonly string[];
}

/** The interpreter's Task timeout defaults to 60 s; on AWS a Task without one may run as long as the execution. */
const NO_TASK_TIMEOUT_SECONDS = 2_147_483; // the longest a Node.js timer can wait

export function prepareDefinition(machineName: string, original: Record<string, unknown>): PreparedDefinition {
  validate(machineName, original);
  const definition = JSON.parse(JSON.stringify(original)) as AslMachine;
  const tasks = new Map<string, string>();
  const waitStates: string[] = [];
  const retryStates: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const where = (name: string) => `State machine '${machineName}', state '${name}'`;

  for (const { scope } of walkScopes(definition)) {
    if (scope.QueryLanguage === 'JSONata') throw new LocalSetupError(`State machine '${machineName}' uses JSONata, which the local interpreter does not support.`);
  }
  for (const { name, state } of walkStates(definition)) {
    if (seen.has(name)) throw new LocalSetupError(`${where(name)}: the name is used twice; local Task handlers are found by state name, so names must be unique.`);
    seen.add(name);
    for (const field of ['QueryLanguage', 'Assign', 'Arguments', 'Output']) {
      if (field in state) throw new LocalSetupError(`${where(name)}: ${field} (JSONata / variables) is not supported by the local interpreter.`);
    }
    if (Array.isArray(state.Retry)) retryStates.push(name);
    if (state.Type === 'Wait') waitStates.push(name);
    if (state.Type === 'Choice') state.Choices = (state.Choices as Record<string, unknown>[]).map(rewriteNegativeTypeTests);
    dropWholeResultPaths(state as AslState);
    if (state.Type === 'Task') {
      tasks.set(name, String(state.Resource));
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = NO_TASK_TIMEOUT_SECONDS;
      if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) notes.push(`${where(name)}: HeartbeatSeconds is ignored locally.`);
      if ('Credentials' in state) notes.push(`${where(name)}: Credentials (cross-account role) is ignored locally.`);
    }
    if (state.Type === 'Map') prepareMap(name, state);
  }

  function prepareMap(name: string, state: AslJsonState): void {
    for (const field of ['ItemReader', 'ResultWriter', 'ItemBatcher']) {
      if (field in state) {
        throw new LocalSetupError(`${where(name)}: a Distributed Map with ${field} is not supported by the local interpreter; use the inline Map mode to run it locally.`);
      }
    }
    for (const { json } of nestedScopes(state)) {
      const processor = json as Record<string, unknown>;
      const config = processor.ProcessorConfig as { Mode?: string } | undefined;
      if (config?.Mode === 'DISTRIBUTED') notes.push(`${where(name)}: a DISTRIBUTED Map runs inline locally (no child executions, no Map Run).`);
      delete processor.ProcessorConfig;
    }
  }

  return { definition, tasks, waitStates, retryStates, notes };
}

/**
 * `{"Variable": "$.id", "IsString": false}` never matches in aws-local-stepfunctions 3.0 (it tests
 * `IsString && typeof v === 'string'`). `Not` of the positive test means the same and runs correctly there.
 */
export function rewriteNegativeTypeTests(rule: Record<string, unknown>): Record<string, unknown> {
  const rewritten: Record<string, unknown> = { ...rule };
  if (Array.isArray(rule.And)) rewritten.And = rule.And.map(rewriteNegativeTypeTests);
  if (Array.isArray(rule.Or)) rewritten.Or = rule.Or.map(rewriteNegativeTypeTests);
  if (rule.Not && typeof rule.Not === 'object') rewritten.Not = rewriteNegativeTypeTests(rule.Not as Record<string, unknown>);
  for (const test of ['IsPresent', 'IsNull', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) {
    if (rule[test] === false) {
      const { Next, [test]: _negated, ...rest } = rewritten;
      return { ...(Next !== undefined && { Next }), Not: { ...rest, [test]: true } };
    }
  }
  return rewritten;
}

/**
 * `"ResultPath": "$"` (the result replaces the input, on a state or a catcher) is the default, and the only way to
 * keep an error when the input is not an object. aws-local-stepfunctions 3.0 instead writes the result under a
 * key named "$" (and refuses a non-object input with States.ResultPathMatchFailure); leaving the field out means
 * the same on AWS and runs correctly there.
 */
export function dropWholeResultPaths(state: AslState): void {
  if (state.ResultPath === '$') delete state.ResultPath;
  for (const catcher of (state.Catch ?? []) as Record<string, unknown>[]) if (catcher.ResultPath === '$') delete catcher.ResultPath;
}

function validate(machineName: string, definition: Record<string, unknown>): void {
  // The same validator (and record of definitions already found valid) synth uses.
  const errors = validateAsl(definition);
  if (errors.length === 0) return;
  const problems = errors.map((e) => `  - ${e.Message}${e.path ? ` (at ${e.path})` : ''}`).join('\n');
  throw new LocalSetupError(`The definition of state machine '${machineName}' is not valid Amazon States Language:\n${problems}`);
}
