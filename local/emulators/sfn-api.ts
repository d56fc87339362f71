import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, endpointUrl, listenLocal, readBody } from './http';
import { SfnApiError } from './sfn-errors';
import { OPERATIONS } from './sfn-operations';
import type { ExecutionService } from './sfn-service';

export { SfnApiError } from './sfn-errors';

export type { DescribedExecution, DescribedMapRun, DescribedStateMachine, ExecutionService, MapRunListItem, StartExecutionRequest, SyncExecution } from './sfn-service';

/**
 * The Step Functions API on 127.0.0.1 (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`), enough for
 * a function, a test or the AWS CLI: the operations of sfn-operations.ts, with AWS's error codes and statuses.
 * It is also the catch-all endpoint (`AWS_ENDPOINT_URL`) for services that are not emulated: those calls get
 * a `NotEmulatedLocally` error here instead of reaching AWS.
 */
export class SfnApiEmulator {
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(service: ExecutionService): Promise<SfnApiEmulator> {
    const server = createServer((req, res) => void handle(service, req, res));
    return new SfnApiEmulator(server, endpointUrl(await listenLocal(server)));
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }
}

/**
 * The API as a request listener, for a server of one's own (an edge endpoint that routes Step Functions requests
 * here, say): AWS JSON 1.0, the operation in `X-Amz-Target: AWSStepFunctions.<Operation>`.
 */
export function sfnRequestListener(service: ExecutionService): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void handle(service, req, res);
}

async function handle(service: ExecutionService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  try {
    const body = await readBody(req, MAX_REQUEST_BYTES).catch(() => {
      throw new SfnApiError('SerializationException', `The request body is over ${MAX_REQUEST_BYTES} bytes.`);
    });
    if (!target.startsWith(TARGET_PREFIX)) {
      const what = target || `${req.method} ${req.headers.host}${req.url}`;
      throw new SfnApiError('NotEmulatedLocally', `The local runner does not emulate ${what}; only DynamoDB, S3, SNS and Step Functions are.`);
    }
    const operation = OPERATIONS[target.slice(TARGET_PREFIX.length)];
    if (!operation) throw new SfnApiError('UnknownOperationException', `The local Step Functions API implements ${Object.keys(OPERATIONS).join(', ')}, not ${target}.`);
    send(res, 200, await operation(service, parseBody(body)));
  } catch (err) {
    const apiError = err instanceof SfnApiError ? err : new SfnApiError('InternalFailure', (err as Error).message, 500);
    send(res, apiError.status, { __type: qualifiedType(apiError.code), message: apiError.message }, apiError.code);
  }
}

const TARGET_PREFIX = 'AWSStepFunctions.';
/** Room for a 256 KiB input however much JSON escaping grows it. */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** The request body: a JSON object (an empty body is `{}`), else SerializationException. */
function parseBody(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    throw new SfnApiError('SerializationException', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SfnApiError('SerializationException', 'The request body is not a JSON object.');
  return parsed as Record<string, unknown>;
}

/**
 * `__type` as Step Functions writes it: the shape's namespace, `#`, the code (the SDKs and the CLI keep the part
 * after `#`). Model validation and framework errors have the Coral framework's namespaces; our own local-only
 * codes have none.
 */
function qualifiedType(code: string): string {
  if (code === 'ValidationException') return `com.amazon.coral.validate#${code}`;
  if (code === 'UnknownOperationException' || code === 'SerializationException') return `com.amazon.coral.service#${code}`;
  if (code === 'NotEmulatedLocally' || code === 'InternalFailure') return code;
  return `com.amazonaws.swf.service.v2.model#${code}`;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType && { 'x-amzn-errortype': errorType }) });
  res.end(JSON.stringify(body));
}
