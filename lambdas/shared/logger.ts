import { Logger } from '@aws-lambda-powertools/logger';
import { FunctionError, publicError } from './errors';

/**
 * One structured JSON logger per function, created once per container (outside the handler). Its level is the
 * Powertools default: POWERTOOLS_LOG_LEVEL, which the stack sets from `lambdaLogLevel` in config.json (INFO when
 * unset), unless Lambda's own application log level (AWS_LAMBDA_LOG_LEVEL) is set, which the stack keeps equal.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

/** What `invocationFailed` needs of a logger (the Powertools Logger has it). */
export interface FailureLog {
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, error: Error): void;
}

/**
 * Logs a failed invocation and answers the error the handler throws instead (see `publicError`): a FunctionError
 * is logged as a warning with its reason; anything else as an error, with its stack, which stays in the
 * function's log (CloudWatch) for operators and never leaves the function.
 */
export function invocationFailed(logger: FailureLog, what: string, err: unknown, requestId?: string): Error {
  if (err instanceof FunctionError) logger.warn(what, { error: err.name, reason: err.message });
  else logger.error(what, err as Error);
  return publicError(err, requestId);
}
