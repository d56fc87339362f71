import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { launched } from '../../scripts/lib/project';
import { main } from '../../scripts/load-ddb';
import { readCsvList, readJsonList } from '../../scripts/list-loader/list-file';
import { PROJECT_ROOT } from '../../stacks/config';
import { startTestDynamo, type TestDynamo } from '../support/dynalite';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-ddb-'));
const file = (name: string, content: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const config = (name: string, content: Record<string, unknown>) => file(name, JSON.stringify(content));
const SIMPLE = path.join(PROJECT_ROOT, 'utils/simplelist.json');
const DICTS = path.join(PROJECT_ROOT, 'utils/listofdicts.json');
const LOCAL = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Runs the loader in-process and returns its exit code and output. */
async function load(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('load-ddb: the list file is checked before anything is written', () => {
  test.each([
    ['missing.json', null, /InvalidListError: .*missing\.json does not exist/],
    ['object.json', '{"values": []}', /InvalidListError: .*object\.json holds an object, but the list must be a JSON array/],
    ['broken.json', '["a", ', /InvalidListError: .*broken\.json is not valid JSON/],
    ['huge-number.json', '[1e400]', /item 0 is the number 1e400, which is larger in magnitude than DynamoDB's largest number/],
    ['deep.json', JSON.stringify([JSON.parse('['.repeat(40) + ']'.repeat(40))]), /nested more than 32 levels deep/],
    ['big.json', JSON.stringify(Array.from({ length: 30_000 }, (_, i) => `subject number ${i}`)), /ListTooLargeError: [\s\S]*over the item size limit of 409,600 bytes \(400 KB[\s\S]*DISTRIBUTED/],
  ])('%s is refused with a named error and exit code 1', async (name, content, message) => {
    const p = content === null ? path.join(tmp, name) : file(name, content);
    // No endpoint answers at port 1: a write attempt would fail differently.
    const { code, err } = await load('--json', p, '--endpoint', 'http://127.0.0.1:1');
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err).toMatch(/Nothing was written\.$/);
  });

  test.each([
    [[], /Give the list file with --json <file>/],
    [['--json', SIMPLE, '--csv', 'x.csv'], /exactly one of them/],
    [['--json', SIMPLE, '--tabel', 'x'], /^Unknown option '--tabel'\./],
    [['--json', SIMPLE, '--bucket', 'items'], /--bucket is for the Distributed Map, but stepfunc\.mode in config\.json is INLINE/],
    [['--json', SIMPLE, '--endpoint', 'localhost:8000'], /--endpoint 'localhost:8000' is not an http\(s\) URL/],
    [['--json', SIMPLE, '--endpoint', 'http://[bad'], /--endpoint 'http:\/\/\[bad' is not an http\(s\) URL such as http:\/\/127\.0\.0\.1:8000\./],
    [['--json', SIMPLE, '--endpoint', 'http://127.0.0.1:99999'], /--endpoint 'http:\/\/127\.0\.0\.1:99999' is not an http\(s\) URL/],
    [['--json='], /--json needs a value, not an empty string/],
    [['--json', SIMPLE, '--config', ''], /--config needs a value, not an empty string/],
    [['--json', SIMPLE, '--profile', ' '], /--profile needs a value, not only spaces/],
    [['--json', SIMPLE, '--region', ''], /--region needs a value, not an empty string/],
    [['--json', SIMPLE, '--region', 'mars-east-1'], /--region 'mars-east-1' is not an AWS Region: .*add its code to AWS_REGIONS/],
    [['--json', SIMPLE, '--region', 'x y'], /--region 'x y' is not an AWS Region/],
    [['--json', SIMPLE, '--region', 'cn-north-1'], /--region 'cn-north-1' is in China \(aws-cn\), which these stacks do not support/],
    [['--json', SIMPLE, '--table', 'a b'], /--table 'a b' is not a DynamoDB table name: 3-255 letters/],
    [['--json', SIMPLE, '--bucket', 'Bad_Bucket'], /--bucket 'Bad_Bucket' is not an S3 bucket name/],
    [['--json', SIMPLE, '--json', DICTS], /--json is given twice; give it once/],
    [['--help=yes'], /--help takes no value/],
  ])('command line %j is refused with a sentence and exit code 2', async (argv, message) => {
    const { code, out, err } = await load(...(argv as string[]));
    expect({ code, out }).toStrictEqual({ code: 2, out: '' });
    expect(err).toMatch(message);
    // One sentence, then the pointer to the help, as every command of the project says a usage error.
    expect(err).toMatch(/^[^\n]+\.\nRun `npm run load-ddb -- --help` for the options\.$/);
  });

  test('as a process, a bad option is one sentence on stderr and exit code 2, no stack trace', async () => {
    const args = [...launched('scripts/load-ddb.ts'), '--json', 'utils/simplelist.json', '--endpoint', 'http://[bad'];
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: tmp } }, (error, _stdout, stderr) =>
        resolve({ status: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result).toStrictEqual({
      status: 2,
      stderr: "--endpoint 'http://[bad' is not an http(s) URL such as http://127.0.0.1:8000.\nRun `npm run load-ddb -- --help` for the options.\n",
    });
  });

  test('a bad config file names the key', async () => {
    const { code, err } = await load('--json', SIMPLE, '--config', config('bad.json', { stepfunc: { maxConcurrency: -1 } }));
    expect(code).toBe(1);
    expect(err).toMatch(/ConfigError: [\s\S]*stepfunc\.maxConcurrency: must be 0/);
  });

  test('--help prints the usage', async () => {
    const { code, out } = await load('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run load-ddb -- --json <file>/);
    expect(out).toContain('--profile <name>');
  });

  test('CSV: a header row and one field per column', () => {
    expect(readCsvList(path.join(PROJECT_ROOT, 'utils/listofdicts.csv')).items).toStrictEqual([
      { topic: 'cs', name: 'Computer Science' },
      { topic: 'econ', name: 'Economics' },
      { topic: 'math', name: 'Mathematics' },
    ]);
    expect(readCsvList(file('quoted.csv', 'name,note\r\n"Smith, J","said ""hi""\nthen left"\r\n')).items).toStrictEqual([{ name: 'Smith, J', note: 'said "hi"\nthen left' }]);
    expect(() => readCsvList(file('dup.csv', 'a,a\n1,2\n'))).toThrow(/names column 'a' twice/);
    expect(() => readCsvList(file('blank.csv', 'a, \n1,2\n'))).toThrow(/column 2 of the header row has no name/);
    expect(() => readCsvList(file('empty.csv', ''))).toThrow(/is empty/);
    expect(() => readCsvList(file('open.csv', 'a,b\n"Smith, J,2\n'))).toThrow(/open\.csv: a quoted field is not closed by the end of the file/);
  });

  test('CSV: a UTF-8 byte order mark (as spreadsheet programs write it) is not part of the first column name', () => {
    const bom = '\uFEFF';
    const list = readCsvList(file('bom.csv', `${bom}topic,name\r\ncs,Computer Science\r\n`));
    expect(list.columns).toStrictEqual(['topic', 'name']);
    expect(list.items).toStrictEqual([{ topic: 'cs', name: 'Computer Science' }]);
    expect(() => readCsvList(file('bom-dup.csv', `${bom}a,a\n1,2\n`))).toThrow(/names column 'a' twice/);
  });

  test("CSV: rows with fewer or more fields than the header are read as Step Functions reads them, with a note", () => {
    const list = readCsvList(file('ragged.csv', 'a,b\n1\n1,2,3\n4\n'));
    expect(list.items).toStrictEqual([
      { a: '1', b: '' },
      { a: '1', b: '2' },
      { a: '4', b: '' },
    ]);
    expect(list.notes).toStrictEqual([
      expect.stringMatching(/ragged\.csv: 2 rows \(first: row 2\) have fewer fields than the header; Step Functions reads the missing ones as empty strings \(https:\/\/docs\.aws/),
      expect.stringMatching(/ragged\.csv: 1 row \(row 3\) has more fields than the header; Step Functions skips the extra ones/),
    ]);
    expect(readCsvList(path.join(PROJECT_ROOT, 'utils/listofdicts.csv')).notes).toBeUndefined();
  });

  test('the sample lists are the original ones', () => {
    expect(readJsonList(SIMPLE).items).toStrictEqual(['Computer Science', 'Economics', 'Mathematics']);
    expect(readJsonList(DICTS).items).toStrictEqual([
      { topic: 'cs', name: 'Computer Science' },
      { topic: 'econ', name: 'Economics' },
      { topic: 'math', name: 'Mathematics' },
    ]);
  });
});

describe('load-ddb against a local DynamoDB (dynalite)', () => {
  let dynamo: TestDynamo;
  let endpoint = '';

  beforeAll(async () => {
    dynamo = await startTestDynamo([
      ['StepFunctionsProjectDDBTable', 'mapstatelist'],
      ['dev-Subjects', 'listId'],
    ]);
    endpoint = dynamo.endpoint;
  });
  afterAll(() => dynamo.close());

  const getList = (table = 'StepFunctionsProjectDDBTable', key: Record<string, { S: string }> = { mapstatelist: { S: 'mapitems' } }) => dynamo.getItem(table, key);

  test('simplelist.json becomes a list of strings under the configured key, replacing the earlier list', async () => {
    expect((await load('--json', DICTS, '--endpoint', endpoint)).code).toBe(0);
    const { code, out } = await load('--json', SIMPLE, '--endpoint', endpoint);
    expect(code).toBe(0);
    expect(out).toMatch(
      /Loaded 3 items from .*simplelist\.json into table StepFunctionsProjectDDBTable at http:\/\/127\.0\.0\.1:\d+: item mapstatelist = "mapitems", 68 of 409,600 bytes; a run reads it as \d{3} of 262,144 bytes and adds at least 40 of 25,000 history events\./,
    );
    expect(await getList()).toStrictEqual({
      mapstatelist: { S: 'mapitems' },
      values: { L: [{ S: 'Computer Science' }, { S: 'Economics' }, { S: 'Mathematics' }] },
    });
  });

  test('listofdicts.json becomes a list of maps', async () => {
    expect((await load('--json', DICTS, '--endpoint', endpoint)).code).toBe(0);
    expect((await getList())?.values.L?.[0]).toStrictEqual({ M: { topic: { S: 'cs' }, name: { S: 'Computer Science' } } });
  });

  test('table, key name and value come from the config (namePrefix + ddb.tableName)', async () => {
    const custom = config('custom.json', { namePrefix: 'dev-', ddb: { tableName: 'Subjects', partitionKeyName: 'listId', partitionKeyValueField: 'subjects' } });
    expect((await load('--json', SIMPLE, '--config', custom, '--endpoint', endpoint)).code).toBe(0);
    expect((await getList('dev-Subjects', { listId: { S: 'subjects' } }))?.values.L).toHaveLength(3);
  });

  test('a list of 1,000 items fits', async () => {
    const thousand = file('thousand.json', JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ topic: `t${i}`, name: `Subject ${i}` }))));
    expect((await load('--json', thousand, '--endpoint', endpoint)).code).toBe(0);
    expect((await getList())?.values.L).toHaveLength(1000);
  });

  test('a table that does not exist is reported with what to do', async () => {
    const { code, err } = await load('--json', SIMPLE, '--table', 'NoSuchTable', '--endpoint', endpoint);
    expect(code).toBe(1);
    expect(err).toMatch(/Table NoSuchTable does not exist at http:.*Deploy the stack first/);
  });

  test('the npm script runs as a process (run.cjs) and reports what it wrote', async () => {
    // Asynchronous: the local DynamoDB answers from this very process, so a blocking spawn would deadlock.
    const args = [...launched('scripts/load-ddb.ts'), '--json', 'utils/simplelist.json', '--endpoint', endpoint];
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: tmp } }, (error, stdout, stderr) =>
        resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?show where the warning was created\)\n/, '')).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Loaded 3 items from utils\/simplelist\.json into table StepFunctionsProjectDDBTable/);
  });
});

describe('load-ddb --bucket against a local S3 (s3rver), Distributed Map mode', () => {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'items' }] });
  let endpoint = '';
  beforeAll(async () => {
    endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  });
  afterAll(() => server.close());

  test('uploads the CSV file as it is to the configured key', async () => {
    const distributed = config('distributed.json', { stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'lists/topics.csv' } } });
    const csv = path.join(PROJECT_ROOT, 'utils/listofdicts.csv');
    const { code, out, err } = await load('--csv', csv, '--bucket', 'items', '--config', distributed, '--endpoint', endpoint);
    expect({ code, err }).toStrictEqual({ code: 0, err: '' });
    expect(out).toMatch(/Uploaded 3 items \(\d+ bytes\) from .*listofdicts\.csv to s3:\/\/items\/lists\/topics\.csv\./);
    const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: LOCAL });
    const object = await s3.send(new GetObjectCommand({ Bucket: 'items', Key: 'lists/topics.csv' }));
    expect(await object.Body?.transformToString()).toBe(fs.readFileSync(csv, 'utf8'));
    s3.destroy();
  });

  test('a CSV file with a short row is uploaded, with a note on how Step Functions reads it', async () => {
    const distributed = config('distributed-ragged.json', { stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'ragged.csv' } } });
    const csv = file('short-row.csv', 'topic,name\ncs\n');
    const { code, out, err } = await load('--csv', csv, '--bucket', 'items', '--config', distributed, '--endpoint', endpoint);
    expect({ code, err }).toStrictEqual({ code: 0, err: expect.stringMatching(/^Note: .*short-row\.csv: 1 row \(row 2\) has fewer fields than the header/) });
    expect(out).toMatch(/Uploaded 1 items/);
  });

  test('DISTRIBUTED mode without --bucket says where to find the bucket name', async () => {
    const distributed = config('distributed-json.json', { stepfunc: { mode: 'DISTRIBUTED' } });
    const { code, err } = await load('--json', SIMPLE, '--config', distributed);
    expect(code).toBe(2);
    expect(err).toMatch(/give --bucket <name> \(the parallel-map stack output ItemsBucketName\)/);
  });
});
