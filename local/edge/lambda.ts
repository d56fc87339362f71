import type { IncomingMessage, ServerResponse } from 'node:http';
import { arns } from '../aws-names';
import { LambdaServiceError } from '../lambda-host';
import type { EdgeCatalog } from './catalog';
import { LAMBDA_INVOKE_PATH } from './protocol';

/**
 * Lambda's Invoke (REST JSON, `POST /2015-03-31/functions/<name>/invocations`) on the stack's function host, as
 * the Lambda API reference describes it: 200 with the function's answer as the body (RequestResponse), 202 and
 * no body (Event: the function runs after the answer), 204 (DryRun: only checks the function exists);
 * `X-Amz-Function-Error: Unhandled` with the error object as the body when the function fails;
 * `X-Amz-Executed-Version: $LATEST` (local functions have no published versions); `X-Amz-Log-Type: Tail` adds
 * the last 4 KB of the invocation's log lines, base64, as `X-Amz-Log-Result`. Errors of Invoke itself are
 * `x-amzn-ErrorType` with a `{"Type", "message"}` body.
 */

/** Lambda's synchronous payload quota (6 MB) for the request body. */
export const LAMBDA_MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export async function invokeThroughEdge(catalog: EdgeCatalog, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://edge');
  const match = LAMBDA_INVOKE_PATH.exec(url.pathname);
  if (!match || req.method !== 'POST') {
    return lambdaError(res, 400, 'UnknownOperationException', `The local endpoint serves Lambda's Invoke only (POST /2015-03-31/functions/<name>/invocations), not ${req.method} ${url.pathname}.`);
  }
  const name = decodeURIComponent(match[1]);
  const qualifier = url.searchParams.get('Qualifier');
  const stack = catalog.functionOwner(name);
  const region = catalog.stacks[0].model.region;
  if (!stack || (qualifier !== null && qualifier !== '$LATEST')) {
    const arn = name.startsWith('arn:') ? name : arns.function(stack?.model.region ?? region, name);
    return lambdaError(res, 404, 'ResourceNotFoundException', `Function not found: ${arn}${qualifier !== null ? `:${qualifier}` : ''}`);
  }
  if (body.length > LAMBDA_MAX_PAYLOAD_BYTES) {
    return lambdaError(res, 413, 'RequestTooLargeException', `Request must be smaller than ${LAMBDA_MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`);
  }
  let event: unknown = {};
  if (body.length > 0) {
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch (err) {
      return lambdaError(res, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`);
    }
  }
  const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (invocationType === 'DryRun') return void res.writeHead(204, { 'x-amz-executed-version': '$LATEST' }).end();
  if (invocationType === 'Event') {
    // The function runs after the answer; its errors stay in its log lines, as an asynchronous invocation's do.
    void stack.invoke(name, event).catch(() => undefined);
    return void res.writeHead(202, { 'content-length': '0' }).end();
  }
  if (invocationType !== 'RequestResponse') {
    return lambdaError(res, 400, 'InvalidParameterValueException', `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, not ${invocationType}.`);
  }
  try {
    const result = await stack.invoke(name, event);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': result.requestId };
    if (result.functionError) headers['x-amz-function-error'] = 'Unhandled';
    if (String(req.headers['x-amz-log-type'] ?? '') === 'Tail') headers['x-amz-log-result'] = logTail(stack.lambdaLogs(), result.requestId);
    res.writeHead(200, headers).end(JSON.stringify(result.payload ?? null));
  } catch (err) {
    if (!(err instanceof LambdaServiceError)) throw err;
    const status = err.name === 'ResourceNotFoundException' ? 404 : err.name === 'TooManyRequestsException' ? 429 : 500;
    lambdaError(res, status, err.name, err.message);
  }
}

/** The invocation's last 4 KB of log lines, base64 (what X-Amz-Log-Result carries). */
function logTail(lines: readonly { requestId?: string; line: string }[], requestId: string): string {
  const text = lines
    .filter((l) => l.requestId === requestId)
    .map((l) => `${l.line}\n`)
    .join('');
  return Buffer.from(text).subarray(-4096).toString('base64');
}

function lambdaError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code }).end(JSON.stringify({ Type: 'User', message }));
}
