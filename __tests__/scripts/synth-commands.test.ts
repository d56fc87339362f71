import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYNTH_INPUTS_FILE } from '../../stacks/synth-inputs';
import { runScript, type CliResult } from '../support/cli';
import { defaultConfig, synthApp } from '../support/synth';

// The commands that synthesize (npm run synth, npm start, npm run local) show synth's warnings, and npm run local
// never runs a synth output that is older than its inputs.

const WARNING = /Synth warning \[parallel-map\]: stepfunc\.waitDurationSeconds \((\d+)\) is not shorter than stepfunc\.timeoutDurationSeconds/;
let tmp: string;
const configFile = (name: string, config: object) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-commands-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run local runs only a synth of the current inputs', () => {
  // GIVEN: a synth with the default config, as the default output folder ($CDKTF_OUTDIR) of the commands below
  const synthesized = synthApp();
  const outdir = synthesized.outdir;
  let timeoutConfig: string;
  const local = (args: string[], env: Record<string, string>): Promise<CliResult> => runScript('scripts/local.ts', args, { env: { AWS_REGION: '', ...env } });

  beforeAll(() => {
    // The README's experiment, shortened: a wait longer than the timeout ends in States.Timeout, on the virtual clock
    // (no --real-waits needed: the skipped wait still counts toward TimeoutSeconds).
    timeoutConfig = configFile('timeout.json', { stepfunc: { waitDurationSeconds: 3, timeoutDurationSeconds: 2 } });
  });

  test('a changed config re-synthesizes the default folder first, says why, shows the warning, and runs the new synth', async () => {
    // WHEN
    const run = await local(['parallel-map', '--json'], { CDKTF_OUTDIR: outdir, SFN_CONFIG: timeoutConfig });
    // THEN
    expect(run.stderr).toMatch(/Synthesizing into .* first .*: its inputs changed since \(config stepfunc\.timeoutDurationSeconds: 20 → 2; config stepfunc\.waitDurationSeconds: 2 → 3\)/);
    expect(run.stderr).toMatch(WARNING);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, SYNTH_INPUTS_FILE), 'utf8')).config.stepfunc).toMatchObject({ timeoutDurationSeconds: 2 });

    // WHEN: the same again, nothing changed since
    const again = await local(['parallel-map', '--json', '--input', '{}'], { CDKTF_OUTDIR: outdir, SFN_CONFIG: timeoutConfig });
    // THEN: no second synth
    expect(again.stderr).not.toMatch(/Synthesizing/);
    expect(again.code).not.toBe(2);
  });

  test('a folder given with --out is checked and never rewritten: stale or unrecorded, it is refused with how to re-synthesize', async () => {
    // GIVEN: a folder synthesized with the timeout config, run with the default one; a folder without a record
    const stale = synthApp(defaultConfig({ stepfunc: { waitDurationSeconds: 3, timeoutDurationSeconds: 2 } })).outdir;
    const unrecorded = synthApp().outdir;
    fs.rmSync(path.join(unrecorded, SYNTH_INPUTS_FILE), { force: true });
    const before = fs.readFileSync(path.join(stale, 'stacks', 'parallel-map', 'cdk.tf.json'), 'utf8');
    // WHEN
    const [refused, unknown] = await Promise.all([
      local(['parallel-map', '--json', '--out', stale], synthesized.env),
      local(['sfn-dynamodb', '--json', '--out', unrecorded], synthesized.env),
    ]);
    // THEN
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${stale} cannot be run: its inputs changed since (config stepfunc.timeoutDurationSeconds: 2 → 20; config stepfunc.waitDurationSeconds: 3 → 2)`);
    expect(refused.stderr).toContain(`CDKTF_OUTDIR=${stale} npm run synth`);
    expect(fs.readFileSync(path.join(stale, 'stacks', 'parallel-map', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`${unrecorded} cannot be run: it has no ${SYNTH_INPUTS_FILE}`);
  });
});

describe('synth warnings reach the user, and manifest.json holds no path of this machine', () => {
  let warnConfig: string;
  beforeAll(() => {
    warnConfig = configFile('warn.json', { stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } });
  });

  test('npm run synth prints the warning; its manifest.json is the in-process synth byte for byte, without stack traces', async () => {
    // GIVEN
    const outdir = path.join(tmp, 'synth-out');
    // WHEN
    const run = await runScript('scripts/synth.ts', [], { env: { CDKTF_OUTDIR: outdir, SFN_CONFIG: warnConfig, AWS_REGION: '' } });
    // THEN
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(WARNING);
    const manifest = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
    expect(manifest).toContain('is not shorter than stepfunc.timeoutDurationSeconds (20)');
    for (const machinePath of [path.resolve(__dirname, '..', '..'), fs.realpathSync(path.resolve(__dirname, '..', '..', 'node_modules')), os.tmpdir(), os.homedir()]) {
      expect({ machinePath, found: manifest.includes(machinePath) }).toStrictEqual({ machinePath, found: false });
    }
    const inProcess = synthApp(defaultConfig({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } }));
    expect(manifest).toBe(fs.readFileSync(path.join(inProcess.outdir, 'manifest.json'), 'utf8'));
    expect(inProcess.messages).toStrictEqual([{ level: 'warning', constructPath: 'parallel-map', message: expect.stringMatching(/^stepfunc\.waitDurationSeconds \(25\)/) }]);
  });

  test('npm start prints the warning of its synth', async () => {
    // WHEN
    const run = await runScript('scripts/start.ts', [], { env: { CDKTF_OUTDIR: path.join(tmp, 'start-out'), SFN_CONFIG: warnConfig, AWS_REGION: '' } });
    // THEN
    expect(run.stderr).toMatch(WARNING);
    expect(run.stdout).toMatch(/4 stacks synthesized/);
  });
});
