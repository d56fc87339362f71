import type { ZodType } from 'zod';
import { CONFIGURATION_ERROR, VALIDATION_ERROR } from '../../contracts/error-names';

/**
 * An error a function throws on purpose. Its `name` is what Step Functions shows as the error (`errorType`), so
 * a workflow can Retry and Catch it by name, and its message is written for whoever reads the error: a caller,
 * an operator, or a customer reading a failure notice. Subclasses set `name`, from contracts/error-names.ts.
 */
export class FunctionError extends Error {}

/** A bad event: the caller must change its input. */
export class ValidationError extends FunctionError {
  override readonly name = VALIDATION_ERROR;
}

/** The function is deployed without something it needs (an environment variable); the deployment must change. */
export class ConfigurationError extends FunctionError {
  override readonly name = CONFIGURATION_ERROR;
}

/** Parses an event with a zod schema; throws a ValidationError that lists every problem by field. */
export function parseEvent<T>(schema: ZodType<T>, event: unknown, what: string): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(event)'}: ${i.message}`);
  throw new ValidationError(`Invalid ${what}: ${problems.join('; ')}`);
}

/**
 * The error to throw out of a handler in place of `err`. The Node.js runtime answers a thrown error as
 * `{errorType: name, errorMessage: message, trace: stack.split('\n')}`, and Step Functions passes that document
 * on as the error's Cause (into the execution's history and into any notice built from it). So the error that
 * leaves the function has no stack frames: its `stack` is only `Name: message`.
 *
 * A FunctionError keeps its message. Any other error (a bug, an unexpected SDK failure) keeps its name, so a
 * retrier can still match it, but not its message, which could hold anything (a path, a key, a value): the
 * message says where the details are. Log the original error before throwing this one (`invocationFailed`).
 */
export function publicError(err: unknown, requestId?: string): Error {
  let shown: Error;
  if (err instanceof FunctionError) {
    // A fresh error of the same class (callers may test `instanceof`), without the original's stack frames.
    shown = new (err.constructor as new (message: string) => FunctionError)(err.message);
  } else {
    const name = err instanceof Error && err.name ? err.name : 'Error';
    shown = new Error(`Unexpected ${name} in the function; its log has the details${requestId ? ` (request id ${requestId})` : ''}.`);
    shown.name = name;
  }
  shown.stack = `${shown.name}: ${shown.message}`;
  return shown;
}
