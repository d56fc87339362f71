import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { edgeEnvironment } from '../../../scripts/lib/local/serve-edge';
import { shell } from '../../support/clients';
import { synthApp } from '../../support/synth';

// The seed's own AWS CLI commands for sfn-dynamodb, run verbatim plus --endpoint-url (or with the environment
// `npm run local -- --serve` prints), against one edge in front of the sfn-dynamodb stack.

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:StateMachinetoDDB';
const GREETING = { id: { S: '12345' }, description: { S: 'Hello, my id is 12345.' } };

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsMissing = probe.error || probe.status !== 0 ? `the aws CLI is not on PATH (${probe.error?.message ?? probe.stderr.trim()})` : undefined;
if (awsMissing) console.warn(`SKIPPED the AWS CLI test of the edge: ${awsMissing}. Install it (apt-get install -y awscli) to run it.`);
const withCli = awsMissing ? test.skip : test;

let stack: LocalStack | undefined;
let edge: LocalEdge | undefined;

afterAll(async () => {
  await edge?.close();
  await stack?.close();
});

withCli('aws stepfunctions start-execution / describe-execution and aws dynamodb get-item, as the seed runs them', async () => {
  // GIVEN
  const synth = synthApp();
  stack = await startLocalStack(synth.stacks['sfn-dynamodb'].dir);
  edge = await startLocalEdge([stack]);
  // No profile, credentials or settings from ~/.aws: only what the edge's banner says to export.
  const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_CONFIG_FILE: os.devNull, AWS_SHARED_CREDENTIALS_FILE: os.devNull, ...edgeEnvironment(edge, 'us-east-1') };
  const run = async (command: string) => JSON.parse(await shell(command, { cwd: os.tmpdir(), env })) as Record<string, unknown>;
  const url = edge.url;
  // WHEN
  const started = await run(`aws stepfunctions start-execution --name "test" --state-machine-arn ${MACHINE} --input "{\\"id\\": \\"12345\\"}" --endpoint-url ${url}`);
  let described = await run(`aws stepfunctions describe-execution --execution-arn ${String(started.executionArn)} --endpoint-url ${url}`);
  for (let i = 0; i < 20 && described.status === 'RUNNING'; i++) {
    described = await run(`aws stepfunctions describe-execution --execution-arn ${String(started.executionArn)} --endpoint-url ${url}`);
  }
  // AWS_ENDPOINT_URL alone (from the printed environment), no --endpoint-url.
  const item = await run(`aws dynamodb get-item --table-name sfn-dynamodb-items --key '{"id": {"S": "12345"}}'`);
  // THEN
  expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:StateMachinetoDDB:test');
  expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'test', stateMachineArn: MACHINE });
  expect(JSON.parse(String(described.output))).toStrictEqual(GREETING);
  expect(item).toStrictEqual({ Item: GREETING });
});
