import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalSetupError } from './errors';

/**
 * The one reader of a synth output (`cdktf.out`, or any folder synth wrote): which stacks it holds and each
 * stack's `stacks/<id>/cdk.tf.json`, the same contract `terraform` reads. The local runner reads its stacks
 * through this, and so do the commands that read synthesized stacks (diff, diagrams, offline plan, bench).
 */

export type TfBlock = Record<string, unknown>;

/** A stack's Terraform JSON, as far as it is read here; other top-level keys (`terraform`, `locals`, `//`) pass through. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, TfBlock>>;
  readonly data?: Record<string, Record<string, TfBlock>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, TfBlock[]>;
  readonly [key: string]: unknown;
}

/** The file of a synthesized stack, inside its folder. */
export const STACK_FILE = 'cdk.tf.json';

/** `<outDir>/stacks/<id>`: the folder of one synthesized stack (its cdk.tf.json and assets). */
export function stackDirOf(outDir: string, stackId: string): string {
  return path.join(outDir, 'stacks', stackId);
}

/**
 * The ids of the stacks synthesized into `outDir`, by name: those its `manifest.json` lists (what the last synth
 * wrote, so a folder left from an earlier synth is not one of them) that have a cdk.tf.json; without a manifest,
 * every `stacks/<id>` folder that holds one. None when there is no such folder.
 */
export function synthesizedStackIds(outDir: string): string[] {
  const hasStack = (id: string) => fs.existsSync(path.join(stackDirOf(outDir, id), STACK_FILE));
  const listed = manifestStacks(outDir);
  if (listed !== undefined) return listed.filter(hasStack).sort();
  const stacksDir = path.join(outDir, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  return fs.readdirSync(stacksDir).filter(hasStack).sort();
}

function manifestStacks(outDir: string): string[] | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as { stacks?: Record<string, unknown> };
    return manifest.stacks && typeof manifest.stacks === 'object' ? Object.keys(manifest.stacks) : undefined;
  } catch {
    return undefined; // no manifest (a hand-made folder), or one that cannot be read: the folders say it
  }
}

/** Reads `<stackDir>/cdk.tf.json`; a missing folder or file, or a file that is not JSON, is a LocalSetupError that says what to run. */
export function readStackJson(stackDir: string): TerraformJson {
  const file = path.join(stackDir, STACK_FILE);
  if (!fs.existsSync(stackDir)) {
    throw new LocalSetupError(`The stack folder ${stackDir} does not exist. Run \`npm run synth\` first (or check the stack id).`);
  }
  if (!fs.existsSync(file)) {
    throw new LocalSetupError(`${file} does not exist. Run \`npm run synth\` to synthesize the stack.`);
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
  } catch (err) {
    throw new LocalSetupError(`${file} is not valid JSON (${(err as Error).message}). Run \`npm run synth\` again.`);
  }
}

/** Every stack synthesized into `outDir`, read: stack id → its Terraform JSON. A folder without `stacks/` is a LocalSetupError. */
export function readSynthesizedStacks(outDir: string): Record<string, TerraformJson> {
  const stacksDir = path.join(outDir, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    throw new LocalSetupError(`${stacksDir} does not exist: synthesize first (npm run synth), or point at a folder that holds stacks/<id>/cdk.tf.json.`);
  }
  const stacks: Record<string, TerraformJson> = {};
  for (const id of synthesizedStackIds(outDir)) {
    const file = path.join(stackDirOf(outDir, id), STACK_FILE);
    try {
      stacks[id] = JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
    } catch (err) {
      throw new LocalSetupError(`${file} is not valid JSON (${(err as Error).message}); synthesize again.`);
    }
  }
  return stacks;
}

/** The blocks of one resource type (or data source, with `data.` in front of the type), by Terraform name. */
export function blocksOf(tf: TerraformJson, type: string): [string, TfBlock][] {
  const [group, name] = type.startsWith('data.') ? [tf.data, type.slice(5)] : [tf.resource, type];
  return Object.entries(group?.[name] ?? {});
}
