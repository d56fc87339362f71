/**
 * Workflow variables checked over a rendered definition, before it is validated (Developer Guide, "Passing data
 * between states with variables"):
 * - use before assignment: a state may read `$x` only if every path to it assigned `x`. A state's Assign takes
 *   effect when the state ends; a catcher applies its own Assign, not the failed state's; a Choice's top-level
 *   Assign applies whichever rule matched (or the Default), together with the matched rule's own ("Choice workflow
 *   state" › Choice Rules; local/engine/states/choice.ts does the same).
 * - scopes: a Map iteration or Parallel branch reads the variables its Map or Parallel saw when entered, but cannot
 *   assign a variable of an enclosing scope; a Distributed Map's child executions start with no variables.
 * Reads are found in `{% %}` expressions (JSONata states) and in `.$` values, `…Path` fields and Choice `Variable`s
 * (JSONPath states). One sentence per problem, naming the state and the variable.
 */
import { nestedScopes, statesOf, walkStates, withoutNestedStates, type AslJsonState } from './asl-walk';
import { EXPRESSION, jsonataAst } from './validation/jsonata-expressions';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The functions of JSONata and those Step Functions adds: `$name` of one of these, not called, is a function value
 * (`$map(xs, $string)`) unless the definition assigns a variable of that name, which then hides the function.
 */
const FUNCTIONS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join ' +
    'formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single foldLeft sift ' +
    'keys lookup append exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl ' +
    'decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis partition range hash uuid parse'
  ).split(' '),
);

/** Variables a JSONata expression reads: `$name` nodes, less the names it binds itself (`:=`, lambda parameters, `@$x`, `#$i`). */
function jsonataReads(expression: string, reads: Set<string>, variables: ReadonlySet<string>): void {
  const ast = jsonataAst(expression);
  if (ast === undefined) return; // a syntax error is reported where the expression renders
  const found = new Set<string>();
  const bound = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    // `$` (value '') is the context item and `$$` (value '$') the input root, not variables.
    if (node.type === 'variable' && typeof node.value === 'string' && node.value !== '' && node.value !== '$') found.add(node.value);
    if (node.type === 'bind' && isObject(node.lhs)) bound.add(String(node.lhs.value));
    for (const key of ['focus', 'index']) if (typeof node[key] === 'string') bound.add(node[key] as string);
    if (node.type === 'lambda' && Array.isArray(node.arguments)) for (const arg of node.arguments) if (isObject(arg)) bound.add(String(arg.value));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'procedure' && isObject(value) && value.type === 'variable') continue; // a function call
      visit(value);
    }
  };
  visit(ast);
  for (const name of found) if (name !== 'states' && !bound.has(name) && (!FUNCTIONS.has(name) || variables.has(name))) reads.add(name);
}

/** Variables a JSONPath path or intrinsic reads: `$name…` outside quoted strings (`$.x` and `$$.x` are not variables). */
function jsonPathReads(text: string, reads: Set<string>): void {
  const unquoted = text.replace(/'(?:\\.|[^'\\])*'/g, "''");
  for (const match of unquoted.matchAll(/(?<![\w$])\$(\p{ID_Start}\p{ID_Continue}*)/gu)) reads.add(match[1]);
}

/** Every variable a state reads in its own fields (not its nested states'), in its language. */
function readsOf(state: AslJsonState, jsonata: boolean, variables: ReadonlySet<string>): Set<string> {
  const reads = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      const expression = EXPRESSION.exec(value);
      if (jsonata && expression) jsonataReads(expression[1], reads, variables);
      else if (!jsonata && (key.endsWith('.$') || (key.endsWith('Path') && key !== 'ResultPath') || key === 'Variable')) jsonPathReads(value, reads);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(withoutNestedStates(state), '');
  return reads;
}

const assignedBy = (holder: unknown): string[] =>
  isObject(holder) && isObject(holder.Assign) ? Object.keys(holder.Assign).map((k) => k.replace(/\.\$$/, '')) : [];

/** The transitions of a state, each with the variables it assigns on the way. */
function edgesOf(state: AslJsonState): { next: string; assigns: string[] }[] {
  const edges: { next: string; assigns: string[] }[] = [];
  if (typeof state.Next === 'string') edges.push({ next: state.Next, assigns: assignedBy(state) });
  if (typeof state.Default === 'string') edges.push({ next: state.Default, assigns: assignedBy(state) });
  for (const list of ['Choices', 'Catch']) {
    const inherited = list === 'Choices' ? assignedBy(state) : [];
    for (const entry of Array.isArray(state[list]) ? (state[list] as unknown[]) : []) {
      if (isObject(entry) && typeof entry.Next === 'string') edges.push({ next: entry.Next, assigns: [...inherited, ...assignedBy(entry)] });
    }
  }
  return edges;
}

/** Every name a state assigns anywhere (its Assign, its rules', its catchers'). */
function allAssigned(state: AslJsonState): string[] {
  const lists = ['Choices', 'Catch'].flatMap((list) => (Array.isArray(state[list]) ? (state[list] as unknown[]) : []));
  return [...assignedBy(state), ...lists.flatMap(assignedBy)];
}

interface ScopeContext {
  readonly label: string;
  /** Variables assigned on every path before the scope starts (what its first state sees). */
  readonly visible: ReadonlySet<string>;
  /** Variables any enclosing scope assigns: an inner state may not assign them. */
  readonly outer: ReadonlySet<string>;
  /** Every name the definition assigns anywhere. */
  readonly variables: ReadonlySet<string>;
  /** Set for the item processor of a Distributed Map: the Map's name, and what the Map itself saw. */
  readonly distributed?: { readonly map: string; readonly parentVisible: ReadonlySet<string> };
}

function checkScope(scope: Record<string, unknown>, machineJsonata: boolean, context: ScopeContext, errors: string[]): void {
  const states = new Map(statesOf(scope));
  const start = typeof scope.StartAt === 'string' ? scope.StartAt : undefined;
  if (start === undefined || !states.has(start)) return;
  const seen = new Map<string, Set<string>>([[start, new Set(context.visible)]]);
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const state = states.get(name) as AslJsonState;
    const before = seen.get(name) as Set<string>;
    for (const { next, assigns } of edgesOf(state)) {
      if (!states.has(next)) continue;
      const after = new Set([...before, ...assigns]);
      const known = seen.get(next);
      const merged = known === undefined ? after : new Set([...known].filter((v) => after.has(v)));
      if (known === undefined || merged.size !== known.size) {
        seen.set(next, merged);
        queue.push(next);
      }
    }
  }
  const assignedHere = new Set([...seen.keys()].flatMap((name) => allAssigned(states.get(name) as AslJsonState)));
  for (const [name, visible] of seen) {
    const state = states.get(name) as AslJsonState;
    const jsonata = state.QueryLanguage === undefined ? machineJsonata : state.QueryLanguage === 'JSONata';
    for (const variable of readsOf(state, jsonata, context.variables)) {
      if (visible.has(variable)) continue;
      if (context.distributed?.parentVisible.has(variable)) {
        errors.push(
          `State '${name}' in ${context.label} reads $${variable}, but the child executions of Distributed Map '${context.distributed.map}' start with no variables: pass the value in the Map's ItemSelector and read it from the input.`,
        );
      } else {
        errors.push(
          `State '${name}' in ${context.label} reads $${variable} before it is assigned on every path to '${name}': assign it in an earlier state ` +
            "(a state's Assign takes effect when the state ends, and a catcher applies only its own Assign).",
        );
      }
    }
    for (const variable of new Set(allAssigned(state))) {
      if (!context.outer.has(variable)) continue;
      errors.push(
        `State '${name}' in ${context.label} assigns $${variable}, a variable of an enclosing scope: a state inside a Map or Parallel cannot assign an outer variable. ` +
          "Give the inner variable another name, and hand values back through the Map's or Parallel's output.",
      );
    }
    for (const nested of nestedScopes(state)) {
      if (!isObject(nested.json)) continue;
      const label = nested.kind === 'items' ? `the item processor of Map '${name}'` : `${nested.label} of Parallel '${name}'`;
      const processor = nested.json.ProcessorConfig;
      const distributed = isObject(processor) && processor.Mode === 'DISTRIBUTED';
      const inner: ScopeContext = distributed
        ? { label, visible: new Set(), outer: new Set(), variables: context.variables, distributed: { map: name, parentVisible: visible } }
        : { label, visible, outer: new Set([...context.outer, ...assignedHere]), variables: context.variables };
      checkScope(nested.json, machineJsonata, inner, errors);
    }
  }
}

/** The misuses of workflow variables in a rendered definition, one sentence each (none for a definition without variables). */
export function variableErrors(definition: object): string[] {
  const errors: string[] = [];
  const machine = definition as Record<string, unknown>;
  const variables = new Set(walkStates(definition).flatMap(({ state }) => allAssigned(state)));
  checkScope(machine, machine.QueryLanguage === 'JSONata', { label: 'the top level', visible: new Set(), outer: new Set(), variables }, errors);
  return errors;
}
