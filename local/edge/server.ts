import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, readRawBody } from '../emulators/http';
import { isMessagesPath } from '../emulators/sns-messages';
import { LocalSetupError } from '../errors';
import type { LocalStack } from '../runner';
import { authenticate } from './auth';
import { decodeAwsChunked, decodedHeaders, isAwsChunked } from './aws-chunked';
import { EdgeCatalog, type ServedResources } from './catalog';
import { forwardBuffered, forwardStreaming, sendAnswer, type Answer } from './forward';
import type { LocalApi } from '../api-gateway';
import { invokeThroughEdge } from './lambda';
import { mergeBucketLists, mergeStateMachineLists, mergeTableLists } from './merge';
import { dynamoDbOwner, s3Bucket, s3PathStyleUrl, snsOwner, stepFunctionsOwner } from './owners';
import { restApiTarget, RestApiRoutes, type RestApiUrls } from './rest-apis';
import { serveMessages } from './sns-messages';
import { protocolService, scopeService, servedList, SERVED_SERVICES, protocolError, type ServedService } from './protocol';

export interface EdgeOptions {
  /** @default a free port */
  readonly port?: number;
  /** The REST APIs (started with startLocalApi) the edge serves as `execute-api` too (rest-apis.ts). */
  readonly restApis?: readonly LocalApi[];
  /** Called once per request with the service it went to. */
  readonly onRequest?: (line: { service: string; method: string; path: string; status: number }) => void;
}

/** One endpoint on 127.0.0.1 for the AWS CLI and SDKs, in front of one or more started local stacks. */
export interface LocalEdge {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL (or a client's `endpoint`) is set to. */
  readonly url: string;
  readonly port: number;
  readonly served: ServedResources;
  /** Where each REST API answers on the edge. */
  readonly restApis: readonly RestApiUrls[];
  close(): Promise<void>;
}

/** Buffered bodies (every service but S3, which streams) up to DynamoDB's 16 MB BatchWriteItem request. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * Starts the edge: each request goes to the service named by its SigV4 credential scope (or, unsigned, by its
 * wire protocol; see protocol.ts), then to the stack that has the resource it names, where the stack's own
 * emulator answers it: the Step Functions API, dynalite, the SNS sink, s3rver, the Lambda host. Two stacks that
 * share a resource name are refused here (LocalSetupError).
 */
export async function startLocalEdge(stacks: readonly LocalStack[], options: EdgeOptions = {}): Promise<LocalEdge> {
  const catalog = new EdgeCatalog(stacks);
  const restApis = new RestApiRoutes(options.restApis ?? []);
  const server = createServer((req, res) => void handle(catalog, restApis, req, res, options));
  await new Promise<void>((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is in use by another program' : err.code === 'EACCES' ? 'needs privileges this process lacks' : `cannot be used (${err.message})`;
      reject(new LocalSetupError(`Port ${options.port ?? 0} on 127.0.0.1 ${why}; pick another for the endpoint with --edge-port (1024-65535), or stop what uses it.`));
    };
    server.once('error', refused);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', refused);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, served: catalog.served(), restApis: restApis.urls(port), close: () => closeServer(server as Server) };
}

async function handle(catalog: EdgeCatalog, restApis: RestApiRoutes, req: IncomingMessage, res: ServerResponse, options: EdgeOptions): Promise<void> {
  const signals = { headers: req.headers, url: req.url ?? '/' };
  const readBack = isMessagesPath(signals.url);
  const restApi = readBack ? undefined : restApiTarget(req);
  const service = readBack ? 'sns' : restApi ? 'execute-api' : (scopeService(signals) ?? protocolService(signals));
  res.once('finish', () => options.onRequest?.({ service, method: req.method ?? 'GET', path: signals.url.split('?')[0], status: res.statusCode }));
  try {
    // The SNS sink's read-back (no AWS API, so no credential scope, and no signature asked, as LocalStack's
    // /_aws/ endpoints): before the services.
    if (readBack) return await serveMessages(catalog, req, res);
    // A REST API checks its own methods' authorization (some are open), as API Gateway does.
    if (restApi) return await restApis.serve(restApi, req, res);
    if (!(service in SERVED_SERVICES)) return notServed(req, res, service);
    const region = catalog.stacks[0].model.region;
    if (service === 's3') {
      if (!authenticate({ service, region, req }, res)) return;
      return await serveS3(catalog, req, res);
    }
    const body = await readRawBody(req, MAX_BUFFERED_BYTES);
    if (body === undefined) return protocolError(req, res, 413, 'RequestEntityTooLarge', `The request body is over ${MAX_BUFFERED_BYTES} bytes.`);
    if (!authenticate({ service: service as ServedService, region, req, body }, res)) return;
    await serveBuffered(service as Exclude<ServedService, 's3'>, catalog, req, body, res);
  } catch (err) {
    if (!res.headersSent) protocolError(req, res, 500, 'InternalFailure', `The local endpoint failed: ${(err as Error).message}`);
    else res.destroy(err as Error);
  }
}

async function serveBuffered(service: Exclude<ServedService, 's3'>, catalog: EdgeCatalog, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const first = catalog.stacks[0];
  switch (service) {
    case 'lambda':
      return invokeThroughEdge(catalog, req, body, res);
    case 'states': {
      const parsed = parseJsonObject(body);
      if (typeof parsed.taskToken === 'string' && catalog.stacks.length > 1) return sendAnswer(res, await firstThatKnowsToken(catalog, req, body));
      if (String(req.headers['x-amz-target']) === 'AWSStepFunctions.ListStateMachines' && catalog.stacks.length > 1) {
        const all = Buffer.from(JSON.stringify({ maxResults: 1000 }));
        const answers = await Promise.all(catalog.stacks.map((s) => forwardBuffered(s.endpoints.stepfunctions, req, all)));
        return sendAnswer(res, mergeStateMachineLists(answers, parsed));
      }
      return sendAnswer(res, await forwardBuffered((stepFunctionsOwner(catalog, parsed) ?? first).endpoints.stepfunctions, req, body));
    }
    case 'dynamodb': {
      if (String(req.headers['x-amz-target']) === 'DynamoDB_20120810.ListTables' && catalog.stacks.length > 1) {
        const answers = await Promise.all(catalog.stacks.map((s) => forwardBuffered(s.endpoints.dynamodb, req, body)));
        return sendAnswer(res, mergeTableLists(answers, parseJsonObject(body)));
      }
      return sendAnswer(res, await forwardBuffered((dynamoDbOwner(catalog, parseJsonObject(body)) ?? first).endpoints.dynamodb, req, body));
    }
    case 'sns':
      return sendAnswer(res, await forwardBuffered((snsOwner(catalog, new URLSearchParams(body.toString('utf8'))) ?? first).endpoints.sns, req, body));
  }
}

/** SendTask* with several stacks: the token is tried on each until one knows it (the others answer TaskDoesNotExist). */
async function firstThatKnowsToken(catalog: EdgeCatalog, req: IncomingMessage, body: Buffer): Promise<Answer> {
  let answer: Answer | undefined;
  for (const stack of catalog.stacks) {
    answer = await forwardBuffered(stack.endpoints.stepfunctions, req, body);
    const type = String(answer.headers['x-amzn-errortype'] ?? '');
    if (type !== 'TaskDoesNotExist' && type !== 'InvalidToken') return answer;
  }
  return answer!;
}

async function serveS3(catalog: EdgeCatalog, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const withBuckets = catalog.stacks.filter((s) => s.model.buckets.length > 0);
  // Virtual-hosted requests are passed on path-style; their signature was checked over the target as sent.
  const url = s3PathStyleUrl(req.url ?? '/', req.headers.host);
  const bucket = s3Bucket(url);
  if (withBuckets.length === 0) {
    return protocolError(req, res, 404, 'NoSuchBucket', `The specified bucket does not exist: ${bucket ?? '(none named)'}; no stack served here has S3 buckets.`);
  }
  if (bucket === undefined && req.method === 'GET' && withBuckets.length > 1) {
    const body = (await readRawBody(req, MAX_BUFFERED_BYTES)) ?? Buffer.alloc(0);
    const answers = await Promise.all(withBuckets.map((s) => forwardBuffered(s.endpoints.s3, req, body)));
    return sendAnswer(res, mergeBucketLists(answers));
  }
  const owner = (bucket !== undefined ? catalog.bucketOwner(bucket) : undefined) ?? withBuckets[0];
  const decoded = isAwsChunked(req.headers) ? { stream: decodeAwsChunked(req), headers: decodedHeaders(req.headers) } : undefined;
  await forwardStreaming(owner.endpoints.s3, req, res, url, decoded);
}

function notServed(req: IncomingMessage, res: ServerResponse, service: string): void {
  const restApi =
    service === 'execute-api'
      ? ' A REST API is reached at /restapis/<apiId>/<stage>/_user_request_/<path> or with the Host <apiId>.execute-api.localhost (or on its own port).'
      : '';
  protocolError(req, res, 400, 'NotEmulatedLocally', `The local endpoint serves ${servedList()}; not ${service} (the service in the request's SigV4 credential scope).${restApi}`);
}



/** The body as a JSON object, or `{}` when it is not one (the service then answers its own SerializationException). */
function parseJsonObject(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
