import { walkStates } from '../definitions/asl-walk';
import { validateAsl } from '../definitions/validate';
import { LocalSetupError } from './errors';

/**
 * Reads a resolved definition at load: checks it with the validator synth uses (definitions/validate.ts, which knows
 * JSONPath, JSONata and variables) and lists its Task states, nested ones included, so that each gets a local handler
 * before anything runs.
 */

export interface CheckedDefinition {
  /** Task state name → Resource, Map item processors and Parallel branches included. */
  readonly tasks: ReadonlyMap<string, string>;
}

export function checkDefinition(machineName: string, definition: Record<string, unknown>): CheckedDefinition {
  validate(machineName, definition);
  const tasks = new Map<string, string>();
  const seen = new Set<string>();
  for (const { name, state } of walkStates(definition)) {
    if (seen.has(name)) {
      throw new LocalSetupError(
        `State machine '${machineName}', state '${name}': the name is used twice; local Task handlers, faults and mocked responses find a state by its name, so give each state its own name.`,
      );
    }
    seen.add(name);
    if (state.Type === 'Task') tasks.set(name, String(state.Resource));
  }
  return { tasks };
}

function validate(machineName: string, definition: Record<string, unknown>): void {
  // The same validator (and record of definitions already found valid) synth uses.
  const errors = validateAsl(definition);
  if (errors.length === 0) return;
  const problems = errors.map((e) => `  - ${e.Message}${e.path ? ` (at ${e.path})` : ''}`).join('\n');
  throw new LocalSetupError(`The definition of state machine '${machineName}' is not valid Amazon States Language:\n${problems}`);
}
