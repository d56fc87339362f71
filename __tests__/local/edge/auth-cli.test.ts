import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { findAwsCliV2, testWithAwsCliV2 } from '../../support/aws-cli';
import { synthApp } from '../../support/synth';

// The AWS CLI v2 (Debian's, /usr/bin/aws, or the first v2 support/aws-cli.ts finds; CLI 2.9 reads no AWS_ENDPOINT_URL, hence --endpoint-url) against the
// edge: botocore's signatures (S3's included) pass with the accepted keys, and wrong ones get AWS's error codes.

// A v1 (pyenv's or pip's `aws`, first on PATH on some machines) presigns with Signature Version 2, which the edge
// refuses as S3 does for buckets made since 2020 (auth.test.ts): only a v2 is driven here.
const withCli = testWithAwsCliV2('the AWS CLI signature tests of the edge');
const found = findAwsCliV2();
const CLI = 'path' in found ? found.path : 'aws';
const cliMissing = !('path' in found);

const BUCKET = 'stepfunctionorchestration-local';
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:step_function_orchestration_topic';
let outdir: string | undefined;
let stack: LocalStack | undefined;
let edge: LocalEdge | undefined;
let work: string;

beforeAll(async () => {
  if (cliMissing) return;
  const synth = synthApp();
  outdir = synth.outdir;
  stack = await startLocalStack(synth.stacks['skip-the-line'].dir);
  edge = await startLocalEdge([stack]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'edge-cli-'));
});

afterAll(async () => {
  await edge?.close();
  await stack?.close();
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with these credentials and nothing from ~/.aws. */
function aws(key: string, secret: string, args: readonly string[]): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: work, AWS_CONFIG_FILE: os.devNull, AWS_SHARED_CREDENTIALS_FILE: os.devNull, AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret, AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' };
  return new Promise((resolve) => {
    execFile(CLI, [...args, '--endpoint-url', edge!.url], { env, cwd: work, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

withCli('the CLI signs S3 (cp, ls, presign), Step Functions and SNS requests the edge accepts, with S3RVER and with test', async () => {
  fs.writeFileSync(path.join(work, 'hello.txt'), 'hello from the CLI');
  const copied = await aws('S3RVER', 'S3RVER', ['s3', 'cp', path.join(work, 'hello.txt'), `s3://${BUCKET}/cli/hello.txt`]);
  expect(copied).toMatchObject({ code: 0 });
  expect((await aws('test', 'test', ['s3', 'ls', `s3://${BUCKET}/cli/`])).stdout).toContain('hello.txt');
  const presigned = (await aws('S3RVER', 'S3RVER', ['s3', 'presign', `s3://${BUCKET}/cli/hello.txt`, '--expires-in', '60'])).stdout.trim();
  const fetched = await fetch(presigned);
  expect([fetched.status, await fetched.text()]).toStrictEqual([200, 'hello from the CLI']);
  const machines = await aws('test', 'test', ['stepfunctions', 'list-state-machines']);
  expect(JSON.parse(machines.stdout).stateMachines.map((m: { name: string }) => m.name)).toStrictEqual(['step_function_orchestration']);
  expect(await aws('S3RVER', 'S3RVER', ['sns', 'publish', '--topic-arn', TOPIC, '--message', 'from the CLI'])).toMatchObject({ code: 0 });
});

/** The CLI's error line: `An error occurred (<code>) when calling the <operation> operation[ (reached max retries: N)]: <message>`. */
const cliError = (code: string, operation: string, message: string) =>
  new RegExp(`An error occurred \\(${code}\\) when calling the ${operation} operation(?: \\(reached max retries: \\d+\\))?: ${message.replace(/[.()]/g, '\\$&')}`);

withCli('wrong credentials: the CLI reports the service\'s error code for each protocol', async () => {
  const states = await aws('S3RVER', 'wrong', ['stepfunctions', 'list-state-machines']);
  expect(states.stderr).toMatch(cliError('InvalidSignatureException', 'ListStateMachines', 'The request signature we calculated does not match'));
  const dynamodb = await aws('AKIDUNKNOWN', 'x', ['dynamodb', 'list-tables']);
  expect(dynamodb.stderr).toMatch(cliError('UnrecognizedClientException', 'ListTables', 'The security token included in the request is invalid.'));
  const s3 = await aws('AKIDUNKNOWN', 'x', ['s3api', 'get-object', '--bucket', BUCKET, '--key', 'cli/hello.txt', path.join(work, 'out.txt')]);
  expect(s3.stderr).toMatch(cliError('InvalidAccessKeyId', 'GetObject', 'The AWS Access Key Id you provided does not exist in our records.'));
  const sns = await aws('S3RVER', 'wrong', ['sns', 'publish', '--topic-arn', TOPIC, '--message', 'never']);
  expect(sns.stderr).toMatch(cliError('SignatureDoesNotMatch', 'Publish', ''));
  expect([states.code, dynamodb.code, s3.code, sns.code].every((code) => code !== 0)).toBe(true);
});
