/**
 * What one local execution loads: the SDKs and libraries of services a stack does not have stay unloaded (issue
 * 18: `npm run local -- sfn-dynamodb` end to end in ≤ 0.5 s). Seen from a real `node run.cjs scripts/local.ts`
 * process, as npm runs it, with a preload that lists the packages in require's cache at exit.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packagesLoadedBy } from '../support/loaded';
import { synthApp } from '../support/synth';

/** Loaded only for what a stack has or a run asks for: buckets, topics, a StartExecution Task, a REST API, a list to load, a mock config. */
const ON_DEMAND = ['@aws-sdk/client-s3', '@aws-sdk/client-sns', '@aws-sdk/client-sfn', 'ajv-draft-04', 'velocityjs', 'csv-parse', 'lossless-json'];

let synth: ReturnType<typeof synthApp>;
let scratch: string;
beforeAll(async () => {
  synth = synthApp();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-loaded-'));
  // The bundle built first: a run that builds it loads every package the last bundle imported while esbuild works.
  await loadedBy(['--help']);
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function loadedBy(args: readonly string[]): Promise<{ code: number | null; stderr: string; loaded: string[] }> {
  const file = path.join(scratch, `${args[0]!.replace(/^-+/, '')}.json`);
  return packagesLoadedBy('scripts/local.ts', args[0] === '--help' ? args : [...args, '--out', synth.outdir, '--json'], { ...process.env, ...synth.env, CHECKPOINT_DISABLE: '1' }, file);
}

test('sfn-dynamodb (a table and a workflow) loads DynamoDB and the IAM simulator, none of the on-demand packages', async () => {
  const run = await loadedBy(['sfn-dynamodb']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.loaded).toEqual(expect.arrayContaining(['dynalite', '@aws-sdk/client-dynamodb', '@cloud-copilot/iam-simulate']));
  expect(run.loaded.filter((name) => ON_DEMAND.includes(name))).toStrictEqual([]);
});

test('skip-the-line (buckets and a topic) loads the S3 and SNS SDKs when it uses them', async () => {
  const run = await loadedBy(['skip-the-line']);
  expect(run).toMatchObject({ code: 0 });
  expect(run.loaded).toEqual(expect.arrayContaining(['@aws-sdk/client-s3', '@aws-sdk/client-sns']));
});
