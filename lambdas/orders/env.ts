import { ConfigurationError } from '../shared/errors';

/**
 * Reads a variable the stack sets on the function (its name from contracts/env-vars.ts); a missing one is a
 * deployment mistake, said as such.
 */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) {
    throw new ConfigurationError(`The environment variable ${name} is not set. Deploy this function with the skip-the-line stack, which sets it.`);
  }
  return value;
}
