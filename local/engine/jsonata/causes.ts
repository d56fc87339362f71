/**
 * The error a failed `{% … %}` expression raises, with the cause text AWS writes.
 *
 * AWS's whole cause (recorded executions, LocalStack's AWS-validated snapshots; floci-io/floci#2665, #2736, #2737
 * measured with TestState) is:
 *   An error occurred while executing the state '<State>' (entered at the event id #<n>). The JSONata expression
 *   '<expression>' specified for the field '<location>' <tail>
 * This module writes everything from "The JSONata expression" on; the core, which knows the state's name and the id
 * of its entered event, prefixes the first sentence (the same prefix AWS puts on other run-time errors of a state,
 * e.g. "Map state input must be an array but was: 1"). The tails:
 *   - returned nothing (undefined).
 *   - threw an error during evaluation. <CODE>: <message>     (a JSONata error, which has a code)
 *   - threw an error during evaluation: <message>             (an error without a code, e.g. AWS's memory limit)
 *   - returned an unsupported result type.                   (a function, or a number JSON cannot write)
 *   - returned an unexpected result type. Expected '<type>', but was '<type>' for value: <JSON>   (field checks)
 */
import { STATES_ERRORS, StatesError } from '../errors';

/** A `States.QueryEvaluationError` that also says where it happened (EvaluationFailed's `location`). */
export class JsonataEvaluationError extends StatesError {
  constructor(
    cause: string,
    /** The field, `Output`, `Arguments/FunctionName`, `Items[1]` (the history event's `location`). */
    readonly location: string,
    /** The expression's text, without `{%` `%}` and the spaces around it. */
    readonly expression: string,
  ) {
    super(STATES_ERRORS.QueryEvaluationError, cause);
  }
}

function sentence(expression: string, location: string): string {
  return location
    ? `The JSONata expression '${expression}' specified for the field '${location}'`
    : `The JSONata expression '${expression}'`;
}

export function returnedNothing(expression: string, location: string): JsonataEvaluationError {
  return new JsonataEvaluationError(`${sentence(expression, location)} returned nothing (undefined).`, location, expression);
}

export function unsupportedResult(expression: string, location: string): JsonataEvaluationError {
  return new JsonataEvaluationError(`${sentence(expression, location)} returned an unsupported result type.`, location, expression);
}

/** A JSONata error object (`{code, message}`) or any other thrown value, as AWS words it. */
export function threwError(expression: string, location: string, error: unknown): JsonataEvaluationError {
  const { code, message } = describe(error);
  const tail = code ? `. ${code}: ${message}` : `: ${message}`;
  return new JsonataEvaluationError(`${sentence(expression, location)} threw an error during evaluation${tail}`, location, expression);
}

/** The JSON type names AWS uses in "Expected 'array', but was 'string'". */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * For the core's field checks (Items must be an array, TimeoutSeconds a number…): AWS's cause when an expression's
 * value is of the wrong type, e.g. Expected 'array', but was 'string' for value: "string".
 */
export function unexpectedResultType(
  expression: string,
  location: string,
  expected: string,
  value: unknown,
): JsonataEvaluationError {
  return new JsonataEvaluationError(
    `${sentence(expression, location)} returned an unexpected result type. Expected '${expected}', but was ` +
      `'${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    location,
    expression,
  );
}

function describe(error: unknown): { code?: string; message: string } {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' && code ? code : undefined,
      message: typeof message === 'string' ? message : String(error),
    };
  }
  return { message: String(error) };
}
