import { nestedScopePath, nestedScopes } from '../../../definitions/asl-walk';
import { describeCondition } from './conditions';
import { jsonataText, languageOf, type QueryLanguage } from './expressions';
import { isObject, type Json, type JsonObject } from './json';

/**
 * A state machine definition read as a graph: the states of each scope (the top level, a Map's item processor,
 * each branch of a Parallel) with their outgoing transitions. Both the diff and the diagrams read definitions
 * through this, so they agree on what a transition is.
 */
export interface StateScope {
  /** '' for the top level, `items` for a Map's item processor, `branch <n>` for a Parallel branch. */
  readonly label: string;
  /** Where it sits: '' for the top level, `MapState` for a Map's item processor, `P › branch 2` for a branch. */
  readonly path: string;
  readonly startAt: string;
  /** In definition order. */
  readonly states: readonly GraphState[];
}

export interface GraphState {
  readonly name: string;
  readonly type: string;
  /** The state's own JSON, as written in the definition. */
  readonly json: JsonObject;
  /** The language its fields are written in: its own QueryLanguage, else the state machine's. */
  readonly language: QueryLanguage;
  readonly transitions: readonly Transition[];
  /** One scope for a Map, one per branch for a Parallel, none otherwise. */
  readonly scopes: readonly StateScope[];
}

export type TransitionKind = 'next' | 'choice' | 'default' | 'catch' | 'end';

export interface Transition {
  readonly kind: TransitionKind;
  /** The condition of a Choice rule, the errors of a Catch; '' otherwise. */
  readonly label: string;
  /** A state of the same scope; `null` for the end of the scope (End: true, Succeed). */
  readonly target: string | null;
}

/** Thrown for a definition that is not a state machine; its message names where and what to fix. */
export class DefinitionError extends Error {}

/** Reads a parsed definition (`{StartAt, States}`); `where` names it in error messages. */
export function readStateMachine(definition: Json, where: string): StateScope {
  const machine: QueryLanguage = isObject(definition) && definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  return readScope(definition, '', [], where, machine);
}

/** `machine`: the state machine's language, which nested states take too (an item processor or branch names none). */
function readScope(json: Json | undefined, label: string, path: readonly string[], where: string, machine: QueryLanguage): StateScope {
  if (!isObject(json) || typeof json.StartAt !== 'string' || !isObject(json.States)) {
    throw new DefinitionError(`${where}: expected an object with "StartAt" and "States"; synthesize again, or check the definition.`);
  }
  const states = Object.entries(json.States).map(([name, body]) => readState(name, body, [...path, name], `${where}, state '${name}'`, machine));
  const names = new Set(states.map((s) => s.name));
  const unknown = [json.StartAt, ...states.flatMap((s) => s.transitions.map((t) => t.target))].filter(
    (target): target is string => target !== null && !names.has(target),
  );
  if (unknown.length > 0) {
    throw new DefinitionError(`${where}: '${unknown[0]}' is a transition target but not a state of this scope; fix the definition.`);
  }
  return { label, path: path.join(PATH_SEPARATOR), startAt: json.StartAt, states };
}

function readState(name: string, body: Json, path: readonly string[], where: string, machine: QueryLanguage): GraphState {
  if (!isObject(body) || typeof body.Type !== 'string') {
    throw new DefinitionError(`${where}: a state must be an object with a "Type".`);
  }
  return { name, type: body.Type, json: body, language: languageOf(body, machine), transitions: transitionsOf(body), scopes: scopesOf(body, path, where, machine) };
}

function transitionsOf(state: JsonObject): Transition[] {
  const transitions: Transition[] = [];
  if (Array.isArray(state.Choices)) {
    for (const rule of state.Choices) {
      if (isObject(rule) && typeof rule.Next === 'string') {
        transitions.push({ kind: 'choice', label: describeCondition(rule), target: rule.Next });
      }
    }
  }
  if (typeof state.Default === 'string') transitions.push({ kind: 'default', label: 'default', target: state.Default });
  if (typeof state.Next === 'string') transitions.push({ kind: 'next', label: '', target: state.Next });
  if (state.End === true || state.Type === 'Succeed') transitions.push({ kind: 'end', label: '', target: null });
  if (Array.isArray(state.Catch)) {
    for (const catcher of state.Catch) {
      if (isObject(catcher) && typeof catcher.Next === 'string') {
        transitions.push({ kind: 'catch', label: catchLabel(catcher), target: catcher.Next });
      }
    }
  }
  return transitions;
}

/** The errors a catcher handles: `States.ALL`, `Lambda.ServiceException, States.Timeout`. */
export function catchLabel(catcher: JsonObject): string {
  return Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.map(String).join(', ') : '';
}

/** The scopes nested in a state, as definitions/asl-walk.ts finds them; a Map without an item processor is an error. */
function scopesOf(state: JsonObject, path: readonly string[], where: string, machine: QueryLanguage): StateScope[] {
  const nested = nestedScopes(state);
  if (state.Type === 'Map' && nested.length === 0) return [readScope(undefined, 'items', path, `${where} (item processor)`, machine)];
  return nested.map((scope) =>
    readScope(scope.json as Json, scope.label, nestedScopePath(path, scope), `${where} (${scope.kind === 'items' ? 'item processor' : scope.label})`, machine),
  );
}

/** A state with where it sits: `path` is unique in the state machine (`MapState › WaitInMap`). */
export interface PlacedState {
  readonly path: string;
  /** The path of the enclosing scope ('' at the top level). */
  readonly scopePath: string;
  readonly state: GraphState;
}

/** The separator of nested state paths. */
export const PATH_SEPARATOR = ' › ';

/** Every state of the machine, nested ones included, in definition order (a Map's states right after it). */
export function allStates(scope: StateScope): PlacedState[] {
  const placed: PlacedState[] = [];
  for (const state of scope.states) {
    const path = scope.path === '' ? state.name : `${scope.path}${PATH_SEPARATOR}${state.name}`;
    placed.push({ path, scopePath: scope.path, state });
    for (const inner of state.scopes) placed.push(...allStates(inner));
  }
  return placed;
}

/**
 * What a state does, in a few words: `Task · dynamodb:putItem`, `Wait 30 s`, `Fail · InvalidInput`. A JSONata
 * value is shown as its expression: `Wait ($states.input.delay) s`, `Map · inline, ($limit) at a time`.
 */
export function describeState(state: GraphState): string {
  const json = state.json;
  switch (state.type) {
    case 'Task':
      return `Task · ${shortResource(json.Resource)}`;
    case 'Wait': {
      if (typeof json.Seconds === 'number') return `Wait ${json.Seconds} s`;
      const seconds = jsonataText(json.Seconds);
      if (seconds !== undefined) return `Wait (${seconds}) s`;
      const until = jsonataText(json.Timestamp);
      if (until !== undefined) return `Wait until ${until}`;
      return `Wait ${String(json.SecondsPath ?? json.Timestamp ?? json.TimestampPath ?? '')}`.trim();
    }
    case 'Fail':
      return typeof json.Error === 'string' ? `Fail · ${jsonataText(json.Error) ?? json.Error}` : 'Fail';
    case 'Map': {
      const processor = nestedScopes(json)[0]?.json;
      const mode = isObject(processor) && isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED' ? 'distributed' : 'inline';
      const expression = jsonataText(json.MaxConcurrency);
      const fixed = typeof json.MaxConcurrency === 'number' && json.MaxConcurrency > 0 ? `${json.MaxConcurrency}` : undefined;
      const limit = expression !== undefined ? `, (${expression}) at a time` : fixed !== undefined ? `, ${fixed} at a time` : '';
      return `Map · ${mode}${limit}`;
    }
    case 'Parallel':
      return `Parallel · ${state.scopes.length} branches`;
    default:
      return state.type;
  }
}

/** `arn:aws:states:::dynamodb:putItem` → `dynamodb:putItem`; a Terraform reference → the resource's name. */
export function shortResource(resource: Json | undefined): string {
  if (typeof resource !== 'string') return '';
  const integration = /^arn:aws:states:::(.+)$/.exec(resource);
  if (integration) return integration[1];
  const reference = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}/.exec(resource);
  if (reference) return `${reference[1].replace(/^aws_/, '')} ${reference[2]}`;
  return resource;
}
