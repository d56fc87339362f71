import { EXECUTION_NAME_CHARACTERS, MAX_EXECUTION_NAME_LENGTH } from './execution-names';

/**
 * The task-status input rule: what a taskId and a timestamp may be, so that `<taskId>-<unix seconds>-<suffix>` is
 * a valid execution name and the table key and the name show the same id. The start-task and validate-task-input
 * functions apply it (their zod schemas, lambdas/start-task/task-execution.ts); the workflow's ValidateInput states
 * it. Imports only contracts.
 */

/** Unix seconds have 10 digits until the year 2286. */
export const TIMESTAMP_DIGITS = 10;
/** The largest timestamp with TIMESTAMP_DIGITS digits (2286-11-20). */
export const MAX_TIMESTAMP = 10 ** TIMESTAMP_DIGITS - 1;
/** Hex characters of randomness that keep two names of the same task in the same second apart. */
export const SUFFIX_LENGTH = 8;
/** What is left of the 80 characters for the taskId in `<taskId>-<unix seconds>-<suffix>`. */
export const MAX_TASK_ID_LENGTH = MAX_EXECUTION_NAME_LENGTH - TIMESTAMP_DIGITS - SUFFIX_LENGTH - 2;

/**
 * The characters of a taskId: those an execution name may hold (ASCII letters, digits, '-' and '_'). A taskId
 * with anything else is refused rather than rewritten.
 */
export const TASK_ID_PATTERN = new RegExp(`^[${EXECUTION_NAME_CHARACTERS}]+$`);
