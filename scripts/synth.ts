import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const HELP = `Usage: npm run synth [-- --help]

Synthesizes every stack of the app (main.ts) to Terraform JSON:
  cdktf.out/stacks/<stack-id>/cdk.tf.json, plus each stack's bundled Lambda assets.

Same output as \`cdktf synth\`, without the CLI's start-up cost. Reads config.json
(or the file in SFN_CONFIG); AWS_REGION overrides the configured region.
Needs no AWS account and no network.`;

export function synth(projectRoot: string = path.resolve(__dirname, '..')): { stacks: string[]; ms: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`Synth failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
  const stacksDir = path.join(projectRoot, 'cdktf.out', 'stacks');
  const stacks = fs.readdirSync(stacksDir).sort();
  return { stacks, ms: Date.now() - started };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    process.exit(0);
  }
  if (args.length > 0) {
    console.error(`Unknown argument(s): ${args.join(' ')}\n\n${HELP}`);
    process.exit(2);
  }
  console.log('Synthesizing all stacks ...');
  try {
    const { stacks, ms } = synth();
    for (const id of stacks) console.log(`  ${id.padEnd(14)} cdktf.out/stacks/${id}/cdk.tf.json`);
    console.log(`Synthesized ${stacks.length} stack(s) in ${(ms / 1000).toFixed(1)} s.`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
