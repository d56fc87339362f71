import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SynthMessage } from '../../stacks/app';
import { parseConfig, type AppConfig } from '../../stacks/config';
import { SYNTH_CACHE_ENV } from './synth-cache';

/** A synthesized stack: its folder and its parsed cdk.tf.json. */
export interface SynthesizedStack {
  readonly dir: string;
  readonly json: TerraformJson;
  readonly text: string;
}

/** The parts of Terraform JSON the tests read. */
export interface TerraformJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  locals?: Record<string, unknown>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, unknown[]>;
  terraform: Record<string, unknown>;
}

/** The default configuration, as a fresh clone has it (no environment overrides). */
export function defaultConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return parseConfig(overrides, 'test config', {});
}

// Each test file gets its own copy of this module: its synth folders are removed when the file's tests end.
const created: string[] = [];
if (typeof afterAll === 'function') afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * Synthesizes the whole app into a new temporary folder (removed after the test file) and returns every stack: for
 * tests that need what `cdktf synth` writes (bundles under assets/, manifest.json, synth-inputs.json): local runs,
 * determinism, the real terraform plan. Tests of a stack's or a construct's Terraform JSON synthesize in process
 * with `Testing.synth` / `Testing.synthScope` instead (support/stacks.ts).
 */
export function synthApp(
  config: AppConfig = defaultConfig(),
  options: {
    /** Synthesize now even when this test run has synthesized the same config: for tests of synthesis itself. */
    readonly fresh?: boolean;
  } = {},
): {
  outdir: string;
  stacks: Record<string, SynthesizedStack>;
  messages: SynthMessage[];
  /** Environment for a command that runs this output (npm run local -- --out): the same config, no AWS_REGION override. */
  env: Record<string, string>;
} {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-synth-'));
  const configFile = `${outdir}.config.json`;
  created.push(outdir, configFile);
  fs.writeFileSync(configFile, JSON.stringify(config));
  const shared = process.env[SYNTH_CACHE_ENV];
  const messages = shared && !options.fresh ? copyOfSharedSynth(shared, config, outdir) : synthesizeApp(config, { outdir }).messages;
  const stacks: Record<string, SynthesizedStack> = {};
  for (const id of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const dir = path.join(outdir, 'stacks', id);
    const text = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8');
    stacks[id] = { dir, text, json: JSON.parse(text) as TerraformJson };
  }
  return { outdir, stacks, messages, env: { SFN_CONFIG: configFile, AWS_REGION: '' } };
}

/**
 * The app's synthesis, loaded when a synth really runs: it loads cdktf and the providers (~0.3 s in each test file
 * under jest), which a file that gets a copy of this run's shared synth never needs.
 */
function synthesizeApp(...args: Parameters<typeof import('../../stacks/app').synthesizeApp>): ReturnType<typeof import('../../stacks/app').synthesizeApp> {
  return (require('../../stacks/app') as typeof import('../../stacks/app')).synthesizeApp(...args);
}

/**
 * Copies the run's synth of `config` (support/synth-cache.ts) into `outdir`, synthesizing it first when no test file
 * of the run has. The output holds no absolute path, so a copy equals a synth into `outdir` (determinism.test.ts
 * checks two real synths byte for byte).
 */
function copyOfSharedSynth(shared: string, config: AppConfig, outdir: string): SynthMessage[] {
  const kept = path.join(shared, createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16));
  if (!fs.existsSync(path.join(kept, 'messages.json'))) {
    // Synthesized beside, then renamed into place whole: two workers may synthesize the same config at once.
    const partial = `${kept}.${process.pid}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    const { messages } = synthesizeApp(config, { outdir: path.join(partial, 'out') });
    fs.writeFileSync(path.join(partial, 'messages.json'), JSON.stringify(messages));
    try {
      fs.renameSync(partial, kept);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // the other worker's is in place
    }
  }
  fs.cpSync(path.join(kept, 'out'), outdir, { recursive: true });
  return JSON.parse(fs.readFileSync(path.join(kept, 'messages.json'), 'utf8')) as SynthMessage[];
}
