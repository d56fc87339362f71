import { ConfigurationError } from '../shared/errors';

/** Reads a variable the stack sets on the function; a missing one is a deployment mistake, said as such. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) {
    throw new ConfigurationError(`The environment variable ${name} is not set. Deploy this function with the skip-the-line stack, which sets it.`);
  }
  return value;
}

export const TABLE_NAME_VARIABLE = 'TABLE_NAME';
export const BUCKET_NAME_VARIABLE = 'BUCKET_NAME';
export const URL_EXPIRY_VARIABLE = 'INVOICE_URL_EXPIRY_SECONDS';
