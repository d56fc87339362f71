/**
 * Where the engine takes its two query languages from: the JSONPath module (./jsonpath) and the JSONata module
 * (./jsonata). The core never evaluates a path or an expression itself: it calls these (see query-languages.ts).
 * A caller may pass others through StateMachineOptions' `languages` (or install other defaults).
 */
import { jsonataLanguage } from './jsonata';
import { jsonPath } from './jsonpath';
import type { JsonataLanguage, JsonPathLanguage } from './query-languages';

export interface QueryLanguages {
  readonly jsonPath: JsonPathLanguage;
  readonly jsonata: JsonataLanguage;
}

const ENGINE_LANGUAGES: QueryLanguages = { jsonPath, jsonata: jsonataLanguage };

let installed: QueryLanguages = ENGINE_LANGUAGES;

/** Makes `languages` the default of every state machine made afterwards without a `languages` option. */
export function installDefaultLanguages(languages: QueryLanguages = ENGINE_LANGUAGES): void {
  installed = languages;
}

export function defaultLanguages(): QueryLanguages {
  return installed;
}
