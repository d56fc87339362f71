import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_CREDENTIALS, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { edgeEnvironment, readsAwsEndpointUrl } from '../../../scripts/lib/local/serve-edge';
import { awsClis, findAwsCliV2, testWithAwsCliV2 } from '../../support/aws-cli';
import { shell } from '../../support/clients';
import { defaultConfig, synthApp } from '../../support/synth';

// Every AWS CLI command of the seed documents, run verbatim by the AWS CLI v2 against one edge in front of the
// stacks they drive (sfn-dynamodb and parallel-map). Only the placeholders are filled: `{StateMachineArn}`,
// `{executionArn}`, `my-table` and the deployed ARN become the local names, `<your-aws-profile>` a profile of the
// config files this test writes; `--endpoint-url` is added (the CLI 2.9 of Debian 12 reads no AWS_ENDPOINT_URL).

/** sfn-examples' seed 001 ("Create an AWS Step Functions workflow to integrate with Amazon DynamoDB"), lines 60, 75, 102. */
const SEED_001 = {
  start: String.raw`aws stepfunctions start-execution  --name "test" --state-machine-arn "{StateMachineArn}" --input "{\"id\":  \"12345\" }"`,
  describe: String.raw`aws stepfunctions describe-execution --execution-arn  "{executionArn}"`,
  getItem: String.raw` aws dynamodb get-item --table-name my-table --key "{\"id\": {\"S\": \"12345\"} }"`,
};
/** Seed 004 ("AWS Step Functions & Distributed Parallel Processing"), line 67. */
const SEED_004_START = String.raw`aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:xx22yy12zz76:stateMachine:TestStateMachine3C216BE3-cNqHpgOztjDN --input {} --profile <your-aws-profile>`;

const DDB_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:StateMachinetoDDB';
const MAP_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:TestStateMachine';
/** The seed's DescribeExecution output for id 12345, byte for byte. */
const SEED_OUTPUT = '{"description":{"S":"Hello, my id is 12345."},"id":{"S":"12345"}}';
/** describe-execution of a SUCCEEDED Standard execution as the seed prints it, in the API Reference's order. */
const SEED_FIELDS = ['executionArn', 'stateMachineArn', 'name', 'status', 'startDate', 'stopDate', 'input', 'inputDetails', 'output', 'outputDetails'];
/**
 * The fields AWS added with RedriveExecution (November 2023). The CLI prints only the members its service model
 * knows: Debian 12's 2.9.19 (January 2023) drops them, a newer CLI prints them (describe-execution.test.ts checks
 * them with the SDK v3).
 */
const REDRIVE_OF_SUCCEEDED = { redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' };
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/;

const withCli = testWithAwsCliV2('the seed documents\' AWS CLI commands against the edge');
const cli = findAwsCliV2();
/** A CLI that reads AWS_ENDPOINT_URL (v1 ≥ 1.29 or v2 ≥ 2.13), for the banner's environment on its own. */
const endpointReader = awsClis().find((c) => readsAwsEndpointUrl(c.version));
if (!endpointReader) {
  console.warn(`SKIPPED the banner's environment alone with the AWS CLI: no CLI here reads AWS_ENDPOINT_URL (found ${awsClis().map((c) => c.version).join(', ') || 'none'}). Install the CLI v2 ≥ 2.13 (AWS's installer) or v1 ≥ 1.29 (pip install awscli) to run it.`);
}

let stacks: LocalStack[] = [];
let edge: LocalEdge | undefined;
let home: string | undefined;
let run: (command: string) => Promise<Record<string, unknown>>;
/** Runs a command that must fail: the CLI's exit code and what it printed on stderr. */
let refused: (command: string) => Promise<{ code: number | string | undefined; stderr: string }>;

beforeAll(async () => {
  if (!('path' in cli) && !endpointReader) return;
  const synth = synthApp();
  stacks = [await startLocalStack(synth.stacks['sfn-dynamodb'].dir), await startLocalStack(synth.stacks['parallel-map'].dir)];
  edge = await startLocalEdge(stacks);
  // A user's machine: the default profile and a named one in the CLI's own files, no AWS_* credentials in the
  // environment, nothing read from the real ~/.aws.
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-cli-home-'));
  const keys = `aws_access_key_id = ${LOCAL_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${LOCAL_CREDENTIALS.secretAccessKey}\n`;
  fs.writeFileSync(path.join(home, 'config'), '[default]\nregion = us-east-1\n[profile local]\nregion = us-east-1\n');
  fs.writeFileSync(path.join(home, 'credentials'), `[default]\n${keys}[local]\n${keys}`);
  const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_PAGER: '' };
  const url = edge.url;
  if (!('path' in cli)) return;
  const line = (command: string) => `${command.replace(/^\s*aws /, `'${cli.path}' `)} --endpoint-url ${url}`;
  run = async (command) => JSON.parse(await shell(line(command), { cwd: home!, env })) as Record<string, unknown>;
  refused = (command) =>
    new Promise((resolve, reject) =>
      execFile('sh', ['-c', line(command)], { cwd: home, env, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? resolve({ code: error.code ?? undefined, stderr: stderr.trim() }) : reject(new Error(`${command} succeeded: ${stdout}`)),
      ),
    );
}, 120_000);

afterAll(async () => {
  await edge?.close();
  for (const stack of stacks) await stack.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** The fields of `answer` not in `fields`. */
function beyond(answer: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answer).filter(([key]) => !fields.includes(key)));
}

/** describe-execution as seed 001 runs it, until the execution has ended (bounded). */
async function describeUntilEnded(executionArn: string): Promise<Record<string, unknown>> {
  const command = SEED_001.describe.replace('{executionArn}', executionArn);
  for (let i = 0; i < 40; i++) {
    const described = await run(command);
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${executionArn} was still RUNNING after 40 describe-execution calls`);
}

describe('seed 001 (sfn-dynamodb)', () => {
  withCli('start-execution answers the execution ARN and start date; describe-execution the seed\'s output, byte for byte', async () => {
    // WHEN
    const started = await run(SEED_001.start.replace('{StateMachineArn}', DDB_MACHINE));
    const described = await describeUntilEnded(String(started.executionArn));
    // THEN
    expect(Object.keys(started)).toStrictEqual(['executionArn', 'startDate']);
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:StateMachinetoDDB:test');
    expect(started.startDate).toMatch(ISO_DATE);
    expect(Object.keys(described).slice(0, SEED_FIELDS.length)).toStrictEqual(SEED_FIELDS);
    expect([{}, REDRIVE_OF_SUCCEEDED]).toContainEqual(beyond(described, SEED_FIELDS));
    expect(described).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: DDB_MACHINE,
      name: 'test',
      status: 'SUCCEEDED',
      startDate: started.startDate,
      input: '{"id":  "12345" }',
      inputDetails: { included: true },
      outputDetails: { included: true },
    });
    expect(described.output).toBe(SEED_OUTPUT);
    expect(Date.parse(String(described.stopDate))).toBeGreaterThanOrEqual(Date.parse(String(started.startDate)));
  });

  withCli('get-item answers the item the execution wrote', async () => {
    // WHEN
    const item = await run(SEED_001.getItem.replace('my-table', 'sfn-dynamodb-items'));
    // THEN
    expect(item).toStrictEqual({ Item: { description: { S: 'Hello, my id is 12345.' }, id: { S: '12345' } } });
  });
});

describe('refusals, as the CLI reports AWS errors (exit code 254, "An error occurred (<code>) when calling …")', () => {
  withCli('the seed\'s get-item with its placeholder table left in: ResourceNotFoundException', async () => {
    const { code, stderr } = await refused(SEED_001.getItem);
    expect(code).toBe(254);
    expect(stderr).toBe('An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found');
  });

  withCli('describe-execution of an execution never started: ExecutionDoesNotExist', async () => {
    const { code, stderr } = await refused(SEED_001.describe.replace('{executionArn}', 'arn:aws:states:us-east-1:000000000000:execution:StateMachinetoDDB:never'));
    expect(code).toBe(254);
    expect(stderr).toMatch(/^An error occurred \(ExecutionDoesNotExist\) when calling the DescribeExecution operation: .*never/);
  });

  withCli('the seed\'s start-execution again (execution "test" exists, from seed 001 above) with another input: ExecutionAlreadyExists', async () => {
    const { code, stderr } = await refused(SEED_001.start.replace('{StateMachineArn}', DDB_MACHINE).replace('12345', '67890'));
    expect(code).toBe(254);
    expect(stderr).toMatch(/^An error occurred \(ExecutionAlreadyExists\) when calling the StartExecution operation: /);
  });
});

describe('seed 004 (parallel-map)', () => {
  withCli('start-execution with --input {} and a named profile starts the Map over the loaded list, which succeeds', async () => {
    // GIVEN the list the seed loads first (python load-ddb.py … --json simplelist.json), with the project's loader
    await loadListInto(stacks[1]!, path.join(__dirname, '../../../utils/simplelist.json'), () => undefined, defaultConfig());
    // WHEN
    const started = await run(SEED_004_START.replace(/arn:aws:states:\S+/, MAP_MACHINE).replace('<your-aws-profile>', 'local'));
    const described = await describeUntilEnded(String(started.executionArn));
    // THEN
    expect(Object.keys(started)).toStrictEqual(['executionArn', 'startDate']);
    expect(started.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:TestStateMachine:[0-9a-f-]{36}$/);
    expect(described).toMatchObject({ status: 'SUCCEEDED', input: '{}' });
    expect(Object.keys(described).slice(0, SEED_FIELDS.length)).toStrictEqual(SEED_FIELDS);
    expect([{}, REDRIVE_OF_SUCCEEDED]).toContainEqual(beyond(described, SEED_FIELDS));
    expect(JSON.stringify(JSON.parse(String(described.output)))).toContain('Computer Science');
  }, 60_000);
});

describe('the environment the edge prints, on its own', () => {
  (endpointReader ? test : test.skip)(`reaches the edge with a CLI that reads AWS_ENDPOINT_URL (${endpointReader?.path ?? 'none'} ${endpointReader?.version ?? ''})`, async () => {
    // GIVEN no --endpoint-url, no config files: only the printed exports (HOME stays: a pyenv shim needs it)
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), AWS_CONFIG_FILE: os.devNull, AWS_SHARED_CREDENTIALS_FILE: os.devNull, AWS_PAGER: '', ...edgeEnvironment(edge!, 'us-east-1') };
    // WHEN
    const listed = JSON.parse(await shell(`'${endpointReader!.path}' stepfunctions list-state-machines`, { cwd: os.tmpdir(), env })) as { stateMachines: { stateMachineArn: string }[] };
    // THEN
    expect(listed.stateMachines.map((m) => m.stateMachineArn).sort()).toStrictEqual([DDB_MACHINE, MAP_MACHINE]);
  });
});

test('readsAwsEndpointUrl: the CLI v1 from 1.29.0 on, the v2 from 2.13.0 on', () => {
  expect(['1.28.9', '1.29.0', '1.45.11', '2.9.19', '2.12.7', '2.13.0', '2.22.4'].map(readsAwsEndpointUrl)).toStrictEqual([false, true, true, false, false, true, true]);
});
