import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalStack } from '../../local';
import { createFileAtomic, writeFileAtomic } from '../../local/atomic-file';
import { readJournal } from '../../local/execution-journal';
import { runScript, stackFrames } from '../support/cli';
import { synthApp } from '../support/synth';

// What --data-dir keeps is written whole or not at all, and a damaged file there is named, with what to do,
// without crashing the runner and without anything being overwritten.

const { outdir, env } = synthApp();
const stackDir = (id: string) => path.join(outdir, 'stacks', id);
let tmp: string;
let n = 0;
const freshDir = () => path.join(tmp, `data-${++n}`);

/** Every file under a folder with its bytes (LevelDB's own diagnostic LOG files left out). */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/^LOG(\.old)?$/.test(entry.name)) files[path.relative(dir, full)] = fs.readFileSync(full).toString('base64');
    }
  };
  walk(dir);
  return files;
}

/** A data folder in which sfn-dynamodb has run once: a table item and executions.json. */
async function usedDataDir(): Promise<string> {
  const dataDir = freshDir();
  const stack = await startLocalStack(stackDir('sfn-dynamodb'), { dataDir });
  await stack.execute({ id: 'kept' }, { name: 'first' }).finally(() => stack.close());
  return dataDir;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-data-dir-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a damaged file in the data folder', () => {
  test.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /not valid JSON/],
    ['emptied', () => '', /the file is empty/],
    ['not what the runner writes', () => '[{"name": 1}]', /not what the local runner writes: 0\.executionArn/],
  ])('executions.json %s: npm run local names it and what to do, exits 2, and changes nothing', async (_case, damage, problem) => {
    // GIVEN
    const dataDir = await usedDataDir();
    const file = path.join(dataDir, 'executions.json');
    fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));
    const before = contents(dataDir);
    // WHEN
    const run = await runScript('scripts/local.ts', ['sfn-dynamodb', '--json', '--out', outdir, '--data-dir', dataDir], { env });
    // THEN
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(stackFrames(run.stderr)).toStrictEqual([]);
    expect(run.stderr).toContain(`${file} is damaged (`);
    expect(run.stderr).toMatch(problem);
    expect(run.stderr).toContain(`mv ${file} ${file}.damaged`);
    expect(contents(dataDir)).toStrictEqual(before);
  });

  test.each([
    ['sns/messages.json', '[{"topicArn": "arn", "mess', 'the messages published before are forgotten'],
    ['s3/a-bucket/invoices/a0.json._S3rver_metadata.json', '{"content-type": "applic', 'loses its stored metadata'],
  ])('%s cut short: the stack does not start, the file is named, nothing is written', async (relative, text, consequence) => {
    // GIVEN
    const dataDir = freshDir();
    const file = path.join(dataDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const before = contents(dataDir);
    // WHEN / THEN
    await expect(startLocalStack(stackDir('skip-the-line'), { dataDir })).rejects.toThrow(`${file} is damaged (not valid JSON`);
    await expect(startLocalStack(stackDir('skip-the-line'), { dataDir })).rejects.toThrow(consequence);
    expect(contents(dataDir)).toStrictEqual(before);
  });

  test.each([
    ['a CURRENT file that names no manifest', (dir: string) => fs.writeFileSync(path.join(dir, 'CURRENT'), 'MANIFEST-999999\n')],
    ['no CURRENT file (LevelDB would silently start over)', (dir: string) => fs.rmSync(path.join(dir, 'CURRENT'))],
  ])("dynalite's store with %s: reported by folder instead of crashing the process", async (_case, damage) => {
    // GIVEN
    const dataDir = await usedDataDir();
    const store = path.join(dataDir, 'dynamodb');
    damage(store);
    const before = contents(dataDir);
    // WHEN / THEN
    await expect(startLocalStack(stackDir('sfn-dynamodb'), { dataDir })).rejects.toThrow(
      new RegExp(`^${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(LevelDB cannot open it: .*\\).*the stack's tables start empty`),
    );
    expect(contents(dataDir)).toStrictEqual(before);
  });
});

test('a write cut short (file size limit) leaves executions.json as it was, and no temporary file behind', async () => {
  // GIVEN: a data folder with a small executions.json, and an input that makes the next one larger than the limit
  const dataDir = await usedDataDir();
  const file = path.join(dataDir, 'executions.json');
  const before = fs.readFileSync(file, 'utf8');
  const inputFile = path.join(tmp, 'large-input.json');
  fs.writeFileSync(inputFile, JSON.stringify({ id: 'large', padding: 'x'.repeat(100_000) }));
  // WHEN: files may grow to 64 × 512 bytes (ulimit -f); Node then fails the write with EFBIG
  const run = await runScript('scripts/local.ts', ['sfn-dynamodb', '--json', '--out', outdir, '--data-dir', dataDir, '--input-file', inputFile], {
    env,
    shell: 'ulimit -f 64',
  });
  // THEN
  expect(Buffer.byteLength(before)).toBeLessThan(64 * 512);
  expect(fs.readFileSync(file, 'utf8')).toBe(before);
  expect(fs.readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toStrictEqual([]);
  expect(run.stderr).toContain(`Could not save the executions to ${file} (EFBIG`);
  // the journal's write of the large start failed too, and was cut back: the journal still reads
  expect(run.stderr).toContain(`Could not write the execution journal ${path.join(dataDir, 'executions', 'journal.jsonl')}`);
  expect(() => readJournal(path.join(dataDir, 'executions', 'journal.jsonl'))).not.toThrow();
  expect(stackFrames(run.stderr)).toStrictEqual([]);
  expect(JSON.parse(run.stdout)).toMatchObject({ status: 'SUCCEEDED' });
});

test('the atomic writer replaces a file whole, creates one only once, and leaves nothing else in the folder', () => {
  // GIVEN
  const dir = freshDir();
  fs.mkdirSync(dir);
  const file = path.join(dir, 'state.json');
  // WHEN / THEN
  writeFileAtomic(file, 'first');
  writeFileAtomic(file, 'second');
  expect(fs.readFileSync(file, 'utf8')).toBe('second');
  createFileAtomic(path.join(dir, 'lock'), '123');
  expect(() => createFileAtomic(path.join(dir, 'lock'), '456')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  expect(fs.readFileSync(path.join(dir, 'lock'), 'utf8')).toBe('123');
  expect(() => writeFileAtomic(path.join(dir, 'no-such-folder', 'x'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  expect(fs.readdirSync(dir).sort()).toStrictEqual(['lock', 'state.json']);
});
