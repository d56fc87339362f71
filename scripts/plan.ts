import * as path from 'node:path';
import { findOfflineTools, planStacks, type StackPlan } from './lib/terraform-offline';
import { STACK_IDS } from '../contracts/stack-ids';
import { parseCommandLine, runCli, UsageError } from './lib/cli';
import { synthesizedStackIds } from '../local/synthesized';
import { defaultOutDir, shownPath } from './lib/project';
import { runSynth } from './lib/synth-run';

const HELP = `Usage: npm run plan:offline -- [<stack-id> ...] [--json] [--no-synth] [--keep]
                                [--alone] [--concurrency <n>] [--timeout <seconds>] [--help]

Synthesizes the app, then runs \`terraform init\` and \`terraform plan\` (which validates the
configuration first) of the stacks with no network and no AWS account, and prints what each
plan would create, update, delete or replace. Stacks: all by default, or the ids given (see
cdktf.out/manifest.json).

The stacks are planned together: each is a module of one temporary root, so terraform
starts and loads the aws provider's schema once for all of them (4 stacks: ~10 s instead
of ~60 s). When that run fails, each stack is planned alone, to say which one failed.

Every plan starts from an empty state: it checks that the stacks plan, not what a deploy
would change. That is \`cdktf diff\` (alias \`cdktf plan\`), which plans one stack against
its deployed state with your AWS credentials: npx cdktf diff <stack-id>.

How it stays offline (only a temporary copy of each stack is changed; cdktf.out is not):
  - providers come from a local filesystem mirror of hashicorp/aws, found in $TF_PLUGIN_MIRROR,
    /opt/tf-plugins, /usr/share/terraform/plugins, /usr/local/share/terraform/plugins,
    ~/.terraform.d/plugins or ~/.local/share/terraform/plugins, through a CLI config written
    to a temp folder (your ~/.terraformrc is neither read nor written);
  - each archive_file data source (the hashicorp/archive provider is not in the mirror) is
    replaced by a real zip of the same folder, made in the copy, with its real sha256;
  - the aws provider gets fake static credentials, and the plan-time AWS calls (Step
    Functions definition validation, caller identity) go to a local stub on 127.0.0.1
    that checks definitions as synth does (definitions/validate.ts);
  - the state backend becomes a local state file in the copy, so every plan starts empty
    and its create count equals the stack's resource count.

Options:
  --json               print the results as JSON on stdout (progress still goes to stderr)
  --no-synth           plan what is already in cdktf.out instead of synthesizing first
  --keep               keep the temporary copies and print where they are
  --alone              plan each stack in a terraform run of its own from the start
  --concurrency <n>    with --alone (or after a failed run of all), stacks planned at the
                       same time (default 2; each runs a provider)
  --timeout <seconds>  limit for each terraform call (default 180); a call over it is stopped
  --help               show this text

Needs: terraform (on PATH, or TERRAFORM_BINARY_NAME) and the hashicorp/aws mirror.
Exit codes: 0 every plan succeeded; 1 a plan failed; 2 terraform or the mirror is
missing, or the command line is wrong.`;

interface Args {
  stacks: string[];
  json: boolean;
  synth: boolean;
  keep: boolean;
  alone: boolean;
  concurrency: number;
  timeoutMs: number;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      keep: { type: 'boolean' },
      alone: { type: 'boolean' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const unknown = positionals.filter((id) => !(STACK_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError(`Unknown stack id(s): ${unknown.join(', ')}. The stacks are ${STACK_IDS.join(', ')}.`);
  const number = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--${name} needs a whole number of at least 1, got '${text}'.`);
    return Number(text);
  };
  return {
    stacks: positionals,
    json: values.json ?? false,
    synth: !values['no-synth'],
    keep: values.keep ?? false,
    alone: values.alone ?? false,
    concurrency: number('concurrency', values.concurrency, 2),
    timeoutMs: number('timeout', values.timeout, 180) * 1000,
  };
}

/** The synthesized stack ids (those of the last synth, so stale folders are not planned), in the app's order. */
function synthesizedStacks(outdir: string): string[] {
  const ids = synthesizedStackIds(outdir);
  if (ids.length === 0) throw new UsageError(`${shownPath(outdir)} holds no synthesized stack: run without --no-synth, or run npm run synth first.`);
  const rank = (id: string) => ((STACK_IDS as readonly string[]).includes(id) ? (STACK_IDS as readonly string[]).indexOf(id) : STACK_IDS.length);
  return ids.sort((a, b) => rank(a) - rank(b));
}

function printTable(results: readonly StackPlan[]): void {
  const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);
  const steps = (r: StackPlan) => [seconds(r.timings.init), seconds(r.timings.plan)];
  // Planned together, the steps' times are the one run's: shown once, under the table.
  const together = results.length > 1 && results.every((r) => r.plannedWith > 1);
  const header = ['stack', 'create', 'update', 'delete', 'replace', 'result', ...(together ? [] : ['init', 'plan'])];
  const rows = results.map((r) => [
    r.stackId,
    ...(['create', 'update', 'delete', 'replace'] as const).map((a) => String(r.counts[a])),
    r.ok ? 'ok' : 'FAILED',
    ...(together ? [] : steps(r)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  if (together) {
    const [init, plan] = steps(results[0]);
    console.log(`(planned together in one terraform run: init ${init}, plan ${plan})`);
  }
}

function printDetails(results: readonly StackPlan[], keep: boolean): void {
  for (const r of results) {
    const swapped = r.swaps.length;
    console.log(`\n${r.stackId}: swapped ${swapped} archive_file data source${swapped === 1 ? '' : 's'} for stand-ins`);
    for (const s of r.swaps) {
      console.log(`  stand-in  data.archive_file.${s.name}: zip of ${s.source} (${s.sizeBytes} bytes, sha256 ${s.base64sha256}, ${s.references} reference(s) rewritten)`);
    }
    if (r.plannedWith === 1) for (const call of r.awsCalls) console.log(`  aws stub  ${call}`);
    for (const note of r.notes) console.log(`  offline   ${note}`);
    if (r.providerInstall) console.log(`  provider  hashicorp/aws installed by ${r.providerInstall}`);
    if (keep) console.log(`  kept      ${r.workDir}`);
    if (r.error) console.log(`  ERROR     ${r.error.split('\n').join('\n            ')}`);
  }
  // Planned together, the AWS calls are the one run's (the stub cannot tell the stacks' providers apart).
  const together = results.find((r) => r.plannedWith > 1);
  if (together) {
    console.log(`\nAWS calls of the run that planned the ${together.plannedWith} stacks together, all answered by the local stub:`);
    for (const call of together.awsCalls) console.log(`  aws stub  ${call}`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(HELP);
    return 0;
  }
  const check = findOfflineTools();
  if (!check.ok) {
    console.error(`Cannot plan offline: ${check.reason}`);
    return 2;
  }
  const { tools } = check;
  const progress = (text: string) => console.error(text);
  const outdir = defaultOutDir();
  if (args.synth) {
    progress('Synthesizing all stacks ...');
    const run = await runSynth({ outdir });
    if (run.stderr) progress(run.stderr);
    if (!run.ok) throw new Error('Synth failed (see above), so there is nothing to plan; npm run synth shows the same error.');
    progress(`Synthesized in ${(run.durationMs / 1000).toFixed(1)} s.`);
  }
  const known = synthesizedStacks(outdir);
  const unknown = args.stacks.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`Unknown stack id(s): ${unknown.join(', ')}. Synthesized stacks: ${known.join(', ')}.`);
  const ids = args.stacks.length > 0 ? args.stacks : known;

  const how = args.alone || ids.length === 1 ? `each alone, ${args.concurrency} at a time` : 'together in one terraform run';
  progress(`Planning ${ids.length} stack(s) with terraform ${tools.terraformVersion}, provider mirror ${tools.mirror.root} (${tools.mirror.layout}), ${how} ...`);
  const started = Date.now();
  const results = await planStacks(
    ids.map((id) => path.join(outdir, 'stacks', id)),
    tools,
    { mode: args.alone ? 'alone' : 'together', concurrency: args.concurrency, timeoutMs: args.timeoutMs, keep: args.keep, onStep: (id, step) => progress(`  [${id}] ${step}`) },
  );
  const failed = results.filter((r) => !r.ok);
  if (args.json) {
    console.log(JSON.stringify({ terraformVersion: tools.terraformVersion, mirror: tools.mirror, results }, null, 2));
  } else {
    console.log('');
    printTable(results);
    printDetails(results, args.keep);
    console.log(`\n${results.length - failed.length} of ${results.length} plan(s) succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (failed.length > 0) progress(`Plan failed for: ${failed.map((r) => r.stackId).join(', ')} (see the ERROR lines above).`);
  return failed.length > 0 ? 1 : 0;
}

runCli(main, { command: 'npm run plan:offline --', failureCode: 1, exitNow: true });
