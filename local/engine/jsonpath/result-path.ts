/**
 * ResultPath (Developer Guide, "Specifying state output using ResultPath in Step Functions"; ASL spec, "Using
 * ResultPath"): where a state's result goes in its raw input.
 * - absent or `$`: the result replaces the input, whatever the input is;
 * - `null`: the result is discarded and the input passes through;
 * - a Reference Path `$.a.b`: the input is copied (never changed in place) and the result is set there, missing
 *   objects on the way created; an array element may be replaced by index when it exists.
 * Setting a field on something that is not a JSON object fails with States.ResultPathMatchFailure. AWS does not
 * publish that cause text; ours is `Unable to apply step "<field>" to input <JSON of the value there>` (assumed).
 */
import { StatesError, STATES_ERRORS } from '../errors';
import { compactJson, DefinitionError } from './errors';
import { parsePath, type Segment } from './path-parser';

type Step = { kind: 'prop'; name: string } | { kind: 'index'; index: number };

function stepsOf(resultPath: string): Step[] {
  const parsed = parsePath(resultPath);
  const steps: Step[] = [];
  const simple = (s: Segment) =>
    (s.kind === 'prop' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1);
  if (parsed.root.kind !== 'input' || !parsed.segments.every(simple)) {
    throw new DefinitionError(
      `The ResultPath '${resultPath}' must be a Reference Path into the state input: '$' followed by fields and array ` +
        "indexes (no '$$', variables, wildcards, slices, filters or '..').",
    );
  }
  for (const s of parsed.segments) {
    steps.push(s.kind === 'prop' ? { kind: 'prop', name: s.names[0] } : { kind: 'index', index: (s as { indexes: number[] }).indexes[0] });
  }
  return steps;
}

function mismatch(step: Step, node: unknown): StatesError {
  const name = step.kind === 'prop' ? step.name : `[${step.index}]`;
  return new StatesError(STATES_ERRORS.ResultPathMatchFailure, `Unable to apply step "${name}" to input ${compactJson(node)}`);
}

function place(node: unknown, steps: Step[], at: number, result: unknown): unknown {
  if (at === steps.length) return result;
  const step = steps[at];
  if (step.kind === 'prop') {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) throw mismatch(step, node);
    const obj = node as Record<string, unknown>;
    const child = Object.hasOwn(obj, step.name) ? obj[step.name] : at + 1 < steps.length ? {} : undefined;
    return { ...obj, [step.name]: place(child, steps, at + 1, result) };
  }
  if (!Array.isArray(node)) throw mismatch(step, node);
  const index = step.index < 0 ? node.length + step.index : step.index;
  if (index < 0 || index >= node.length) throw mismatch(step, node);
  const copy = node.slice();
  copy[index] = place(node[index], steps, at + 1, result);
  return copy;
}

export function applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined) return result;
  return place(input, stepsOf(resultPath), 0, result);
}
