import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand, DescribeMapRunCommand, ListExecutionsCommand, ListMapRunsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { LOCAL_CREDENTIALS, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { edgeEnvironment } from '../../../scripts/lib/local/serve-edge';
import { findAwsCliV2, testWithAwsCliV2 } from '../../support/aws-cli';
import { PROJECT_ROOT } from '../../support/cli';
import { shell } from '../../support/clients';
import { defaultConfig, synthApp } from '../../support/synth';

// parallel-map in DISTRIBUTED mode (its list in the items bucket, one child execution per subject, results written
// to S3), served behind the edge: its Map Run seen with the SDK v3 SFNClient and with the AWS CLI
// (`aws stepfunctions list-map-runs / describe-map-run / list-executions --map-run-arn`, plus --endpoint-url).

const config = defaultConfig({ stepfunc: { mode: 'DISTRIBUTED', waitDurationSeconds: 0, maxConcurrency: 2 } });
const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:TestStateMachine';
/** The first AWS CLI v2 support/aws-cli.ts finds (Debian's, /usr/bin/aws, where a v1 comes first on PATH). */
const withCli = testWithAwsCliV2('the AWS CLI part of the Map Run test');
const found = findAwsCliV2();
const AWS = 'path' in found ? found.path : 'aws';

let outdir: string;
let stack: LocalStack;
let edge: LocalEdge;
let sfn: SFNClient;
let executionArn: string;

beforeAll(async () => {
  const synth = synthApp(config);
  outdir = synth.outdir;
  stack = await startLocalStack(synth.stacks['parallel-map'].dir);
  await loadListInto(stack, path.join(PROJECT_ROOT, 'utils', 'simplelist.json'), undefined, config);
  edge = await startLocalEdge([stack]);
  sfn = new SFNClient({ endpoint: edge.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  ({ executionArn } = (await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'subjects' }))) as { executionArn: string });
  for (let i = 0; i < 300; i++) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 50));
  }
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  await edge?.close();
  await stack?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('the execution ran one Map Run, ProcessItem: three subjects, three children, all written to S3', async () => {
  expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
  const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  expect(mapRuns).toHaveLength(1);
  expect(mapRuns![0].stateMachineArn).toBe(`${MACHINE}/ProcessItem`);
  const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
  expect(described).toMatchObject({
    executionArn,
    status: 'SUCCEEDED',
    maxConcurrency: 2,
    itemCounts: { total: 3, succeeded: 3, failed: 0, pending: 0, running: 0, resultsWritten: 3 },
    executionCounts: { total: 3, succeeded: 3, resultsWritten: 3 },
  });
  const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns![0].mapRunArn }))).executions!;
  const inputs = await Promise.all(children.map(async (c) => JSON.parse((await sfn.send(new DescribeExecutionCommand({ executionArn: c.executionArn }))).input!)));
  expect(inputs.sort((a: { index: number }, b: { index: number }) => a.index - b.index)).toStrictEqual([
    { item: 'Computer Science', index: 0, encoding: 'plain' },
    { item: 'Economics', index: 1, encoding: 'plain' },
    { item: 'Mathematics', index: 2, encoding: 'plain' },
  ]);
  expect(children.map((c) => c.itemCount)).toStrictEqual([1, 1, 1]);
});

withCli('the AWS CLI lists and describes the Map Run and its children with --endpoint-url', async () => {
  const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_CONFIG_FILE: os.devNull, AWS_SHARED_CREDENTIALS_FILE: os.devNull, ...edgeEnvironment(edge, 'us-east-1') };
  const run = async (command: string) => JSON.parse(await shell(`${AWS} ${command} --endpoint-url ${edge.url}`, { cwd: os.tmpdir(), env })) as Record<string, unknown>;
  const listed = (await run(`stepfunctions list-map-runs --execution-arn ${executionArn}`)) as { mapRuns: { mapRunArn: string }[] };
  expect(listed.mapRuns).toHaveLength(1);
  const mapRunArn = listed.mapRuns[0].mapRunArn;
  const described = await run(`stepfunctions describe-map-run --map-run-arn ${mapRunArn}`);
  expect(described).toMatchObject({ mapRunArn, executionArn, status: 'SUCCEEDED', itemCounts: { total: 3, succeeded: 3 } });
  const children = (await run(`stepfunctions list-executions --map-run-arn ${mapRunArn} --status-filter SUCCEEDED`)) as { executions: { mapRunArn: string }[] };
  expect(children.executions.map((e) => e.mapRunArn)).toStrictEqual([mapRunArn, mapRunArn, mapRunArn]);
});
