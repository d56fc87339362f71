/**
 * The errors the JSONPath module raises, each a StatesError the core can rethrow as it is or re-word.
 *
 * - {@link PathNotFoundError} (`States.Runtime`): a path selected nothing. Its `cause` is the text AWS writes after
 *   the core's "An error occurred while executing the state 'S' (entered at the event id #N). " prefix, in the form
 *   the field that asked for it gets from AWS:
 *   - with `field` (payload templates, `ErrorPath`/`CausePath`, anything the core names):
 *     `The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{"a":1}'`
 *   - without (InputPath, OutputPath, ItemsPath, TimeoutSecondsPath…): `Invalid path '$.x' : No results for path: $['x']`
 *   `path`, `field`, `reason` (the Jayway JsonPath text) and `input` stay on the error so the core can re-word it for
 *   fields AWS words differently (a Wait state's `SecondsPath`, say).
 * - {@link DefinitionError} (`States.Runtime`): the definition itself is wrong (a `.$` key whose value is not a string,
 *   a malformed path or intrinsic call, an unknown Choice operator). AWS refuses these at CreateStateMachine; the
 *   message says which field and what to do. The core may surface them at load.
 * - Intrinsic functions fail with `States.Runtime` (plain StatesError; AWS does not use States.IntrinsicFailure), ResultPath with
 *   `States.ResultPathMatchFailure`.
 */
import { StatesError, STATES_ERRORS } from '../errors';

/** JSON text as AWS prints a value inside a cause: compact, keys in order. */
export function compactJson(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

export class PathNotFoundError extends StatesError {
  constructor(
    readonly path: string,
    /** Jayway JsonPath's reason, e.g. `No results for path: $['x']`. */
    readonly reason: string,
    /** The data the path was evaluated against (the state's effective input for `$` paths). */
    readonly input: unknown,
    /** The field as AWS names it in the cause (`y.$`, `ErrorPath`), when the field words it that way. */
    readonly field?: string,
  ) {
    super(
      STATES_ERRORS.Runtime,
      field === undefined
        ? `Invalid path '${path}' : ${reason}`
        : `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${compactJson(input)}'`,
    );
    this.name = 'PathNotFoundError';
  }
}

export class DefinitionError extends StatesError {
  constructor(message: string) {
    super(STATES_ERRORS.Runtime, message);
    this.name = 'DefinitionError';
  }
}

/**
 * An intrinsic function's failure. The ASL specification names States.IntrinsicFailure, but every recorded AWS
 * execution of a failing intrinsic (an index out of range, invalid JSON, too many items…) reports States.Runtime,
 * so that is the name used here (the conformance corpus holds the cases).
 */
export function intrinsicFailure(message: string): StatesError {
  return new StatesError(STATES_ERRORS.Runtime, message);
}
