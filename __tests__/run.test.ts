/**
 * run.cjs, how every command starts: a TypeScript file bundled by esbuild once, reused until a file it was built
 * from changes, run as the main module with its arguments; its modules keep their own `__dirname`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT, runProcess, type CliResult } from './support/cli';

type Run = CliResult;

function run(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return runProcess(process.execPath, [path.join(PROJECT_ROOT, 'run.cjs'), ...args], { env: { SFN_DEBUG: '', ...env }, timeoutMs: 60_000 });
}

// A small program of its own inside the project (run.cjs runs this project's files only), under .build/ (ignored by
// git), so that changing its files touches no real command's bundle.
const FIXTURE = `.build/run-test-${process.pid}`;
const fixture = (...parts: string[]) => path.join(PROJECT_ROOT, FIXTURE, ...parts);
const bundles = () => path.join(PROJECT_ROOT, '.build', 'run', `${FIXTURE}/entry`.replace(/[^A-Za-z0-9_.-]+/g, '-'));
const HELPER = (version: number) => `export function helper() {
  return { dir: __dirname, mainHere: require.main === module, version: ${version} };
}
export function fail(): never {
  throw new Error('failed in the helper');
}
`;

function writeFixture(version: number): void {
  fs.mkdirSync(fixture('lib'), { recursive: true });
  fs.writeFileSync(
    fixture('entry.ts'),
    `import { fail, helper } from './lib/helper';
if (require.main === module) {
  if (process.argv[2] === 'fail') fail();
  console.log(JSON.stringify({ args: process.argv.slice(2), dir: __dirname, file: __filename, helper: helper() }));
}
`,
  );
  fs.writeFileSync(fixture('lib', 'helper.ts'), HELPER(version));
}

/** The fixture's records (one per build key) and their modification times: a build rewrites its record. */
function records(): Record<string, number> {
  const dir = path.join(bundles(), 'records');
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
}

const bundleFolders = () => fs.readdirSync(bundles()).filter((f) => /^[0-9a-f]{16}$/.test(f));

beforeAll(() => writeFixture(1));
afterAll(() => {
  fs.rmSync(fixture(), { recursive: true, force: true });
  fs.rmSync(bundles(), { recursive: true, force: true });
});

describe('run.cjs', () => {
  test('runs a file as the main module with the arguments after it; each module sees its own source folder', async () => {
    const result = await run([`${FIXTURE}/entry.ts`, 'one', '--two', 'x y']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toStrictEqual({
      args: ['one', '--two', 'x y'],
      dir: fixture(),
      file: fixture('entry.ts'),
      helper: { dir: fixture('lib'), mainHere: false, version: 1 },
    });
    expect(Object.keys(records())).toHaveLength(1);
  });

  test('a second run reuses the bundle: no build (its record is not rewritten), the same answer', async () => {
    const before = records();
    const result = await run([`${FIXTURE}/entry.ts`, 'again']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ args: ['again'], helper: { version: 1 } });
    expect(records()).toStrictEqual(before);
    expect(bundleFolders()).toHaveLength(1);
  });

  test('a changed input builds again, and the new bundle runs', async () => {
    const before = records();
    fs.writeFileSync(fixture('lib', 'helper.ts'), HELPER(2));
    const result = await run([`${FIXTURE}/entry.ts`]);
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toMatchObject({ helper: { version: 2 } });
    const [record] = Object.keys(before);
    expect(records()[record!]).toBeGreaterThan(before[record!]!);
    expect(bundleFolders()).toHaveLength(2);
  });

  test('the bundle holds no path of this machine, only the way from its folder up to the project', () => {
    for (const folder of bundleFolders()) {
      const js = fs.readFileSync(path.join(bundles(), folder, 'entry.js'), 'utf8');
      expect(js).not.toContain(PROJECT_ROOT);
      expect(js).toContain('var __dirname = require("node:path").join(__runCjsProjectRoot, ".build/run-test-');
    }
  });

  test('an error thrown by the file ends the process as node would; SFN_DEBUG=1 maps its stack to the sources', async () => {
    const plain = await run([`${FIXTURE}/entry.ts`, 'fail']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('Error: failed in the helper');
    expect(plain.stderr).toMatch(/entry\.js:\d+/);
    const mapped = await run([`${FIXTURE}/entry.ts`, 'fail'], { SFN_DEBUG: '1' });
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toMatch(/run-test-\d+\/lib\/helper\.ts:5:\d+/);
  });

  test('a compile error is a sentence naming the file and line, exit 1; fixing the file runs again', async () => {
    fs.writeFileSync(fixture('lib', 'helper.ts'), `${HELPER(3)}\nexport const broken = ;\n`);
    const result = await run([`${FIXTURE}/entry.ts`]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^Stopped before ${FIXTURE}/entry\\.ts ran: esbuild could not compile ${FIXTURE}/entry\\.ts:\\n  - ${FIXTURE}/lib/helper\\.ts line 8: Unexpected ";"\\nFix the file named above and run it again\\.\\n$`));
    fs.writeFileSync(fixture('lib', 'helper.ts'), HELPER(3));
    expect(JSON.parse((await run([`${FIXTURE}/entry.ts`])).stdout)).toMatchObject({ helper: { version: 3 } });
  });

  test('a rebuild that reads a module in a folder the last build did not gives it its own __dirname too', async () => {
    // A rebuild sends through the source-places plugin only the files it expects to need it (those the last build
    // read and their folders' neighbours); a new folder is found after the build, which is then done again.
    expect(await run([`${FIXTURE}/entry.ts`])).toMatchObject({ code: 0 }); // the last build, whatever ran before
    fs.mkdirSync(fixture('extra'), { recursive: true });
    fs.writeFileSync(fixture('extra', 'where.ts'), 'export const whereDir = __dirname;\n');
    fs.writeFileSync(fixture('lib', 'helper.ts'), `import { whereDir } from '../extra/where';\n${HELPER(4).replace('version: 4', 'version: 4, whereDir')}`);
    const result = await run([`${FIXTURE}/entry.ts`]);
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toMatchObject({ helper: { version: 4, dir: fixture('lib'), whereDir: fixture('extra') } });
    // A module of a folder the build read, which starts naming __dirname, is found before the build.
    fs.writeFileSync(fixture('extra', 'where.ts'), 'export const whereDir = require("node:path").basename(__filename);\n');
    expect(JSON.parse((await run([`${FIXTURE}/entry.ts`])).stdout)).toMatchObject({ helper: { whereDir: 'where.ts' } });
  });

  test('keeps the newest three bundles of a file: older ones are removed when a new one is written', async () => {
    for (const version of [5, 6, 7, 8]) {
      fs.writeFileSync(fixture('lib', 'helper.ts'), HELPER(version));
      expect(JSON.parse((await run([`${FIXTURE}/entry.ts`])).stdout)).toMatchObject({ helper: { version } });
    }
    expect(bundleFolders()).toHaveLength(3);
  });

  test('several first runs at once each build and run; the cache ends with one record', async () => {
    fs.rmSync(bundles(), { recursive: true, force: true });
    fs.writeFileSync(fixture('lib', 'helper.ts'), HELPER(4));
    const results = await Promise.all([1, 2, 3, 4].map((n) => run([`${FIXTURE}/entry.ts`, String(n)])));
    expect(results.map((r) => [r.code, r.stderr])).toStrictEqual([1, 2, 3, 4].map(() => [0, '']));
    expect(results.map((r) => (JSON.parse(r.stdout) as { args: string[] }).args)).toStrictEqual([['1'], ['2'], ['3'], ['4']]);
    expect(Object.keys(records())).toHaveLength(1);
    expect(bundleFolders()).toHaveLength(1);
    expect(fs.readdirSync(path.join(bundles(), bundleFolders()[0]!)).filter((f) => f.endsWith('.tmp'))).toStrictEqual([]);
  });

  test.each([
    [[], /^run\.cjs needs the TypeScript file to run as its first argument\.\nUsage: node run\.cjs <file\.ts>/],
    [['--help'], /^run\.cjs needs the TypeScript file to run as its first argument, not the option --help\./],
    [['scripts/nope.ts'], /^run\.cjs cannot run scripts\/nope\.ts: there is no such file \(from .*\)\./],
    [['README.md'], /^run\.cjs runs TypeScript files; README\.md is not one \(\.ts\)\./],
  ])('%j: a sentence on what to pass, exit 1', async (args, message) => {
    const result = await run(args);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(message);
  });

  test('a file outside the project is refused by name', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-run-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.ts'), 'console.log(1);\n');
      const result = await run([path.join(outside, 'x.ts')]);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain(`run.cjs runs files of this project (${PROJECT_ROOT}); ${path.join(outside, 'x.ts')} lies outside it.`);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('the modules that find files beside themselves work from a bundle: the project root, its Node, the S3 worker', async () => {
    const result = await run(['__tests__/support/source-places-process.ts']);
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toStrictEqual({
      here: path.join(PROJECT_ROOT, '__tests__', 'support'),
      file: 'source-places-process.ts',
      scriptsRoot: PROJECT_ROOT,
      stacksRoot: PROJECT_ROOT,
      projectNode: expect.stringMatching(/node_modules\/node\/bin\/node$/),
      s3: { 'places-bucket': {} },
    });
    expect(fs.readdirSync(path.join(PROJECT_ROOT, '.build', 'run'))).toContain('__tests__-support-source-places-process');
  });
});
