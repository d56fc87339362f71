import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeApp, type SynthMessage } from '../../stacks/app';
import { parseConfig, type AppConfig } from '../../stacks/config';

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
export function synthApp(config: AppConfig = defaultConfig()): {
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
  // The same synth as main.ts: manifest.json without stack traces, synth-inputs.json recorded.
  const { messages } = synthesizeApp(config, { outdir });
  const stacks: Record<string, SynthesizedStack> = {};
  for (const id of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const dir = path.join(outdir, 'stacks', id);
    const text = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8');
    stacks[id] = { dir, text, json: JSON.parse(text) as TerraformJson };
  }
  return { outdir, stacks, messages, env: { SFN_CONFIG: configFile, AWS_REGION: '' } };
}
