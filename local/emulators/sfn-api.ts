import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HistoryEvent } from '../engine';
import { closeServer, endpointUrl, listenLocal, readBody } from './http';

/** An error the Step Functions API answers with; `code` is AWS's error type (`ExecutionAlreadyExists`, …). */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface StartExecutionRequest {
  readonly stateMachineArn: string;
  readonly name?: string;
  readonly input?: string;
}

export interface DescribedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** What the API needs from whoever runs the executions. Each method throws SfnApiError for the API's errors. */
export interface ExecutionService {
  /** `stateMachineArn` may end in `#<TestCase>` (mocked responses, as Step Functions Local takes it). */
  start(request: StartExecutionRequest): { executionArn: string; startDate: Date };
  describe(executionArn: string): DescribedExecution;
  history(executionArn: string): readonly HistoryEvent[];
  stop(executionArn: string, error?: string, cause?: string): Date;
  sendTaskSuccess(taskToken: string, output: string): void;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(taskToken: string): void;
}

/**
 * The Step Functions API on 127.0.0.1 (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`), enough for
 * a function or a test using `@aws-sdk/client-sfn`: StartExecution, DescribeExecution, StopExecution,
 * GetExecutionHistory, and SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat for `.waitForTaskToken` Tasks.
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

const OPERATIONS: Record<string, (service: ExecutionService, body: Record<string, unknown>) => unknown> = {
  StartExecution(service, body) {
    const { executionArn, startDate } = service.start({
      stateMachineArn: requiredString(body, 'stateMachineArn'),
      ...(body.name !== undefined && { name: String(body.name) }),
      ...(body.input !== undefined && { input: String(body.input) }),
    });
    return { executionArn, startDate: epochSeconds(startDate) };
  },
  DescribeExecution(service, body) {
    const e = service.describe(requiredString(body, 'executionArn'));
    return { ...e, startDate: epochSeconds(e.startDate), ...(e.stopDate && { stopDate: epochSeconds(e.stopDate) }) };
  },
  StopExecution(service, body) {
    const stopDate = service.stop(requiredString(body, 'executionArn'), optionalString(body, 'error'), optionalString(body, 'cause'));
    return { stopDate: epochSeconds(stopDate) };
  },
  GetExecutionHistory(service, body) {
    const events = service.history(requiredString(body, 'executionArn')).map((e) => ({ ...e, timestamp: epochSeconds(e.timestamp) }));
    if (body.reverseOrder === true) events.reverse();
    const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? Math.min(body.maxResults, 1000) : 100;
    const from = typeof body.nextToken === 'string' ? Number(body.nextToken) || 0 : 0;
    const page = events.slice(from, from + max);
    return { events: page, ...(from + max < events.length && { nextToken: String(from + max) }) };
  },
  SendTaskSuccess(service, body) {
    service.sendTaskSuccess(requiredString(body, 'taskToken'), requiredString(body, 'output'));
    return {};
  },
  SendTaskFailure(service, body) {
    service.sendTaskFailure(requiredString(body, 'taskToken'), optionalString(body, 'error'), optionalString(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat(service, body) {
    service.sendTaskHeartbeat(requiredString(body, 'taskToken'));
    return {};
  },
};

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  return body[key] === undefined || body[key] === null ? undefined : String(body[key]);
}

async function handle(service: ExecutionService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  try {
    const body = await readBody(req, 512 * 1024);
    if (!target.startsWith('AWSStepFunctions.')) {
      const what = target || `${req.method} ${req.headers.host}${req.url}`;
      throw new SfnApiError('NotEmulatedLocally', `The local runner does not emulate ${what}; only DynamoDB, S3, SNS and Step Functions are.`);
    }
    const operation = OPERATIONS[target.slice('AWSStepFunctions.'.length)];
    if (!operation) throw new SfnApiError('UnknownOperationException', `The local Step Functions API implements ${Object.keys(OPERATIONS).join(', ')}, not ${target}.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body || '{}');
    } catch {
      throw new SfnApiError('SerializationException', 'The request body is not valid JSON.');
    }
    send(res, 200, operation(service, (parsed ?? {}) as Record<string, unknown>));
  } catch (err) {
    const apiError = err instanceof SfnApiError ? err : new SfnApiError('InternalFailure', (err as Error).message, 500);
    send(res, apiError.status, { __type: apiError.code, message: apiError.message }, apiError.code);
  }
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') {
    throw new SfnApiError('ValidationException', `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType && { 'x-amzn-errortype': errorType }) });
  res.end(JSON.stringify(body));
}
