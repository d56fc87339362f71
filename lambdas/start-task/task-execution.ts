import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MAX_EXECUTION_NAME_LENGTH } from '../../contracts/execution-names';
import { MAX_TASK_ID_LENGTH, MAX_TIMESTAMP, SUFFIX_LENGTH, TASK_ID_PATTERN, TIMESTAMP_DIGITS } from '../../contracts/task-input';

/**
 * How a task becomes an execution: the event's and the execution input's schemas built from the one rule for
 * taskId and timestamp (contracts/task-input.ts), and the execution name. Pure (no AWS), so it is tested on its own.
 *
 * The rule is applied at both ways in: by the starter function to its event, and by the workflow's first state
 * (ValidateInput, the validate-task-input function) to the execution input, since StartExecution can be called
 * without the starter. A Choice state cannot apply it: JSONPath Choice rules have no character class, no string
 * length and no integer test (StringMatches knows only `*`), so the check lives here, once.
 */

/** taskId: 1 to MAX_TASK_ID_LENGTH characters of TASK_ID_PATTERN. */
function taskIdRule(example: string) {
  return z
    .string({ required_error: `is required; send ${example}`, invalid_type_error: `must be a string; send ${example}` })
    .min(1, `must not be empty; send ${example}`)
    .max(MAX_TASK_ID_LENGTH, `must be at most ${MAX_TASK_ID_LENGTH} characters, so that the execution name fits in ${MAX_EXECUTION_NAME_LENGTH}`)
    .regex(TASK_ID_PATTERN, 'may only contain the letters A-Z and a-z, the digits 0-9, "-" and "_" (the characters Step Functions execution names allow with logging on)');
}

/** timestamp: whole unix seconds from 0 to MAX_TIMESTAMP (the table's sort key, and part of the execution name). */
function timestampRule(example: string) {
  return z
    .number({ required_error: `is required: unix seconds, ${example}`, invalid_type_error: `must be a number of unix seconds, ${example}` })
    .int('must be whole seconds (unix time without a fraction)')
    .min(0, 'must not be negative (unix seconds)')
    .max(MAX_TIMESTAMP, `must be at most ${MAX_TIMESTAMP} (${TIMESTAMP_DIGITS} digits), so that the execution name fits in ${MAX_EXECUTION_NAME_LENGTH} characters`);
}

function objectOf<T extends z.ZodRawShape>(shape: T, example: string) {
  const notAnObject = `The event must be a JSON object, ${example}`;
  return z.object(shape, { required_error: notAnObject, invalid_type_error: notAnObject });
}

const START_EXAMPLE = 'e.g. {"taskId": "Breakfast"}';
const INPUT_EXAMPLE = 'e.g. {"taskId": "Breakfast", "timestamp": 1712570158}';

/**
 * The starter's event: `{"taskId": "<id>"}`, optionally with the task's `timestamp` (default: now, as the
 * original). Other keys are ignored, as in the original.
 */
export const startTaskEventSchema = objectOf({ taskId: taskIdRule(START_EXAMPLE), timestamp: timestampRule(START_EXAMPLE).optional() }, START_EXAMPLE);

export type StartTaskEvent = z.infer<typeof startTaskEventSchema>;

/** The workflow's execution input, `{"taskId", "timestamp"}`: both required, by the same rule. Other keys are ignored. */
export const taskExecutionInputSchema = objectOf({ taskId: taskIdRule(INPUT_EXAMPLE), timestamp: timestampRule(INPUT_EXAMPLE) }, INPUT_EXAMPLE);

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
