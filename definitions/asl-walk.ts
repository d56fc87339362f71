/**
 * Walking Amazon States Language as JSON: where a state's nested states live and every state of a definition
 * with its place. The one reader of ASL nesting: the builders here render it, and everything that reads a
 * definition back (the local runner, the diff, the diagrams, the loader's history count, the bench's usage
 * count) walks it through this. Pure: JSON in, references into the same JSON out; nothing is copied or checked.
 *
 * Nesting, as the ASL specification has it (https://states-language.net/spec.html, "Map State" and "Parallel
 * State"; https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html): a Map state runs the
 * states of its `ItemProcessor` (`Iterator` in older definitions) for each item; a Parallel state runs each of
 * its `Branches`. Each of those is a scope of its own (`StartAt`, `States`).
 */

/** A state as JSON: the object under `States.<name>`. */
export type AslJsonState = Record<string, unknown>;

/** A scope as JSON: the top level of a definition, a Map's item processor, or a Parallel branch. */
export type AslJsonScope = Record<string, unknown>;

/** A scope nested in a state. */
export interface NestedScope {
  readonly kind: 'items' | 'branch';
  /** `items` for a Map's item processor, `branch <n>` (from 1) for a Parallel branch. */
  readonly label: string;
  /** The state's field that holds it: `ItemProcessor`, `Iterator` or `Branches`. */
  readonly key: 'ItemProcessor' | 'Iterator' | 'Branches';
  /** The scope's JSON, as the definition holds it (not checked: it may lack StartAt or States). */
  readonly json: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The scopes nested in a state: one for a Map (`ItemProcessor`, else `Iterator`), one per branch of a Parallel, none otherwise. */
export function nestedScopes(state: AslJsonState): NestedScope[] {
  if (state.Type === 'Map') {
    const key = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    return state[key] === undefined ? [] : [{ kind: 'items', label: 'items', key, json: state[key] }];
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return state.Branches.map((json, i) => ({ kind: 'branch', label: `branch ${i + 1}`, key: 'Branches', json }));
  }
  return [];
}

/**
 * The path of a nested scope, from the path of the state that holds it: a Map's item processor shares the Map's
 * path (`MapState`, so its states are `MapState › WaitInMap`); a Parallel branch adds its label
 * (`P › branch 2`), since two branches may use the same state names.
 */
export function nestedScopePath(statePath: readonly string[], scope: NestedScope): string[] {
  return scope.kind === 'branch' ? [...statePath, scope.label] : [...statePath];
}

/**
 * A copy of a state without the states nested in it: each nested scope keeps its other fields (StartAt,
 * ProcessorConfig, …). What a state says itself, for comparing it apart from its nested states.
 */
export function withoutNestedStates(state: AslJsonState): AslJsonState {
  const copy: AslJsonState = { ...state };
  const strip = (scope: unknown) => (isObject(scope) ? Object.fromEntries(Object.entries(scope).filter(([key]) => key !== 'States')) : scope);
  for (const { key } of nestedScopes(state)) copy[key] = Array.isArray(state[key]) ? (state[key] as unknown[]).map(strip) : strip(state[key]);
  return copy;
}

/** A state of a definition, with where it sits. */
export interface WalkedState {
  readonly name: string;
  readonly state: AslJsonState;
  /** From the top level down: `['MapState', 'WaitInMap']`, `['P', 'branch 2', 'X']`; unique in the definition. */
  readonly path: readonly string[];
  /** The scope that holds it (its `States` has the state under `name`). */
  readonly scope: AslJsonScope;
  /** 0 at the top level, 1 inside a Map or Parallel, … */
  readonly depth: number;
}

/** Every scope of a definition, the top level first, each nested scope right after the state that holds it. */
export function walkScopes(definition: unknown): { readonly scope: AslJsonScope; readonly path: readonly string[]; readonly depth: number }[] {
  const scopes: { scope: AslJsonScope; path: readonly string[]; depth: number }[] = [];
  const visit = (scope: unknown, path: readonly string[], depth: number) => {
    if (!isObject(scope)) return;
    scopes.push({ scope, path, depth });
    for (const [name, state] of statesOf(scope)) {
      for (const nested of nestedScopes(state)) visit(nested.json, nestedScopePath([...path, name], nested), depth + 1);
    }
  };
  visit(definition, [], 0);
  return scopes;
}

/**
 * Every state of a definition in definition order, the states of a Map or Parallel right after it (depth first).
 * Scopes or states that are not objects are passed over: checking a definition is the validator's job.
 */
export function walkStates(definition: unknown): WalkedState[] {
  const walked: WalkedState[] = [];
  const visit = (scope: unknown, scopePath: readonly string[], depth: number) => {
    if (!isObject(scope)) return;
    for (const [name, state] of statesOf(scope)) {
      const path = [...scopePath, name];
      walked.push({ name, state, path, scope, depth });
      for (const nested of nestedScopes(state)) visit(nested.json, nestedScopePath(path, nested), depth + 1);
    }
  };
  visit(definition, [], 0);
  return walked;
}

/** The states of one scope (not nested ones), by name, in definition order. */
export function statesOf(scope: AslJsonScope): [string, AslJsonState][] {
  return isObject(scope.States) ? Object.entries(scope.States).filter((entry): entry is [string, AslJsonState] => isObject(entry[1])) : [];
}
