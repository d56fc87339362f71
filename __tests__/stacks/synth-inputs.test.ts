import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../stacks/config';
import { currentSynthInputs, readSynthInputs, recordSynthInputs, SOURCE_PATHS, synthInputChanges, SYNTH_INPUTS_FILE } from '../../stacks/synth-inputs';
import { defaultConfig } from '../support/synth';

// The record a synth writes of its inputs (synth-inputs.json), which the local runner compares with the inputs now.

describe('synth inputs', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-inputs-'));
    write('main.ts', 'app');
    write('stacks/app.ts', 'stacks');
    write('lambdas/put-item/handler.ts', 'handler');
    write('package-lock.json', '{}');
    write('utils/simplelist.json', '[]'); // not an input of synth
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the same inputs give no change; each changed input is named', () => {
    // GIVEN
    const recorded = currentSynthInputs(defaultConfig(), root);
    expect(synthInputChanges(recorded, currentSynthInputs(defaultConfig(), root))).toStrictEqual([]);
    // WHEN
    write('stacks/app.ts', 'stacks, edited');
    write('lambdas/put-item/order.ts', 'new');
    fs.rmSync(path.join(root, 'main.ts'));
    write('utils/simplelist.json', '["x"]');
    const config = defaultConfig({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 }, region: 'eu-west-1' });
    // THEN
    expect(synthInputChanges(recorded, currentSynthInputs(config, root))).toStrictEqual([
      'config region: "us-east-1" → "eu-west-1"',
      'config stepfunc.waitDurationSeconds: 2 → 25',
      'lambdas/put-item/order.ts added',
      'main.ts removed',
      'stacks/app.ts changed',
    ]);
  });

  test('a record is read back as written; a missing, damaged or foreign one says why it cannot be used', () => {
    // GIVEN
    const inputs = currentSynthInputs(defaultConfig(), root);
    const outdir = path.join(root, 'out');
    fs.mkdirSync(outdir);
    // WHEN / THEN
    expect(readSynthInputs(outdir)).toMatchObject({ ok: false, why: expect.stringContaining(`no ${SYNTH_INPUTS_FILE}`) });
    recordSynthInputs(outdir, inputs);
    expect(readSynthInputs(outdir)).toStrictEqual({ ok: true, inputs: JSON.parse(JSON.stringify(inputs)) });
    expect(fs.readdirSync(outdir)).toStrictEqual([SYNTH_INPUTS_FILE]);
    fs.writeFileSync(path.join(outdir, SYNTH_INPUTS_FILE), '{"format": 1, "conf');
    expect(readSynthInputs(outdir)).toMatchObject({ ok: false, why: expect.stringContaining('cannot be read') });
    fs.writeFileSync(path.join(outdir, SYNTH_INPUTS_FILE), '{"format": 0, "config": {}, "sources": {}}');
    expect(readSynthInputs(outdir)).toMatchObject({ ok: false, why: expect.stringContaining('another version') });
  });
});

test('every project file that main.ts and the Lambda handlers import is a recorded synth input', () => {
  // GIVEN: the module graph synth loads, as esbuild resolves it (packages are covered by package-lock.json)
  const handlers = fs.readdirSync(path.join(PROJECT_ROOT, 'lambdas')).map((dir) => `lambdas/${dir}/handler.ts`).filter((f) => fs.existsSync(path.join(PROJECT_ROOT, f)));
  const { metafile } = buildSync({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ['main.ts', ...handlers],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    outdir: 'unused',
    logLevel: 'silent',
  });
  // WHEN
  const files = Object.keys(metafile.inputs);
  const uncovered = files.filter((file) => !SOURCE_PATHS.some((source) => file === source || file.startsWith(`${source}/`)));
  // THEN
  expect(handlers.length).toBeGreaterThanOrEqual(5);
  expect(files).toContain('stacks/app.ts');
  expect(uncovered).toStrictEqual([]);
});
