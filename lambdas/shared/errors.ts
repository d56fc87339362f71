import type { ZodType } from 'zod';

/**
 * A bad event: the caller must change its input. The name is what Step Functions shows as the error
 * (`errorType`) when a Lambda throws it, so a workflow can Catch it by name.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** Parses an event with a zod schema; throws a ValidationError that lists every problem by field. */
export function parseEvent<T>(schema: ZodType<T>, event: unknown, what: string): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(event)'}: ${i.message}`);
  throw new ValidationError(`Invalid ${what}: ${problems.join('; ')}`);
}
