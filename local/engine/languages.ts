/**
 * Where the engine takes its two query languages from. The core never evaluates a path or an expression itself: it
 * calls these (see query-languages.ts for the seam).
 *
 * The JSONPath and JSONata modules (./jsonpath, ./jsonata) are written beside the core; once they are merged,
 * `defaultLanguages` returns them and callers need not pass `languages`. Until then a caller (the core's tests) passes
 * its own through StateMachineOptions' `languages`.
 */
import { InvalidStateMachineDefinition } from './definition';
import type { JsonataLanguage, JsonPathLanguage } from './query-languages';

export interface QueryLanguages {
  readonly jsonPath: JsonPathLanguage;
  readonly jsonata: JsonataLanguage;
}

let installed: QueryLanguages | undefined;

/** Makes `languages` the default of every state machine made afterwards without a `languages` option. */
export function installDefaultLanguages(languages: QueryLanguages): void {
  installed = languages;
}

export function defaultLanguages(): QueryLanguages {
  if (!installed) {
    throw new InvalidStateMachineDefinition(
      'No query languages are installed: pass `languages` in the state machine options (or merge ./jsonpath and ./jsonata).',
    );
  }
  return installed;
}
