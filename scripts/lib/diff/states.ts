import { withoutNestedStates } from '../../../definitions/asl-walk';
import { describeCondition } from '../asl/conditions';
import { readablePath } from '../asl/expressions';
import { allStates, catchLabel, describeState, readStateMachine, type GraphState, type Transition } from '../asl/graph';
import { isObject, type Json, type JsonObject } from '../asl/json';
import { diffJson, type ValueChange } from './json-diff';

/** A transition that appeared, disappeared, or now leads elsewhere. */
export interface TransitionChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** `Next`, `Default`, `if $.id is not present`, `Catch States.ALL`. */
  readonly on: string;
  /** The target state, or `(end)`. */
  readonly before?: string;
  readonly after?: string;
}

export interface StateChange {
  /** Unique in the machine: nested states are `MapState › WaitInMap`, `P › branch 2 › X`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** What the state is (after the change; before it, for a removed state): `Task · dynamodb:putItem`. */
  readonly summary: string;
  readonly transitions: readonly TransitionChange[];
  /**
   * Parameters or Arguments, paths, Output, Assign (by variable: `Assign $total`), retries, a Catch's ResultPath or
   * Output, a Choice rule's changed condition (`rule #2 condition`) and the like; transitions are not repeated here.
   */
  readonly fields: readonly ValueChange[];
}

export interface StateMachineDiff {
  /** StartAt, TimeoutSeconds, Comment, ... of the machine itself. */
  readonly machine: readonly ValueChange[];
  readonly states: readonly StateChange[];
}

export const END = '(end)';

/**
 * Compares two parsed state machine definitions state by state (nested Map and Parallel states included).
 * `undefined` on one side means the machine was added or removed: every state is then added or removed.
 */
export function diffStateMachines(before: Json | undefined, after: Json | undefined, where: string): StateMachineDiff {
  const a = before === undefined ? undefined : readStateMachine(before, `${where} (before)`);
  const b = after === undefined ? undefined : readStateMachine(after, `${where} (after)`);
  const machine = diffJson(machineFields(before), machineFields(after));
  const statesA = new Map((a ? allStates(a) : []).map((p) => [p.path, p.state]));
  const statesB = new Map((b ? allStates(b) : []).map((p) => [p.path, p.state]));

  const states: StateChange[] = [];
  for (const [path, state] of statesB) {
    const old = statesA.get(path);
    const change = diffState(path, old, state);
    if (change) states.push(change);
  }
  for (const [path, state] of statesA) {
    if (!statesB.has(path)) states.push(diffState(path, state, undefined) as StateChange);
  }
  return { machine, states };
}

function diffState(path: string, before: GraphState | undefined, after: GraphState | undefined): StateChange | undefined {
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const rules = pairRules(before, after);
  const transitionsBefore = (before?.transitions ?? []).map((t) => (t.kind === 'choice' ? { ...t, label: rules.renamed.get(t.label) ?? t.label } : t));
  const transitions = diffTransitions(transitionsBefore, after?.transitions ?? []);
  const fields =
    kind === 'changed'
      ? [...rules.changes, ...diffJson(stateFields(before, after?.transitions ?? [], rules.renamed), stateFields(after, transitionsBefore)).map((c) => ({ ...c, path: readablePath(c.path) }))]
      : [];
  if (kind === 'changed' && transitions.length === 0 && fields.length === 0) return undefined;
  return { path, kind, summary: describeState((after ?? before) as GraphState), transitions, fields };
}

/**
 * Choice rules whose condition changed, paired by position: rule #n before and rule #n after, when neither
 * condition is found on the other side. Such a rule is one change (`rule #n condition: old → new`, in JSONata the two
 * expressions) rather than one transition gone and another new; `renamed` maps its old condition to the new, so that
 * its target and Assign/Output are compared as one rule's.
 */
function pairRules(before: GraphState | undefined, after: GraphState | undefined): { renamed: Map<string, string>; changes: ValueChange[] } {
  const renamed = new Map<string, string>();
  const changes: ValueChange[] = [];
  const rulesOf = (state: GraphState | undefined) => (state && Array.isArray(state.json.Choices) ? state.json.Choices.filter(isObject) : []);
  const [a, b] = [rulesOf(before), rulesOf(after)];
  const [conditionsA, conditionsB] = [a.map(describeCondition), b.map(describeCondition)];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [old, now] = [conditionsA[i], conditionsB[i]];
    if (old === now || conditionsB.includes(old) || conditionsA.includes(now) || renamed.has(old)) continue;
    renamed.set(old, now);
    // The condition as written: a JSONata Condition (shown as its expression), or the JSONPath rule read as one line.
    const written = (rule: JsonObject, text: string): Json => ('Condition' in rule ? rule.Condition : text);
    changes.push({ path: `rule #${i + 1} condition`, kind: 'changed', before: written(a[i], old), after: written(b[i], now) });
  }
  return { renamed, changes };
}

function diffTransitions(before: readonly Transition[], after: readonly Transition[]): TransitionChange[] {
  const a = byTrigger(before);
  const b = byTrigger(after);
  const changes: TransitionChange[] = [];
  for (const [on, target] of b) {
    const old = a.get(on);
    if (old === undefined) changes.push({ kind: 'added', on, after: target });
    else if (old !== target) changes.push({ kind: 'changed', on, before: old, after: target });
  }
  for (const [on, target] of a) if (!b.has(on)) changes.push({ kind: 'removed', on, before: target });
  return changes;
}

/** Transitions by what triggers them; a second rule with the same condition gets `(2)`. */
function byTrigger(transitions: readonly Transition[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const t of transitions) {
    const base = trigger(t);
    let on = base;
    for (let n = 2; map.has(on); n++) on = `${base} (${n})`;
    map.set(on, t.target ?? END);
  }
  return map;
}

function trigger(t: Transition): string {
  switch (t.kind) {
    case 'choice':
      return `if ${t.label}`;
    case 'default':
      return 'Default';
    case 'catch':
      return `Catch ${t.label}`;
    default:
      return 'Next';
  }
}

/** The definition without its states: StartAt, TimeoutSeconds, Comment, QueryLanguage, ... */
function machineFields(definition: Json | undefined): Json | undefined {
  if (!isObject(definition)) return definition;
  const { States: _states, ...rest } = definition;
  return rest;
}

/** Keys of a Choice rule that are neither its condition nor its target (those are shown as transitions). */
const RULE_CONTENT = new Set(['Comment', 'Assign', 'Output']);

/**
 * A state's JSON without what the transitions and nested states already say. Catchers and Choice rules are keyed
 * by their trigger and kept only when `other` has the same trigger: one that appeared or went away is already a
 * transition change, and its ResultPath should not be told twice.
 */
function stateFields(state: GraphState | undefined, otherTransitions: readonly Transition[], renamed = new Map<string, string>()): Json | undefined {
  if (!state) return undefined;
  // Nested states are compared one by one (their paths); what a Map's or Parallel's scopes say besides is a field.
  const { Next: _next, End: _end, Default: _default, Choices, Catch, ...rest } = withoutNestedStates(state.json) as JsonObject;
  const fields: JsonObject = { ...rest };
  const shared = new Set(byTrigger(otherTransitions).keys());
  const keyed = (entries: [string, JsonObject][]) => Object.fromEntries(entries.filter(([on, body]) => shared.has(on) && Object.keys(body).length > 0));
  const rules = Array.isArray(Choices) ? Choices.filter(isObject) : [];
  const ruleFields = keyed(rules.map((rule) => [`if ${renamed.get(describeCondition(rule)) ?? describeCondition(rule)}`, pick(rule, (key) => RULE_CONTENT.has(key))]));
  if (Object.keys(ruleFields).length > 0) fields.Choices = ruleFields;
  const catchers = Array.isArray(Catch) ? Catch.filter(isObject) : [];
  const catchFields = keyed(catchers.map((c) => [`Catch ${catchLabel(c)}`, pick(c, (key) => key !== 'Next' && key !== 'ErrorEquals')]));
  if (Object.keys(catchFields).length > 0) fields.Catch = catchFields;
  return fields;
}

function pick(object: JsonObject, keep: (key: string) => boolean): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => keep(key)));
}
