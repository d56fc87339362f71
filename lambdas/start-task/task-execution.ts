import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * How a task becomes an execution: the event's rules and the execution name. Pure (no AWS), so it is tested
 * on its own.
 */

/** Step Functions limits an execution name to 80 characters. */
export const MAX_EXECUTION_NAME_LENGTH = 80;
/** Unix seconds have 10 digits until the year 2286. */
const TIMESTAMP_DIGITS = 10;
/** Hex characters of randomness that keep two names of the same task in the same second apart. */
export const SUFFIX_LENGTH = 8;
/** What is left of the 80 characters for the taskId in `<taskId>-<unix seconds>-<suffix>`. */
export const MAX_TASK_ID_LENGTH = MAX_EXECUTION_NAME_LENGTH - TIMESTAMP_DIGITS - SUFFIX_LENGTH - 2;

/**
 * The characters an execution name may hold when the state machine logs to CloudWatch Logs (ours does):
 * ASCII letters, digits, '-' and '_'. A taskId with anything else is refused rather than rewritten, so the
 * table key and the execution name always show the same id.
 */
export const TASK_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

const EXAMPLE = 'e.g. {"taskId": "Breakfast"}';

/** The starter's event: `{"taskId": "<id>"}`. Other keys are ignored, as in the original. */
export const startTaskEventSchema = z.object(
  {
    taskId: z
      .string({
        required_error: `is required; send ${EXAMPLE}`,
        invalid_type_error: `must be a string; send ${EXAMPLE}`,
      })
      .min(1, `must not be empty; send ${EXAMPLE}`)
      .max(MAX_TASK_ID_LENGTH, `must be at most ${MAX_TASK_ID_LENGTH} characters, so that the execution name fits in ${MAX_EXECUTION_NAME_LENGTH}`)
      .regex(TASK_ID_PATTERN, 'may only contain the letters A-Z and a-z, the digits 0-9, "-" and "_" (the characters Step Functions execution names allow with logging on)'),
  },
  { required_error: `The event must be a JSON object, ${EXAMPLE}`, invalid_type_error: `The event must be a JSON object, ${EXAMPLE}` },
);

export type StartTaskEvent = z.infer<typeof startTaskEventSchema>;

/** What the workflow receives: the original's input. */
export interface TaskExecutionInput {
  readonly taskId: string;
  /** Unix seconds when the task was started (the table's sort key). */
  readonly timestamp: number;
}

/** Whole seconds since the Unix epoch, as the original's Go `time.Now().Unix()`. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A fresh random suffix of SUFFIX_LENGTH lowercase hex characters. */
export function randomSuffix(): string {
  return randomBytes(SUFFIX_LENGTH / 2).toString('hex');
}

/**
 * `<taskId>-<unix seconds>-<suffix>`: the original's name plus a random suffix, so that two starts of the same
 * task in the same second get two names instead of ExecutionAlreadyExists.
 */
export function executionName(input: TaskExecutionInput, suffix: string): string {
  if (!/^[a-z0-9]+$/.test(suffix)) {
    throw new Error(`Execution name suffix '${suffix}' must be lowercase letters and digits; use randomSuffix().`);
  }
  const name = `${input.taskId}-${input.timestamp}-${suffix}`;
  if (!TASK_ID_PATTERN.test(input.taskId) || name.length > MAX_EXECUTION_NAME_LENGTH) {
    throw new Error(
      `Execution name '${name}' is not valid: it must be at most ${MAX_EXECUTION_NAME_LENGTH} characters of A-Z, a-z, 0-9, '-' and '_'. ` +
        'Validate the event with startTaskEventSchema first.',
    );
  }
  return name;
}
