/**
 * The loader refuses what the configured Map mode cannot process on AWS, computed from the workflow synthesized
 * from the same config, before anything is written; and lets through what AWS would process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { startLocalStack } from '../../local';
import { loadListInto } from '../../scripts/lib/local/list-load';
import { main } from '../../scripts/load-ddb';
import { historyShape } from '../../scripts/list-loader/history';
import { synthesizedWorkflow } from '../../scripts/list-loader/map-limits';
import { parseConfig } from '../../stacks/config';
import { startTestDynamo, type TestDynamo } from '../support/dynalite';
import { defaultConfig, synthApp } from '../support/synth';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-ddb-limits-'));
const LOCAL = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const write = (name: string, content: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const jsonFile = (name: string, value: unknown) => write(name, JSON.stringify(value));
const configFile = (name: string, raw: Record<string, unknown>) => jsonFile(name, raw);

async function load(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A 294 KB file (9,800 subjects of 27 characters): 274 KB as a DynamoDB item, over 256 KiB as the GetItem result. */
const SUBJECTS_294KB = Array.from({ length: 9_800 }, (_, i) => `subject number ${String(i).padStart(12, '0')}`);

describe('the history a Map iteration adds follows the synthesized workflow', () => {
  test('with WaitInMap: 9 events per item (iteration 2, Wait 2, LambdaInvoke 5); 13 for the rest of the run', () => {
    expect(historyShape(synthesizedWorkflow(parseConfig({}, 'test', {})))).toStrictEqual({ fixed: 13, perItem: 9 });
  });
  test('waitDurationSeconds 0 leaves WaitInMap out: 7 per item', () => {
    expect(historyShape(synthesizedWorkflow(parseConfig({ stepfunc: { waitDurationSeconds: 0 } }, 'test', {})))).toStrictEqual({ fixed: 13, perItem: 7 });
  });
  test('DISTRIBUTED: items run as child executions, the run itself has a fixed history', () => {
    expect(historyShape(synthesizedWorkflow(parseConfig({ stepfunc: { mode: 'DISTRIBUTED' } }, 'test', {})))).toStrictEqual({ fixed: 6, perItem: 0 });
  });
});

describe('INLINE mode (a local DynamoDB)', () => {
  let dynamo: TestDynamo;
  let endpoint = '';
  beforeAll(async () => {
    dynamo = await startTestDynamo([['StepFunctionsProjectDDBTable', 'mapstatelist']]);
    endpoint = dynamo.endpoint;
  });
  afterAll(() => dynamo.close());
  const stored = async () => (await dynamo.getItem('StepFunctionsProjectDDBTable', { mapstatelist: { S: 'mapitems' } }))?.values?.L?.length;
  beforeEach(async () => {
    expect((await load('--json', jsonFile('one.json', ['kept']), '--endpoint', endpoint)).code).toBe(0);
  });

  test('a 294 KB list fits DynamoDB but not a 256 KiB state payload: refused with the numbers and the way out, nothing written', async () => {
    const file = jsonFile('294kb.json', SUBJECTS_294KB);
    expect(fs.statSync(file).size).toBe(294_001);
    const { code, out, err } = await load('--json', file, '--endpoint', endpoint);
    expect({ code, out }).toStrictEqual({ code: 1, out: '' });
    expect(err).toMatch(/^ListTooLargeError: .*294kb\.json cannot be processed in stepfunc\.mode INLINE on AWS:\n/);
    expect(err).toMatch(
      /- As the GetItem result that ReadDDBTable hands to MapState \(DynamoDB JSON, with the response metadata\) the list takes 35\d,\d{3} bytes, over the state input and output limit of 262,144 bytes \(256 KiB; https:\/\/docs\.aws\.amazon\.com\/step-functions\/latest\/dg\/service-quotas\.html#[a-z-]+\): the execution would fail with States\.DataLimitExceeded\. Set stepfunc\.mode to "DISTRIBUTED"/,
    );
    expect(err).toMatch(/Nothing was written\.$/);
    expect(await stored()).toBe(1);
  });

  test('3,000 short items fit every payload but not the 25,000-event history (13 + 9 per item): refused, naming the most items per list', async () => {
    const list = jsonFile('3000.json', Array.from({ length: 3_000 }, (_, i) => `s${i}`));
    const { code, err } = await load('--json', list, '--endpoint', endpoint);
    expect(code).toBe(1);
    expect(err).toMatch(
      /- A run over 3,000 items adds at least 27,013 events to the execution history \(13 \+ 9 per item in MapState\), over the 25,000 events limit \(https:[^)]+\): the execution would fail\. Set stepfunc\.mode to "DISTRIBUTED" .* or split the list into lists of at most 2,776 items\./,
    );
    expect(err).not.toMatch(/GetItem result/);
    expect(await stored()).toBe(1);
  });

  test('the same 3,000 items load when the config leaves WaitInMap out (7 events per item: 21,013)', async () => {
    const noWait = configFile('no-wait.json', { stepfunc: { waitDurationSeconds: 0 } });
    const { code, out } = await load('--json', path.join(tmp, '3000.json'), '--config', noWait, '--endpoint', endpoint);
    expect(code).toBe(0);
    expect(out).toMatch(/adds at least 21,013 of 25,000 history events\./);
    expect(await stored()).toBe(3_000);
  });
});

describe('DISTRIBUTED mode (a local S3): only what the ItemReader refuses', () => {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'items' }] });
  let endpoint = '';
  let s3: S3Client;
  beforeAll(async () => {
    endpoint = `http://127.0.0.1:${(await server.run()).port}`;
    s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: LOCAL });
  });
  afterAll(async () => {
    s3.destroy();
    await server.close();
  });
  const exists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: 'items', Key: key })).then(
      () => true,
      () => false,
    );

  test('the 294 KB list that INLINE refuses uploads: no payload or history limit applies to the whole list', async () => {
    const config = configFile('distributed.json', { stepfunc: { mode: 'DISTRIBUTED', distributed: { itemsKey: 'big.json' } } });
    const { code, out } = await load('--json', jsonFile('294kb.json', SUBJECTS_294KB), '--bucket', 'items', '--config', config, '--endpoint', endpoint);
    expect(code).toBe(0);
    expect(out).toMatch(/Uploaded 9800 items/);
    expect(await exists('big.json')).toBe(true);
  });

  test('an item whose child execution input is over 256 KiB is refused by index, nothing uploaded', async () => {
    const config = configFile('distributed-huge.json', { stepfunc: { mode: 'DISTRIBUTED', distributed: { itemsKey: 'huge.json' } } });
    const list = jsonFile('huge.json', ['small', { text: 'x'.repeat(262_100) }]);
    const { code, err } = await load('--json', list, '--bucket', 'items', '--config', config, '--endpoint', endpoint);
    expect(code).toBe(1);
    expect(err).toMatch(
      /- As the input of its child execution \(MapState's ItemSelector\) item 1 of .*huge\.json takes 262,1\d\d bytes, over the child execution input limit of 262,144 bytes \(256 KiB; https:\/\/docs\.aws\.amazon\.com\/step-functions\/latest\/dg\/input-output-itemreader\.html\)/,
    );
    expect(await exists('huge.json')).toBe(false);
  });

  test('a CSV header over 10 KiB is refused', async () => {
    const config = configFile('distributed-csv.json', { stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'wide.csv' } } });
    const columns = Array.from({ length: 1_100 }, (_, i) => `column${String(i).padStart(4, '0')}`);
    const csv = write('wide.csv', `${columns.join(',')}\n${columns.map(() => '1').join(',')}\n`);
    const { code, err } = await load('--csv', csv, '--bucket', 'items', '--config', config, '--endpoint', endpoint);
    expect(code).toBe(1);
    expect(err).toMatch(/- The header row of .*wide\.csv takes 12,099 bytes, over the CSV header limit of 10,240 bytes \(10 KiB; /);
    expect(await exists('wide.csv')).toBe(false);
  });
});

test('npm run local -- parallel-map --load: the loader refuses a list AWS would not process, before the run', async () => {
  const stack = await startLocalStack(synthApp(defaultConfig()).stacks['parallel-map'].dir);
  try {
    await expect(loadListInto(stack, jsonFile('local-294kb.json', SUBJECTS_294KB))).rejects.toThrow(
      /Could not load .*local-294kb\.json into the local table:\nListTooLargeError: [\s\S]*over the state input and output limit of 262,144 bytes/,
    );
  } finally {
    await stack.close();
  }
});
