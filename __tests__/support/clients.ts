import { execFile, spawnSync } from 'node:child_process';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../scripts/lib/node-sha256';

/**
 * Real clients of a local API, run as their users run them: curl as a child process, the SDK's SignatureV4 with
 * fetch, and botocore's SigV4Auth (the AWS CLI's signer) through python3.
 */

export interface HttpResult {
  readonly status: number;
  readonly body: string;
}

/** Says why curl cannot run, or undefined when it can. */
export function curlMissing(): string | undefined {
  const probe = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? `curl is not installed or does not run (${probe.error?.message ?? probe.stderr}); install curl to run this test` : undefined;
}

/** Runs a shell command line (e.g. one from the README) and answers its standard output. */
export function shell(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { cwd: options.cwd, env: options.env, timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message} ${stderr}`)) : resolve(stdout),
    );
  });
}

/** curl with these arguments; answers the status and body. */
export function curl(args: readonly string[]): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '-w', '\n%{http_code}', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`curl ${args.join(' ')} failed: ${error.message} ${stderr}`));
      const at = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at) });
    });
  });
}


export interface SdkSigning {
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The SDK's default (true) signs x-amz-content-sha256. */
  readonly applyChecksum?: boolean;
  readonly signingDate?: Date;
  readonly service?: string;
}

/**
 * Signs with `@smithy/signature-v4` as the SDK does (host, the given headers, x-amz-date, and x-amz-content-sha256
 * and x-amz-security-token when they apply) and sends with fetch. `sentBody` replaces the body after signing.
 */
export async function signAndFetch(
  signing: SdkSigning,
  method: string,
  url: string,
  options: { body?: string; sentBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult & { headers: Headers }> {
  const { body, sentBody = body } = options;
  const target = new URL(url);
  const signer = new SignatureV4({
    service: signing.service ?? 'execute-api',
    region: signing.region,
    credentials: signing.credentials,
    sha256: NodeSha256,
    ...(signing.applyChecksum !== undefined && { applyChecksum: signing.applyChecksum }),
  });
  const signed = await signer.sign(
    {
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { host: target.host, ...options.headers },
      ...(body !== undefined && { body }),
    },
    { ...(signing.signingDate && { signingDate: signing.signingDate }) },
  );
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(target, { method, headers, ...(sentBody !== undefined && { body: sentBody }) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A JSON request as an SDK signs it (see signAndFetch): content-type application/json when there is a body. */
export async function sdkRequest(signing: SdkSigning, method: string, url: string, body?: string, sentBody = body): Promise<HttpResult> {
  const headers = body !== undefined ? { 'content-type': 'application/json' } : undefined;
  const { status, body: text } = await signAndFetch(signing, method, url, { ...(body !== undefined && { body }), ...(sentBody !== undefined && { sentBody }), ...(headers && { headers }) });
  return { status, body: text };
}

/** Says why botocore cannot run, or undefined when it can. */
export function botocoreMissing(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? `python3 with botocore is not installed (${probe.error?.message ?? probe.stderr.trim()})` : undefined;
}

const BOTOCORE_CLIENT = `
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.httpsession import URLLib3Session
method, url, region, key, secret, token, body, date_header = sys.argv[1:9]
data = body.encode('utf-8') if body else None
headers = {'content-type': 'application/json'} if data else {}
if date_header:
    headers['Date'] = 'set by the signer'  # botocore then signs an HTTP Date header instead of X-Amz-Date
request = AWSRequest(method=method, url=url, data=data, headers=headers)
SigV4Auth(Credentials(key, secret, token or None), 'execute-api', region).add_auth(request)
response = URLLib3Session().send(request.prepare())
sys.stdout.write(str(response.status_code) + '\\n' + response.text)
`;

/** Signs with botocore's SigV4Auth (as the AWS CLI does) and sends with its HTTP session. */
export function botocoreRequest(
  signing: { region: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  method: string,
  url: string,
  body = '',
  options: { dateHeader?: boolean } = {},
): Promise<HttpResult> {
  const { region, accessKeyId, secretAccessKey, sessionToken = '' } = signing;
  const args = ['-c', BOTOCORE_CLIENT, method, url, region, accessKeyId, secretAccessKey, sessionToken, body, options.dateHeader ? '1' : ''];
  return new Promise((resolve, reject) => {
    execFile('python3', args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`botocore request failed: ${error.message} ${stderr}`));
      const at = stdout.indexOf('\n');
      resolve({ status: Number(stdout.slice(0, at)), body: stdout.slice(at + 1) });
    });
  });
}
