/**
 * run-main.cjs, how cdktf.json and every command start the app: main.ts precompiled by esbuild. It must write what
 * main.ts run through tsx writes, byte for byte, and `cdktf synth` must still work through it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ASL_VERDICTS_DIR, validationRulesFingerprint } from '../stacks/asl-verdicts';
import { readRecord } from '../stacks/build-cache.cjs';
import { PROJECT_ROOT } from './support/cli';

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function run(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

/** Every file under `dir` (relative path → bytes), without synth-inputs.json (it records run-main.cjs's own sources too). */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (file !== 'synth-inputs.json') files.set(file, fs.readFileSync(path.join(dir, file), 'base64'));
    }
  };
  visit('');
  return files;
}

const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sfn-${name}-`));
  created.push(dir);
  return dir;
};

describe('run-main.cjs', () => {
  let precompiled: string;
  beforeAll(async () => {
    precompiled = tempDir('run-main');
    const result = await run(['run-main.cjs'], { CDKTF_OUTDIR: precompiled });
    expect(result).toMatchObject({ code: 0 });
  });

  test('writes every file main.ts run through tsx writes, byte for byte', async () => {
    const throughTsx = tempDir('tsx-main');
    expect(await run(['--import', 'tsx', 'main.ts'], { CDKTF_OUTDIR: throughTsx })).toMatchObject({ code: 0 });
    const [ours, theirs] = [tree(precompiled), tree(throughTsx)];
    expect([...ours.keys()].sort()).toStrictEqual([...theirs.keys()].sort());
    expect([...ours.keys()].filter((file) => ours.get(file) !== theirs.get(file))).toStrictEqual([]);
    expect([...ours.keys()].filter((file) => file.endsWith('cdk.tf.json'))).toHaveLength(4);
  });

  test('bundles main.ts again when its records are gone (as after a source change), and writes the same files; the definitions, without verdicts, checked in the worker', async () => {
    fs.rmSync(path.join(PROJECT_ROOT, '.build', 'app', 'records'), { recursive: true, force: true });
    fs.rmSync(path.join(PROJECT_ROOT, '.build', 'app', 'definitions', 'records'), { recursive: true, force: true });
    // Other test files only check again what they find no verdict for.
    const verdicts = path.join(ASL_VERDICTS_DIR, validationRulesFingerprint());
    fs.rmSync(verdicts, { recursive: true, force: true });
    const rebuilt = tempDir('run-main-rebuilt');
    const result = await run(['run-main.cjs'], { CDKTF_OUTDIR: rebuilt, SFN_DEBUG: '1' });
    expect(result).toMatchObject({ code: 0 });
    // The part built again started the ASL check worker (run-main.cjs), which answered every check.
    expect(result.output).not.toContain("ASL checks run in the synth's own thread");
    expect(fs.readdirSync(verdicts).length).toBeGreaterThanOrEqual(4);
    expect(fs.readdirSync(path.join(PROJECT_ROOT, '.build', 'app', 'records'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(PROJECT_ROOT, '.build', 'app', 'definitions', 'records'))).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, '.build', 'app', 'preload.json'), 'utf8'))).toEqual(expect.arrayContaining(['cdktf', 'constructs']));
    const [before, after] = [tree(precompiled), tree(rebuilt)];
    expect([...after.keys()].sort()).toStrictEqual([...before.keys()].sort());
    expect([...after.keys()].filter((file) => after.get(file) !== before.get(file))).toStrictEqual([]);
  });

  test('cdktf synth (the CLI, through cdktf.json) runs it and writes the same stacks', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'cdktf.json'), 'utf8')).app).toBe('node run-main.cjs');
    const cli = tempDir('cdktf-cli');
    const result = await run([path.join(PROJECT_ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), 'synth', '--output', cli]);
    expect(result).toMatchObject({ code: 0 });
    const [ours, theirs] = [tree(precompiled), tree(cli)];
    for (const file of [...ours.keys()].filter((f) => f.endsWith('cdk.tf.json'))) expect(theirs.get(file)).toBe(ours.get(file));
  });

  test("keeps a record of each bundle's inputs (the project's modules, not node_modules): definitions/ and contracts/ in a bundle of their own, no path of this machine in either", () => {
    const newestRecord = (dir: string) => {
      const records = path.join(dir, 'records');
      const newest = fs
        .readdirSync(records)
        .map((f) => path.join(records, f))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
      return readRecord(records, path.basename(newest ?? '', '.json'));
    };
    const app = path.join(PROJECT_ROOT, '.build', 'app');
    const [main, part] = [newestRecord(app), newestRecord(path.join(app, 'definitions'))];
    const [mainInputs, partInputs] = [Object.keys(main?.inputs ?? {}), Object.keys(part?.inputs ?? {})];
    expect(mainInputs).toEqual(expect.arrayContaining(['main.ts', 'stacks/app.ts', 'stacks/config.ts']));
    expect(mainInputs.filter((f) => /^(definitions|contracts)\//.test(f))).toStrictEqual([]);
    expect(partInputs).toEqual(expect.arrayContaining(['definitions/validate.ts', 'definitions/workflows/sfn-dynamodb.ts', 'contracts/stack-ids.ts']));
    expect(partInputs.filter((f) => !/^(definitions|contracts)\//.test(f))).toStrictEqual([]);
    for (const [record, bundle] of [
      [main, path.join(app, (main?.outputs['main.ts'] ?? '').slice(0, 16), 'main.js')],
      [part, path.join(app, 'definitions', (part?.outputs.definitions ?? '').slice(0, 16), 'definitions.js')],
    ] as const) {
      expect(record).toBeDefined();
      expect(fs.readFileSync(bundle, 'utf8')).not.toContain(PROJECT_ROOT);
    }
  });
});
