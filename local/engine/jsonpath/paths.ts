/**
 * Paths against a state's scope (Developer Guide, "Paths" and "Reference paths"; "Passing data between states with
 * variables"; "Context object"): `$…` reads the input, `$$…` the context object, `$name…` a variable, `$states…`
 * the `$states` binding where the core provides it (JSONPath Assign and a Catcher's Assign).
 *
 * Which fields take which kind of path (ASL spec "Paths"/"Reference Paths"; Developer Guide "Reference paths"):
 * - any Path (definite or indefinite): InputPath, OutputPath, `.$` values in payload templates (Parameters,
 *   ResultSelector, ItemSelector, JSONPath Assign) and intrinsic-function arguments;
 * - Reference Paths only (definite: no wildcard, slice, filter or deep scan): ResultPath, a Choice rule's Variable
 *   and `…Path` operands, ItemsPath, Wait SecondsPath/TimestampPath, TimeoutSecondsPath, HeartbeatSecondsPath,
 *   MaxConcurrencyPath, ToleratedFailureCountPath/PercentagePath, Fail ErrorPath/CausePath. Use
 *   {@link isReferencePath} (./path-parser) to check them when a definition loads.
 */
import type { PathScope } from '../query-languages';
import { PathNotFoundError } from './errors';
import { JaywayPathNotFound, select } from './path-eval';
import { type ParsedPath, parsePath } from './path-parser';

const NOT_FOUND = Symbol('not found');

function rootValue(path: ParsedPath, scope: PathScope): unknown | typeof NOT_FOUND {
  switch (path.root.kind) {
    case 'input':
      return scope.input;
    case 'context':
      return scope.context;
    case 'states': {
      if (!scope.states) return NOT_FOUND;
      const states: Record<string, unknown> = { input: scope.states.input, context: scope.states.context };
      if (scope.states.result !== undefined) states.result = scope.states.result;
      if (scope.states.errorOutput !== undefined) states.errorOutput = scope.states.errorOutput;
      return states;
    }
    case 'variable':
      return Object.hasOwn(scope.variables, path.root.name) ? scope.variables[path.root.name] : NOT_FOUND;
  }
}

/**
 * The value at `path`. Throws PathNotFoundError (States.Runtime) when a definite path selects nothing; `field`
 * chooses AWS's wording (see ./errors). Indefinite paths answer an array, `[]` when they select nothing.
 */
export function evaluatePath(path: string, scope: PathScope, field?: string): unknown {
  const parsed = parsePath(path);
  const data = rootValue(parsed, scope);
  if (data === NOT_FOUND) {
    if (!parsed.definite) return [];
    throw new PathNotFoundError(path, `No results for path: ${path}`, scope.input, field);
  }
  try {
    return select(parsed, data);
  } catch (e) {
    if (e instanceof JaywayPathNotFound) throw new PathNotFoundError(path, e.message, scope.input, field);
    throw e;
  }
}

/** True when a definite path selects a node (a JSON null counts), or an indefinite one selects at least one. */
export function pathExists(path: string, scope: PathScope): boolean {
  const parsed = parsePath(path);
  const data = rootValue(parsed, scope);
  if (data === NOT_FOUND) return false;
  try {
    const value = select(parsed, data);
    return parsed.definite || (value as unknown[]).length > 0;
  } catch (e) {
    if (e instanceof JaywayPathNotFound) return false;
    throw e;
  }
}
