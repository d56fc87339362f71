/**
 * Every state of a definition with its JSON pointer and the query language it is evaluated in: what the checks
 * beside this file walk. Scopes are found through definitions/asl-walk.ts (the one reader of ASL nesting).
 */
import { nestedScopes, statesOf, type AslJsonState } from '../asl-walk';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface PlacedState {
  readonly name: string;
  readonly state: AslJsonState;
  /** `/States/M/ItemProcessor/States/E`, `/States/P/Branches/0/States/A`. */
  readonly pointer: string;
  /** The state's own `QueryLanguage` when it has one, else the machine's (JSONPath when the machine names none). */
  readonly language: QueryLanguage;
  /** The machine's language, which every state inherits (nested ones too). */
  readonly machineLanguage: QueryLanguage;
}

/** The JSON pointer of a key under a pointer (RFC 6901 escapes). */
export function pointerTo(base: string, ...keys: (string | number)[]): string {
  return base + keys.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * The language a `QueryLanguage` value stands for: only the exact string `JSONata` selects JSONata (a value that is
 * neither is refused by the schema). A state that names none inherits the MACHINE's language, also inside a
 * Map's item processor or a Parallel branch whose Map/Parallel names another: measured with AWS's
 * ValidateStateMachineDefinition (floci-io/floci#2968), where the Developer Guide
 * ("State machine structure", QueryLanguage) only says states inherit the top-level value.
 */
function languageOf(value: unknown, inherited: QueryLanguage): QueryLanguage {
  return value === undefined ? inherited : value === 'JSONata' ? 'JSONata' : 'JSONPath';
}

export function placedStates(definition: Record<string, unknown>): PlacedState[] {
  const machineLanguage = languageOf(definition.QueryLanguage, 'JSONPath');
  const placed: PlacedState[] = [];
  const visit = (scope: unknown, pointer: string) => {
    if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) return;
    for (const [name, state] of statesOf(scope as Record<string, unknown>)) {
      const at = pointerTo(pointer, 'States', name);
      placed.push({ name, state, pointer: at, language: languageOf(state.QueryLanguage, machineLanguage), machineLanguage });
      for (const nested of nestedScopes(state)) {
        if (nested.kind === 'items') visit(nested.json, pointerTo(at, nested.key));
        else visit(nested.json, pointerTo(at, 'Branches', Number(nested.label.replace('branch ', '')) - 1));
      }
    }
  };
  visit(definition, '');
  return placed;
}
