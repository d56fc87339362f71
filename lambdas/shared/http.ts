import type { Logger } from '@aws-lambda-powertools/logger';
import { CORS_METHODS_VARIABLE, CORS_ORIGIN_VARIABLE } from '../../contracts/env-vars';

/**
 * The proxy kit: API Gateway's Lambda proxy contract, as much of it as the proxy functions (GET /order,
 * DELETE /order, GET /invoice) use, and the answers they give: JSON bodies, the CORS headers the stack configured,
 * and errors as sentences with their HTTP status.
 */

export interface ProxyEvent {
  readonly httpMethod?: string;
  readonly resource?: string;
  readonly queryStringParameters?: Record<string, string | undefined> | null;
  readonly requestContext?: { readonly requestId?: string };
}

export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A failure the caller can act on; its message is sent to the caller as is. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The CORS headers of an answer, from the variables the stack sets on every proxy function (absent: none). */
export function corsHeaders(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const origin = env[CORS_ORIGIN_VARIABLE];
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    ...(env[CORS_METHODS_VARIABLE] && { 'Access-Control-Allow-Methods': env[CORS_METHODS_VARIABLE] as string }),
    ...(origin !== '*' && { Vary: 'Origin' }),
  };
}

export function jsonResponse(statusCode: number, body: unknown, env: NodeJS.ProcessEnv = process.env): ProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...corsHeaders(env) }, body: JSON.stringify(body) };
}

/**
 * A query string parameter that must be present and match `pattern`; otherwise a 400 that says what to send.
 * API Gateway's request validator already refuses a request without it; this also covers direct invocations.
 */
export function requiredQueryParameter(event: ProxyEvent, name: string, pattern: RegExp, example: string): string {
  const value = event.queryStringParameters?.[name];
  if (value === undefined || value === '') {
    throw new HttpError(400, `The query parameter '${name}' is required, e.g. ${example}.`);
  }
  if (!pattern.test(value)) {
    throw new HttpError(400, `The query parameter '${name}' (${JSON.stringify(value.slice(0, 100))}) is not valid, e.g. ${example}.`);
  }
  return value;
}

/**
 * Runs one proxy request: an HttpError becomes its status and message; anything else is logged with its
 * details and answered 500 with the request id only, so no SDK metadata or stack trace reaches the caller.
 */
export async function answer(logger: Logger, event: ProxyEvent, work: () => Promise<ProxyResult>): Promise<ProxyResult> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HttpError) {
      logger.info('Request refused', { statusCode: err.statusCode, reason: err.message });
      return jsonResponse(err.statusCode, { message: err.message });
    }
    logger.error('Request failed', err as Error);
    const requestId = event.requestContext?.requestId ?? 'unknown';
    return jsonResponse(500, { message: `The order service could not answer. Try again; if it keeps failing, quote request id ${requestId}.` });
  }
}
