/**
 * Step Functions' rules for execution names, as the starters (the start-task function, POST /order's mapping
 * template) must follow them: at most 80 characters, and, because our state machines log to CloudWatch Logs,
 * only ASCII letters, digits, '-' and '_' (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html,
 * `name`). Imports nothing.
 */

/** Step Functions limits an execution name to 80 characters. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

/** The characters an execution name may hold with logging on, as the body of a regular expression character class. */
export const EXECUTION_NAME_CHARACTERS = 'A-Za-z0-9_-';
