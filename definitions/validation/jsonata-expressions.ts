/**
 * The JSONata expressions of a definition's JSONata states, checked as AWS checks them when the definition is
 * created: each `{% … %}` string must parse (`INVALID_JSONATA_EXPRESSION`), must not read the context item at the
 * top level (the state input is `$states.input`; a bare name such as `phone` reads nothing:
 * `UNSUPPORTED_JSONATA_EXPRESSION`), and may read `$states.errorOutput` only in a catcher.
 *
 * Sources: Developer Guide, "Transforming data with JSONata in Step Functions" (`{% %}` syntax, `$states`) and
 * "Passing data between states with variables" › "Reserved variable: $states" (errorOutput only in a Catch); the
 * codes and messages are AWS's as recorded in floci-io/floci#2670, #2745 and anomalyco/sst#6110; AWS's own
 * Step Functions guidance for agents (aws/agent-toolkit-for-aws, "transforming-data") also says `$`, `$$` and
 * unqualified field names may not be used at the top level.
 *
 * Parsed with the reference `jsonata` package, loaded on first use (a JSONPath-only definition never loads it).
 */
import { withoutNestedStates } from '../asl-walk';
import type { AslValidatorError } from './error';
import { pointerTo, type PlacedState } from './states';

export interface JsonataNode {
  readonly type: string;
  readonly value?: unknown;
  readonly steps?: JsonataNode[];
  readonly [key: string]: unknown;
}
type Parse = (expression: string) => { ast(): JsonataNode };

let parse: Parse | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadParser = (): Parse => (parse ??= require('jsonata') as Parse);

/** The syntax tree of a JSONata expression, or undefined when it does not parse (jsonataExpressionProblems says why). */
export function jsonataAst(expression: string): JsonataNode | undefined {
  try {
    return loadParser()(expression).ast();
  } catch {
    return undefined;
  }
}

/** `{% expr %}`: the whole string, nothing before or after (Developer Guide, "Transforming data with JSONata"). */
export const EXPRESSION = /^\{%([\s\S]*)%\}$/;
/** Fields of a JSONata state that are never evaluated. */
const NOT_EVALUATED = new Set(['Type', 'Comment', 'QueryLanguage', 'Next', 'End', 'Default', 'Resource', 'Retry', 'Label', 'ProcessorConfig', 'Catch', 'Choices']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each `{% %}` string in a value, with its pointer. */
function expressionsIn(value: unknown, path: string, found: [string, string][]): void {
  if (typeof value === 'string') {
    const match = EXPRESSION.exec(value);
    if (match) found.push([match[1], path]);
  } else if (Array.isArray(value)) value.forEach((item, i) => expressionsIn(item, pointerTo(path, i), found));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) expressionsIn(item, pointerTo(path, key), found);
}

/**
 * Names read from the context item where no context exists, and `$`/`$$` (the context item, the root) there: the
 * first step of a path that is itself evaluated at the top level. Later steps, predicates, sort terms and lambda bodies are evaluated against a context the
 * expression made, so a name there is fine.
 */
function topLevelNames(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((item) => topLevelNames(item, names));
  if (!isObject(node)) return;
  const { type } = node as JsonataNode;
  if (type === 'path') {
    const [first] = (node as JsonataNode).steps ?? [];
    if (first?.type === 'name') names.add(String(first.value));
    else if (first) topLevelNames(withoutRelativeParts(first), names);
    return;
  }
  if (type === 'variable' && (node.value === '' || node.value === '$')) names.add(node.value === '' ? '$' : '$$');
  if (type === 'lambda') return;
  for (const [key, value] of Object.entries(node)) if (key !== 'stages' && key !== 'predicate' && key !== 'group') topLevelNames(value, names);
}

function withoutRelativeParts(step: JsonataNode): Record<string, unknown> {
  const { stages: _stages, predicate: _predicate, group: _group, ...rest } = step;
  return rest;
}

/** Whether a parsed expression reads `$states.<field>`. */
function readsStates(node: unknown, field: 'errorOutput' | 'result'): boolean {
  if (Array.isArray(node)) return node.some((n) => readsStates(n, field));
  if (!isObject(node)) return false;
  const steps = (node as JsonataNode).steps;
  if (node.type === 'path' && steps?.[0]?.type === 'variable' && steps[0].value === 'states' && steps[1]?.value === field) return true;
  return Object.values(node).some((n) => readsStates(n, field));
}

/** Where `$states.result` exists: a Task's, Map's or Parallel's own Output and Assign (not a catcher's, not Arguments). */
export const HAS_RESULT: ReadonlySet<string> = new Set(['Task', 'Map', 'Parallel']);

/** Where an expression is evaluated: in a catcher (`$states.errorOutput` exists), after a result (`$states.result` exists). */
export interface ExpressionPlace {
  readonly inCatcher: boolean;
  readonly resultHere: boolean;
}

/**
 * The problems of one JSONata expression (the text between `{%` and `%}`) evaluated at `place`, as AWS names them:
 * the builders (definitions/jsonata-render.ts) ask this when they render, the validator below for each field.
 */
export function jsonataExpressionProblems(expression: string, place: ExpressionPlace): Omit<AslValidatorError, 'path'>[] {
  let ast: JsonataNode;
  try {
    ast = loadParser()(expression).ast();
  } catch (error) {
    const reason = (error as { message?: string }).message ?? String(error);
    return [{ 'Error code': 'INVALID_JSONATA_EXPRESSION', Message: `The JSONata expression '${expression.trim()}' does not parse: ${reason}` }];
  }
  const problems: Omit<AslValidatorError, 'path'>[] = [];
  const names = new Set<string>();
  topLevelNames(ast, names);
  for (const name of names) {
    const instead = name.startsWith('$') ? 'read the state input as $states.input' : `read the state input as $states.input.${name}, or a variable as $${name}`;
    problems.push({ 'Error code': 'UNSUPPORTED_JSONATA_EXPRESSION', Message: `Reference to '${name}' at the top level is not supported: ${instead}` });
  }
  if (!place.inCatcher && readsStates(ast, 'errorOutput')) {
    problems.push({ 'Error code': 'UNSUPPORTED_JSONATA_EXPRESSION', Message: "Field '$states.errorOutput' does not exist here: it is only available in a Catch's Output and Assign" });
  }
  if (!place.resultHere && readsStates(ast, 'result')) {
    problems.push({ 'Error code': 'UNSUPPORTED_JSONATA_EXPRESSION', Message: "Field '$states.result' does not exist here: it is only available in the Output and Assign of a Task, Map or Parallel state" });
  }
  return problems;
}

function check(expression: string, path: string, inCatcher: boolean, resultHere: boolean, errors: AslValidatorError[]): void {
  for (const problem of jsonataExpressionProblems(expression, { inCatcher, resultHere })) errors.push({ ...problem, path });
}

/** The errors in every JSONata expression of the definition's JSONata states. */
export function jsonataExpressionErrors(placed: readonly PlacedState[]): AslValidatorError[] {
  const errors: AslValidatorError[] = [];
  for (const { state, pointer, language } of placed) {
    if (language !== 'JSONata') continue;
    const found: [string, string, boolean, boolean][] = [];
    const collect = (value: unknown, path: string, inCatcher: boolean, resultHere: boolean) => {
      const here: [string, string][] = [];
      expressionsIn(value, path, here);
      for (const [expression, at] of here) found.push([expression, at, inCatcher, resultHere]);
    };
    for (const [field, value] of Object.entries(withoutNestedStates(state))) {
      const resultHere = HAS_RESULT.has(String(state.Type)) && (field === 'Output' || field === 'Assign');
      if (!NOT_EVALUATED.has(field) && field !== 'ItemProcessor' && field !== 'Iterator' && field !== 'Branches') collect(value, pointerTo(pointer, field), false, resultHere);
    }
    for (const [list, inCatcher] of [['Catch', true], ['Choices', false]] as const) {
      for (const [i, entry] of (Array.isArray(state[list]) ? (state[list] as unknown[]) : []).entries()) {
        if (!isObject(entry)) continue;
        for (const field of ['Condition', 'Output', 'Assign']) if (field in entry) collect(entry[field], pointerTo(pointer, list, i, field), inCatcher, false);
      }
    }
    for (const [expression, at, inCatcher, resultHere] of found) check(expression, at, inCatcher, resultHere, errors);
  }
  return errors;
}
