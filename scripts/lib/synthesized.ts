import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Json } from './asl/json';

/** The folder has no CDKTF app (no main.ts): an older commit, from before the project existed. */
export class NoAppError extends Error {}

/** A synthesized app read back: stack id → parsed `cdk.tf.json`. */
export type StackDocuments = Record<string, Json>;

/**
 * Synthesizes the CDKTF app in `projectDir` (its `main.ts`, run the way cdktf.json runs it) into `outdir`,
 * leaving the project's own cdktf.out alone, and reads every stack back. `label` names the project in errors.
 */
export async function synthesizeInto(projectDir: string, outdir: string, label: string): Promise<StackDocuments> {
  if (!fs.existsSync(path.join(projectDir, 'main.ts'))) {
    throw new NoAppError(`${label} has no main.ts, so there is no CDKTF app to synthesize there; compare against a later commit.`);
  }
  const { code, output } = await run(process.execPath, ['--import', 'tsx', 'main.ts'], projectDir, {
    ...process.env,
    CDKTF_OUTDIR: outdir,
    CHECKPOINT_DISABLE: '1',
  });
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-15).join('\n');
    throw new Error(`Synthesizing ${label} failed (exit ${code}):\n${tail}\nFix the error above (npm run synth shows it in full there) and run again.`);
  }
  // An app that sets its own outdir ignores CDKTF_OUTDIR: fall back to where it wrote.
  const written = fs.existsSync(path.join(outdir, 'stacks')) ? outdir : path.join(projectDir, 'cdktf.out');
  return readSynthesized(written);
}

/** Reads `<outdir>/stacks/<id>/cdk.tf.json` for every stack, by id. */
export function readSynthesized(outdir: string): StackDocuments {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    throw new Error(`${stacksDir} does not exist: synthesize first (npm run synth), or point at a folder that holds stacks/<id>/cdk.tf.json.`);
  }
  const stacks: StackDocuments = {};
  for (const id of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, id, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    try {
      stacks[id] = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
    } catch (err) {
      throw new Error(`${file} is not valid JSON (${(err as Error).message}); synthesize again.`);
    }
  }
  return stacks;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
