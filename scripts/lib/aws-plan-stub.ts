import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateAsl, type AslValidatorError } from '../../definitions/validate';

/**
 * A local HTTP server that answers the few AWS calls the AWS provider makes while planning, so a plan needs
 * no network: Step Functions `ValidateStateMachineDefinition` (the provider checks every definition that is
 * known at plan time) is answered by the project's validator (definitions/validate.ts, as synth checks), and STS `GetCallerIdentity` with a fake account. Any other
 * call is refused with an error that names it, and recorded.
 */
export interface AwsPlanStub {
  /** Environment variables that send one caller's plan-time calls here (the AWS SDK's AWS_ENDPOINT_URL_<SERVICE>). */
  environment(caller: string): Record<string, string>;
  /** The calls one caller made, as `service:Operation (answer)`. */
  callsOf(caller: string): string[];
  close(): Promise<void>;
}

/** The services whose plan-time calls are sent to the stub. */
export const STUBBED_SERVICES = ['SFN', 'STS'] as const;

export const STUB_ACCOUNT_ID = '123456789012';

export async function startAwsPlanStub(): Promise<AwsPlanStub> {
  const calls = new Map<string, string[]>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = answerCall(String(request.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString('utf8'));
      const caller = decodeURIComponent((request.url ?? '/').split('/')[1] ?? '');
      calls.set(caller, [...(calls.get(caller) ?? []), answer.call]);
      response.writeHead(answer.status, { 'content-type': answer.contentType, 'x-amzn-requestid': 'offline-plan-stub' });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    environment: (caller) => Object.fromEntries(STUBBED_SERVICES.map((s) => [`AWS_ENDPOINT_URL_${s}`, `http://127.0.0.1:${port}/${encodeURIComponent(caller)}`])),
    callsOf: (caller) => calls.get(caller) ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Answer {
  call: string;
  status: number;
  contentType: string;
  body: string;
}

function answerCall(target: string, body: string): Answer {
  const json = 'application/x-amz-json-1.0';
  if (target === 'AWSStepFunctions.ValidateStateMachineDefinition') {
    const definition = parseJson((parseJson(body) as { definition?: string } | undefined)?.definition ?? '');
    const errors: AslValidatorError[] = definition === undefined ? [{ 'Error code': 'INVALID_JSON_DESCRIPTION', Message: 'definition is not JSON' }] : validateAsl(definition);
    const isValid = errors.length === 0;
    const diagnostics = errors.map((e) => ({ severity: 'ERROR', code: e['Error code'], message: e.Message, location: e.path ?? '' }));
    return { call: `sfn:ValidateStateMachineDefinition (${isValid ? 'OK' : 'FAIL'})`, status: 200, contentType: json, body: JSON.stringify({ result: isValid ? 'OK' : 'FAIL', diagnostics }) };
  }
  const action = new URLSearchParams(body).get('Action');
  if (action === 'GetCallerIdentity') {
    const xml =
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
      `<Arn>arn:aws:iam::${STUB_ACCOUNT_ID}:user/offline-plan</Arn><UserId>AIDAOFFLINEPLAN</UserId><Account>${STUB_ACCOUNT_ID}</Account>` +
      '</GetCallerIdentityResult><ResponseMetadata><RequestId>offline-plan-stub</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
    return { call: 'sts:GetCallerIdentity (fake account)', status: 200, contentType: 'text/xml', body: xml };
  }
  const operation = target || action || 'unknown operation';
  const message = `The offline plan stub does not answer ${operation}; a plan that needs it cannot run offline.`;
  return { call: `${operation} (refused)`, status: 400, contentType: json, body: JSON.stringify({ __type: 'UnsupportedOperation', message }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
