/**
 * run.cjs with folders bundled apart (run-parts.cjs; run-main.cjs does it for definitions/ and contracts/): the part
 * and the main bundle each built again only when their own inputs change, every module once (shared state), each
 * with its own `__dirname`, errors and stack traces naming the sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, runProcess, type CliResult } from './support/cli';

// A small program of its own inside the project, under .build/ (ignored by git): changing it touches no real bundle.
const FIXTURE = `.build/run-parts-test-${process.pid}`;
const fixture = (...parts: string[]) => path.join(PROJECT_ROOT, FIXTURE, ...parts);
const APART = [`${FIXTURE}/defs`, `${FIXTURE}/shared`];
const bundles = () => path.join(PROJECT_ROOT, '.build', 'run', `${FIXTURE}/entry`.replace(/[^A-Za-z0-9_.-]+/g, '-'));
const partDir = () => path.join(bundles(), APART[0]!.replace(/[^A-Za-z0-9_.-]+/g, '-'));

function run(args: readonly string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return runProcess(process.execPath, [fixture('start.cjs'), ...args], { env: { SFN_DEBUG: '', ...env }, timeoutMs: 60_000 });
}

const GREET = (version: number, extra = '') => `import { bump } from './state';
${extra}
export const where = __dirname;
export function greet(name: string): string {
  if (name === 'fail') throw new Error('failed in a definition');
  bump();
  return \`hello \${name} v${version} from-the-part\`;
}
`;

function writeFixture(): void {
  for (const folder of ['defs', 'shared/names', 'lib']) fs.mkdirSync(fixture(folder), { recursive: true });
  // The last argument is called when the part is to be built again (run-main.cjs starts the ASL check worker then).
  fs.writeFileSync(fixture('start.cjs'), `require(${JSON.stringify(path.join(PROJECT_ROOT, 'run.cjs'))}).launch(${JSON.stringify(`${FIXTURE}/entry.ts`)}, 'Stopped', ${JSON.stringify(APART)}, () => (process.env.RUN_PARTS_TEST_STALE = 'yes'));\n`);
  fs.writeFileSync(
    fixture('entry.ts'),
    `import { greet, where } from './defs/greet';
import { bump } from './defs/state';
import { fromHelper } from './lib/helper';
import { NAME } from './shared/names';
if (require.main === module) {
  bump();
  const greeting = greet(process.argv[2] === 'fail' ? 'fail' : NAME);
  console.log(JSON.stringify({ greeting, count: fromHelper(), where, dir: __dirname, partBuilt: process.env.RUN_PARTS_TEST_STALE === 'yes' }));
}
`,
  );
  fs.writeFileSync(fixture('lib', 'helper.ts'), `import { bump, count } from '../defs/state';\nexport function fromHelper(): number {\n  bump();\n  return count();\n}\n`);
  fs.writeFileSync(fixture('defs', 'state.ts'), 'let n = 0;\nexport const bump = () => {\n  n += 1;\n};\nexport const count = () => n;\n');
  fs.writeFileSync(fixture('defs', 'greet.ts'), GREET(1));
  fs.writeFileSync(fixture('shared', 'names', 'index.ts'), "export const NAME = 'world';\n");
}

/** A folder's records (one per build key) and their modification times: a build rewrites its record. */
function records(dir: string): Record<string, number> {
  const records = path.join(dir, 'records');
  return Object.fromEntries(fs.readdirSync(records).map((f) => [f, fs.statSync(path.join(records, f)).mtimeMs]));
}

/** The newest bundle in `dir` (a folder of `<hash>/<name>.js`). */
function newestBundle(dir: string, name: string): string {
  const folders = fs.readdirSync(dir).filter((f) => /^[0-9a-f]{16}$/.test(f));
  const newest = folders.sort((a, b) => fs.statSync(path.join(dir, b)).mtimeMs - fs.statSync(path.join(dir, a)).mtimeMs)[0]!;
  return path.join(dir, newest, name);
}

const answer = (result: CliResult) => JSON.parse(result.stdout) as { greeting: string; count: number; where: string; dir: string; partBuilt: boolean };

beforeAll(writeFixture);
afterAll(() => {
  fs.rmSync(fixture(), { recursive: true, force: true });
  fs.rmSync(bundles(), { recursive: true, force: true });
});

describe('run.cjs with folders apart', () => {
  test("runs the entry with its part: each module once (the state both bundles reach is one), each with its own __dirname", async () => {
    const result = await run();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // bump() from the entry, from greet() in the part and from the helper in the main bundle: one counter.
    expect(answer(result)).toStrictEqual({ greeting: 'hello world v1 from-the-part', count: 3, where: fixture('defs'), dir: fixture(), partBuilt: true });
    const main = fs.readFileSync(newestBundle(bundles(), 'entry.js'), 'utf8');
    const part = fs.readFileSync(newestBundle(partDir(), 'defs.js'), 'utf8');
    expect(main).not.toContain('from-the-part');
    expect(part).toContain('from-the-part');
    for (const js of [main, part]) expect(js).not.toContain(PROJECT_ROOT);
  });

  test('nothing changed: nothing built, and the part is not said to be built again', async () => {
    const [main, part] = [records(bundles()), records(partDir())];
    expect(answer(await run())).toMatchObject({ greeting: 'hello world v1 from-the-part', partBuilt: false });
    expect([records(bundles()), records(partDir())]).toStrictEqual([main, part]);
  });

  test('a change in the part builds the part alone; the main bundle and its record stay', async () => {
    const [main, part] = [records(bundles()), records(partDir())];
    fs.writeFileSync(fixture('defs', 'greet.ts'), GREET(2));
    const result = await run();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(answer(result)).toMatchObject({ greeting: 'hello world v2 from-the-part', count: 3, partBuilt: true });
    expect(records(bundles())).toStrictEqual(main);
    const [key] = Object.keys(part);
    expect(records(partDir())[key!]).toBeGreaterThan(part[key!]!);
  });

  test('a change outside the part builds the main bundle alone', async () => {
    const [main, part] = [records(bundles()), records(partDir())];
    fs.writeFileSync(fixture('lib', 'helper.ts'), `import { bump, count } from '../defs/state';\nexport function fromHelper(): number {\n  bump();\n  return count() * 10;\n}\n`);
    const result = await run();
    expect(answer(result)).toMatchObject({ count: 30, partBuilt: false });
    expect(records(partDir())).toStrictEqual(part);
    const [key] = Object.keys(main);
    expect(records(bundles())[key!]).toBeGreaterThan(main[key!]!);
  });

  test('a file added in the part that an import now resolves to builds the main bundle again too', async () => {
    // './shared/names' was shared/names/index.ts; shared/names.ts comes first from now on.
    fs.writeFileSync(fixture('shared', 'names.ts'), "export const NAME = 'there';\n");
    expect(answer(await run())).toMatchObject({ greeting: 'hello there v2 from-the-part' });
  });

  test('a compile error in the part names the file and line, exit 1; fixing it runs again', async () => {
    fs.writeFileSync(fixture('defs', 'greet.ts'), `${GREET(3)}\nexport const broken = ;\n`);
    const result = await run();
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^Stopped: esbuild could not compile ${FIXTURE}/entry\\.ts:\\n  - ${FIXTURE}/defs/greet\\.ts line 10: Unexpected ";"\\nFix the file named above and run it again\\.\\n$`));
    fs.writeFileSync(fixture('defs', 'greet.ts'), GREET(3));
    expect(answer(await run())).toMatchObject({ greeting: 'hello there v3 from-the-part' });
  });

  test('an error thrown in the part: SFN_DEBUG=1 maps its stack to the part\'s source', async () => {
    const mapped = await run(['fail'], { SFN_DEBUG: '1' });
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toContain('Error: failed in a definition');
    expect(mapped.stderr).toMatch(new RegExp(`run-parts-test-\\d+/defs/greet\\.ts:5:\\d+`));
    expect(mapped.stderr).toMatch(new RegExp(`run-parts-test-\\d+/entry\\.ts:7:\\d+`));
  });

  test('the main bundle started without run.cjs says how to start it', async () => {
    const result = await runProcess(process.execPath, [newestBundle(bundles(), 'entry.js')], { timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`This bundle takes the modules of ${FIXTURE}/defs/ from a bundle of their own, which run.cjs links before it runs it: start it with node run-main.cjs (or node run.cjs <file.ts>), not from .build/.`);
  });

  test('a part that imports the rest of the project is bundled with it, in one bundle', async () => {
    fs.writeFileSync(fixture('lib', 'outside.ts'), "export const OUTSIDE = '!';\n");
    fs.writeFileSync(fixture('defs', 'greet.ts'), GREET(4, "import { OUTSIDE } from '../lib/outside';\nexport const mark = OUTSIDE;"));
    const result = await run();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(answer(result)).toMatchObject({ greeting: 'hello there v4 from-the-part', count: 30 });
    expect(fs.readFileSync(newestBundle(bundles(), 'entry.js'), 'utf8')).toContain('from-the-part');
  });
});
