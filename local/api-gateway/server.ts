import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, readRawBody } from '../emulators/http';
import { LocalSetupError } from '../errors';
import type { LocalStack } from '../runner';
import { loadRestApi, type RestApiModel, type RouteModel } from './api-model';
import { gatewayAnswer, type GatewayError, type HttpAnswer } from './gateway-responses';
import { integrate, type RequestInfo } from './integrations';
import { verifySignature } from './sigv4';
import { readQuota, UsageQuota } from './quota';
import { readThrottleSettings, Throttler } from './throttle';
import { readStackJson } from '../synthesized';

/**
 * The stack's REST API on 127.0.0.1, served as API Gateway would: routes, authorization, request validation,
 * mapping templates and integrations are read from the synthesized `aws_api_gateway_*` resources, and the
 * integrations reach the local stack (Lambda proxies run the bundled functions; AWS integrations call the
 * local Step Functions API). Requests are throttled by the stage's method settings and the usage plans' throttles
 * (throttle.ts), and API keys by the usage plans' quotas (quota.ts). Not emulated: caching, IAM policies (any request signed with the local
 * credentials, LOCAL_API_CREDENTIALS, is allowed).
 */

export interface LocalApiOptions {
  /** @default a free port */
  readonly port?: number;
  /** Called once per request, like an access log line. */
  readonly onRequest?: (line: AccessLogLine) => void;
  /** Throttle requests as the synthesized stage and usage plans say (429 Too Many Requests). @default true */
  readonly throttling?: boolean;
}

export interface AccessLogLine {
  readonly requestId: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface LocalApi {
  readonly api: RestApiModel;
  /** `http://127.0.0.1:<port>/<stage>`: what ApiUrl is on AWS. */
  readonly url: string;
  /** The key to send as `x-api-key` when the API requires API keys. */
  readonly apiKey: string;
  /**
   * Answers a request that reached another server (the edge) as this API would, routed by `routedUrl`
   * (`/<stage>/<path>?<query>`); the signature is still checked over the request line as it was sent.
   */
  serve(req: IncomingMessage, res: ServerResponse, routedUrl: string): Promise<void>;
  close(): Promise<void>;
}

/** The value of `x-api-key` the local API accepts. */
export const LOCAL_API_KEY = 'local-api-key';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startLocalApi(stack: LocalStack, options: LocalApiOptions = {}): Promise<LocalApi> {
  const api = loadRestApi(stack.model);
  const tf = options.throttling === false ? undefined : readStackJson(stack.model.stackDir);
  const quota = tf && readQuota(tf);
  const limits: Limits = { throttler: tf && new Throttler(readThrottleSettings(tf)), quota: quota && new UsageQuota(quota) };
  const server = createServer((req, res) => void handle(api, stack, req, res, options, limits));
  await new Promise<void>((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      const why = err.code === 'EADDRINUSE' ? 'is in use by another program' : err.code === 'EACCES' ? 'needs privileges this process lacks' : `cannot be used (${err.message})`;
      reject(new LocalSetupError(`Port ${port} on 127.0.0.1 ${why}; pick another with --port (1024-65535), or stop what uses it.`));
    };
    server.once('error', refused);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', refused);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    api,
    url: `http://127.0.0.1:${port}/${api.stageName}`,
    apiKey: LOCAL_API_KEY,
    serve: (req, res, routedUrl) => handle(api, stack, req, res, options, limits, routedUrl),
    close: () => closeServer(server as Server),
  };
}

async function handle(
  api: RestApiModel,
  stack: LocalStack,
  req: IncomingMessage,
  res: ServerResponse,
  options: LocalApiOptions,
  limits: Limits,
  routedUrl = req.url ?? '/',
): Promise<void> {
  const started = Date.now();
  const requestId = randomUUID();
  const url = new URL(routedUrl, 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  let answer: HttpAnswer;
  let error: string | undefined;
  try {
    const bytes = await readRawBody(req, MAX_BODY_BYTES);
    const fail = (e: GatewayError): HttpAnswer => {
      error = e.validationErrorString ?? e.message ?? e.type;
      return gatewayAnswer(api, e, requestId);
    };
    answer = bytes === undefined ? fail({ type: 'REQUEST_TOO_LARGE' }) : await route(api, stack, { req, url, method, bytes, requestId, limits }, fail);
  } catch (err) {
    error = (err as Error).message;
    answer = gatewayAnswer(api, { type: 'DEFAULT_5XX', status: 500 }, requestId);
  }
  res.writeHead(answer.status, { ...answer.headers, 'x-amzn-requestid': requestId });
  res.end(answer.body);
  options.onRequest?.({ requestId, httpMethod: method, path: url.pathname, status: answer.status, latencyMs: Date.now() - started, ...(error && { error }) });
}


interface Incoming {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly method: string;
  readonly bytes: Buffer;
  readonly requestId: string;
  readonly limits: Limits;
}

/** The stage's and usage plans' limits (none with throttling off): request rates, and the keys' quota. */
interface Limits {
  readonly throttler: Throttler | undefined;
  readonly quota: UsageQuota | undefined;
}

async function route(api: RestApiModel, stack: LocalStack, incoming: Incoming, fail: (e: GatewayError) => HttpAnswer): Promise<HttpAnswer> {
  const { req, url, method, bytes, requestId } = incoming;
  const body = bytes.toString('utf8');
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]));
  const query = Object.fromEntries(url.searchParams.entries());
  const prefix = `/${api.stageName}`;
  const resourcePath = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
  // API Gateway answers an unknown path or method as it answers a missing signature: it does not say which.
  const found = resourcePath === undefined ? undefined : api.routes.get(`${method} ${resourcePath.replace(/\/$/, '') || '/'}`);
  if (!found) return fail({ type: 'MISSING_AUTHENTICATION_TOKEN' });
  const routeModel: RouteModel = found;

  if (routeModel.authorization === 'AWS_IAM') {
    // The signature covers the request line as sent, before any URL normalization.
    const [rawPath, ...rest] = (req.url ?? '/').split('?');
    const check = verifySignature({ method, path: rawPath, rawQuery: rest.join('?'), headers: req.headersDistinct, body: bytes }, api.region);
    if (!check.ok) return fail({ type: check.type, ...(check.message && { message: check.message }) });
  } else if (routeModel.authorization !== 'NONE') {
    return fail({ type: 'DEFAULT_5XX', status: 500, message: `Authorization ${routeModel.authorization} is not emulated locally.` });
  }
  if (routeModel.apiKeyRequired && headers['x-api-key'] !== LOCAL_API_KEY) return fail({ type: 'INVALID_API_KEY' });
  const { throttler, quota } = incoming.limits;
  const apiKey = routeModel.apiKeyRequired ? headers['x-api-key'] : undefined;
  if (quota && apiKey !== undefined && quota.exhausted(apiKey)) return fail({ type: 'QUOTA_EXCEEDED' });
  if (throttler && !throttler.admit(routeModel.path, routeModel.httpMethod, routeModel.apiKeyRequired)) return fail({ type: 'THROTTLED' });
  if (quota && apiKey !== undefined) quota.count(apiKey);

  if (routeModel.validateParameters) {
    const missing = [
      ...routeModel.requiredQueryParameters.filter((p) => !query[p]),
      ...routeModel.requiredHeaders.filter((h) => !headers[h.toLowerCase()]),
    ];
    if (missing.length > 0) return fail({ type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]` });
  }
  const contentType = (headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
  const validateBody = routeModel.requestModels[contentType];
  if (routeModel.validateBody && validateBody !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      return fail({ type: 'BAD_REQUEST_BODY', validationErrorString: `[Invalid JSON: ${(err as Error).message}]` });
    }
    const problems = validateBody(value);
    if (problems.length > 0) return fail({ type: 'BAD_REQUEST_BODY', validationErrorString: `[${problems.join(', ')}]` });
  }

  const sourceIp = incoming.req.socket.remoteAddress ?? '127.0.0.1';
  const info: RequestInfo = { method, resourcePath: routeModel.path, path: url.pathname, query, headers, body, contentType, requestId, sourceIp };
  return integrate(api, stack, routeModel, info, fail);
}
