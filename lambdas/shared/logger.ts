import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per function, created once per container (outside the handler). */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
}
