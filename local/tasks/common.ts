import { randomUUID } from 'node:crypto';

/**
 * A Task failure as Step Functions reports it: `name` is the error name Retry and Catch match
 * (`DynamoDB.ConditionalCheckFailedException`), `message` the Cause.
 */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/**
 * One attempt of a Task state's service call: `input` is the effective parameters; `signal` aborts when the attempt
 * no longer matters (its timeout, the execution stopped), so a call that waits (`.sync`) stops waiting.
 */
export type TaskHandler = (input: unknown, signal: AbortSignal) => Promise<unknown>;

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** How Step Functions names one service's errors. */
export interface ServiceErrors {
  /** `DynamoDB` in `DynamoDB.ConditionalCheckFailedException`. */
  readonly prefix: string;
  /** The service as its Cause text names it (`AmazonDynamoDBv2`). */
  readonly service: string;
  /** The Java SDK's catch-all exception, for errors it does not model (`AmazonDynamoDBException`). */
  readonly generic: string;
  readonly unmodeled: ReadonlySet<string>;
  /** Whether names get an `Exception` suffix (`ExecutionAlreadyExists` → `ExecutionAlreadyExistsException`). */
  readonly suffixException?: boolean;
}

/**
 * Turns an SDK error into the error a Step Functions optimized integration reports: `<Prefix>.<Exception>`,
 * with the exceptions the service's Java SDK does not model (ValidationException for DynamoDB, say) under the
 * generic one (`DynamoDB.AmazonDynamoDBException`), and a Cause in the service's own format.
 */
export function integrationError(errors: ServiceErrors, err: unknown): TaskError {
  const { prefix, service, generic, unmodeled, suffixException } = errors;
  const e = (err ?? {}) as SdkError;
  const code = e.name ?? 'UnknownError';
  const exception = suffixException && !code.endsWith('Exception') ? `${code}Exception` : code;
  if (!e.$metadata?.httpStatusCode) {
    return new TaskError(`${prefix}.SdkClientException`, `Unable to execute HTTP request: ${e.message ?? String(err)}`);
  }
  const name = unmodeled.has(code) ? `${prefix}.${generic}` : `${prefix}.${exception}`;
  return new TaskError(name, `${e.message ?? code} (Service: ${service}; Status Code: ${e.$metadata.httpStatusCode}; Error Code: ${code}; Request ID: ${e.$metadata.requestId ?? '-'}; Proxy: null)`);
}

/** The `SdkHttpMetadata` / `SdkResponseMetadata` that optimized integrations add to a service's answer. */
export function withSdkMetadata(response: Record<string, unknown>, contentType: string): Record<string, unknown> {
  const { $metadata, ...rest } = response as { $metadata?: { requestId?: string; httpStatusCode?: number } };
  const requestId = $metadata?.requestId ?? randomUUID();
  const headers = { 'Content-Type': contentType, 'x-amzn-RequestId': requestId };
  return {
    ...rest,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: $metadata?.httpStatusCode ?? 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** Removes the SDK's `$metadata` (AWS SDK integrations answer with the plain response). */
export function withoutMetadata(response: object): Record<string, unknown> {
  const { $metadata: _ignored, ...rest } = response as Record<string, unknown>;
  return rest;
}

export function asObject(input: unknown, stateName: string): Record<string, unknown> {
  if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>;
  throw new TaskError('States.Runtime', `State '${stateName}': the Task's Parameters must render to a JSON object, got ${JSON.stringify(input)}.`);
}
