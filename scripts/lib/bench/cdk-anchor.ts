import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { ASL_VERDICTS_DIR } from '../../../stacks/asl-verdicts';
import { bundleHandlers, projectHandlers } from '../../../stacks/constructs/bundle';
import { APP_LAUNCHER } from '../synth-run';
import { EDITED_DEFINITION, withDefinitionEdit } from './definition-edit';
import type { TimedRun } from './processes';
import { alternate, compared, type Compared, type Variant } from './turns';

export type { Compared } from './turns';

/**
 * The synth measured against AWS CDK: bench/cdk-anchor/app.ts (an AWS CDK app of the parallel-map seed's shape: a
 * table, a function from an asset folder, a Map over the list in a DynamoDB item) compiled to JS once, then each
 * command run in turns with ours (alternated, so that the machine's drift falls on both), and the ratio taken per
 * turn. aws-cdk-lib and the aws-cdk CLI are dev dependencies used only here.
 */

export const ANCHOR_SOURCE = path.join('bench', 'cdk-anchor');
/** Where the anchor is compiled to (ignored by git): next to node_modules' parent, so that it finds aws-cdk-lib. */
export const ANCHOR_BUILD = path.join('.build', 'cdk-anchor');

/**
 * What keeps the `cdk` CLI offline and quiet: no version check, no telemetry, no notices (`--no-notices`), no EC2
 * instance metadata lookup for credentials. The app names its account and region, so nothing is looked up.
 */
export const CDK_OFFLINE_ENV: Readonly<Record<string, string>> = {
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Compiles the anchor to `.build/cdk-anchor/app.js` (TypeScript to CommonJS, not bundled: aws-cdk-lib loads from node_modules as in any CDK app). */
export function prepareAnchor(root: string): string {
  try {
    require.resolve('aws-cdk-lib', { paths: [root] });
  } catch {
    throw new Error('aws-cdk-lib is not installed, and the bench measures the synth against an AWS CDK app: run npm install (it is a dev dependency).');
  }
  const dir = path.join(root, ANCHOR_BUILD);
  fs.rmSync(dir, { recursive: true, force: true });
  buildSync({ absWorkingDir: root, entryPoints: [path.join(ANCHOR_SOURCE, 'app.ts')], outfile: path.join(dir, 'app.js'), format: 'cjs', platform: 'node', target: 'node22', logLevel: 'silent' });
  fs.cpSync(path.join(root, ANCHOR_SOURCE, 'handler'), path.join(dir, 'handler'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.json'), `${JSON.stringify({ app: 'node app.js' }, null, 2)}\n`);
  return dir;
}

export interface AnchorFigures {
  /** The anchor, then ours and the ways of starting main.ts that came before, each against the anchor. */
  readonly direct: readonly Compared[];
  /** `npx cdk synth`, then `npx cdktf synth` against it. */
  readonly clis: readonly Compared[];
  /** A warm synth, then against it one after a real edit of a definition and the upper bound (nothing reused). */
  readonly changed: readonly Compared[];
  readonly bundling: readonly Compared[];
  readonly runs: number;
}

export interface AnchorPlan {
  readonly runs: number;
  readonly cliRuns: number;
}

/** Every comparison of the synth table against the anchor (see the top of this file). */
export async function measureAgainstAnchor(root: string, plan: AnchorPlan, say: (line: string) => void): Promise<AnchorFigures> {
  const anchorDir = prepareAnchor(root);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-anchor-'));
  const node = process.execPath;
  const ours = (name: string) => ({ CDKTF_OUTDIR: path.join(scratch, name), CHECKPOINT_DISABLE: '1' });
  try {
    say(`  synth against the AWS CDK anchor: node app.js, node ${APP_LAUNCHER}, node --require tsx/cjs main.ts, node --import tsx main.ts; 1 warm-up + ${plan.runs} turns`);
    const direct: Variant[] = [
      { command: node, args: ['app.js'], cwd: anchorDir, env: { CDK_OUTDIR: path.join(scratch, 'cdk.out') } },
      { command: node, args: [APP_LAUNCHER], cwd: root, env: ours('launcher') },
      { command: node, args: ['--require', 'tsx/cjs', 'main.ts'], cwd: root, env: ours('tsx-cjs') },
      { command: node, args: ['--import', 'tsx', 'main.ts'], cwd: root, env: ours('tsx-import') },
    ];
    const [anchor, launcher, tsxCjs, tsxImport] = await alternate(direct, plan.runs, 1);

    say(`  the CLIs: npx cdk synth, npx cdktf synth; 1 warm-up + ${plan.cliRuns} turns`);
    const clis: Variant[] = [
      { command: 'npx', args: ['cdk', 'synth', '--no-notices', '--quiet', '--output', path.join(scratch, 'cdk-cli.out')], cwd: anchorDir, env: CDK_OFFLINE_ENV },
      { command: 'npx', args: ['cdktf', 'synth', '--output', path.join(scratch, 'cdktf-cli.out')], cwd: root, env: { CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' } },
    ];
    const [cdkCli, cdktfCli] = await alternate(clis, plan.cliRuns, 1);

    // A ratio of two short runs near its target (≤ 1.2×) swings ±0.05 over a few turns on this machine: more turns.
    const changedTurns = Math.max(3 * plan.runs, 12);
    say(`  a synth after a definition changed (a real edit; the upper bound: both bundles built, every definition validated) vs a warm one; ${changedTurns} turns`);
    const changed = await measureChanged(root, node, ours('changed'), changedTurns);

    say(`  bundling the ${projectHandlers(root).length} handlers: one build each, one build for all, reused; ${plan.runs} turns, in this process`);
    const bundling = measureBundling(root, path.join(scratch, 'bundles'), plan.runs);
    return {
      direct: [
        compared('AWS CDK anchor (precompiled)', 'node app.js', anchor),
        compared('ours, precompiled (run-main.cjs)', `node ${APP_LAUNCHER}`, launcher, anchor),
        compared('ours through tsx/cjs', 'node --require tsx/cjs main.ts', tsxCjs, anchor),
        compared('ours through tsx (before)', 'node --import tsx main.ts', tsxImport, anchor),
      ],
      clis: [compared('npx cdk synth (AWS CDK anchor)', `${Object.entries(CDK_OFFLINE_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} npx cdk synth --no-notices --quiet`, cdkCli), compared('npx cdktf synth (ours)', 'CHECKPOINT_DISABLE=1 CDKTF_DISABLE_PLUGIN_CACHE_ENV=1 npx cdktf synth', cdktfCli, cdkCli)],
      changed,
      bundling,
      runs: plan.runs,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A synth after a definition changed, two ways, each against a warm synth in the same turn: after a real edit (a
 * state's comment in EDITED_DEFINITION changed before each run: the definitions bundle built again, the changed
 * definition validated; the file restored at the end, even on failure), and the upper bound (the app's bundle
 * records and every ASL verdict removed: both bundles built, every definition validated).
 */
export async function measureChanged(root: string, node: string, env: Record<string, string>, runs: number): Promise<Compared[]> {
  const verdicts = ASL_VERDICTS_DIR;
  const app = path.join(root, '.build', 'app');
  const aside = `${verdicts}.bench-${process.pid}`;
  if (fs.existsSync(verdicts)) fs.renameSync(verdicts, aside);
  try {
    const forget = () => {
      fs.rmSync(verdicts, { recursive: true, force: true });
      for (const records of [path.join(app, 'records'), path.join(app, 'definitions', 'records')]) fs.rmSync(records, { recursive: true, force: true });
    };
    const [warm, edited, upperBound] = await withDefinitionEdit(path.join(root, EDITED_DEFINITION), (edit) =>
      alternate(
        [
          { command: node, args: [APP_LAUNCHER], cwd: root, env },
          { command: node, args: [APP_LAUNCHER], cwd: root, env, before: () => edit.edit() },
          { command: node, args: [APP_LAUNCHER], cwd: root, env, before: forget },
        ],
        runs,
        1,
      ),
    );
    return [
      compared('warm synth', `node ${APP_LAUNCHER}`, warm),
      compared('after a definition changed (a real edit)', `a state's comment changed in ${EDITED_DEFINITION.split(path.sep).join('/')}; node ${APP_LAUNCHER}`, edited, warm),
      compared('after a definition changed (upper bound)', `rm -rf .build/asl-valid .build/app/records .build/app/definitions/records; node ${APP_LAUNCHER}`, upperBound, warm),
    ];
  } finally {
    fs.rmSync(verdicts, { recursive: true, force: true });
    if (fs.existsSync(aside)) fs.renameSync(aside, verdicts);
  }
}

/** The bundling cut, timed in this process: each handler built alone (as before), all in one build, and the one build reused. */
function measureBundling(root: string, buildDir: string, runs: number): Compared[] {
  const entries = projectHandlers(root);
  const time = (f: () => void) => {
    const started = performance.now();
    f();
    return performance.now() - started;
  };
  const ways: [string, string, () => void][] = [
    ['each handler alone (before)', `${entries.length} esbuild builds`, () => entries.forEach((e) => bundleHandlers([e], { root, buildDir, cache: false }))],
    ['one build for all', '1 esbuild build', () => bundleHandlers(entries, { root, buildDir, cache: false })],
    ['reused (nothing changed)', 'inputs hashed, no build', () => bundleHandlers(entries, { root, buildDir })],
  ];
  ways.forEach(([, , f]) => f()); // warm-up; fills the record the third way reuses
  const samples: number[][] = ways.map(() => []);
  for (let turn = 0; turn < runs; turn++) ways.forEach(([, , f], i) => samples[i].push(time(f)));
  const asRuns = (ms: readonly number[]): TimedRun[] => ms.map((wallMs) => ({ wallMs, code: 0, stdout: '', stderr: '' }));
  return ways.map(([label, command], i) => compared(label, command, asRuns(samples[i]), i === 0 ? undefined : asRuns(samples[0])));
}
