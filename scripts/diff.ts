import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canonical, type Json } from './lib/asl/json';
import { compareApps } from './lib/diff/compare';
import { resolveBase, withWorkingCopy, withWorktree } from './lib/diff/git';
import { parseCommandLine, runCli, UsageError } from './lib/cli';
import { renderMarkdown } from './lib/diff/render-markdown';
import { renderText } from './lib/diff/render-text';
import { PROJECT_ROOT } from './lib/project';
import { NoAppError, synthesizeInto, type StackDocuments } from './lib/synth-run';

const HELP = `Usage: npm run diff:synth -- [<git-ref>] [--markdown] [--help]

Shows what the current work changes in the synthesized Terraform, per stack:
  - resources (and data sources, outputs, providers, settings) added, removed and changed,
    attribute by attribute; JSON held in strings (IAM policies) is compared as JSON;
  - for each state machine, its definition state by state: states added or removed,
    transitions changed (Next, Choice rules, Default, Catch), parameters and other fields
    changed, nested Map and Parallel states included. JSONata values are shown as their
    expressions ({% … %}), Assign by the variables it sets ("Assign $total"), and a Choice
    rule whose condition changed as the two conditions ("rule #1 condition: old → new").

It synthesizes <git-ref> in a temporary git worktree, and a temporary copy of the working tree
(tracked and untracked files, uncommitted changes included; git-ignored files left out), both
sharing this project's node_modules: cdktf.out and .build are not touched, and no AWS account
or network is needed.

<git-ref>    a branch, tag or commit to compare against (e.g. origin/main).
             Default: the merge base of HEAD with main (or origin/main); on main itself,
             in a detached HEAD, or without a main branch: HEAD, which shows uncommitted work.
--markdown   print GitHub-flavoured Markdown (for a pull request comment) instead of text
--help       show this text

Both sides are synthesized with the installed node_modules and each side's own config.json;
SFN_CONFIG and AWS_REGION, when set, apply to both.

It compares two synths, not a synth with what is deployed: that is \`cdktf diff\` (alias
\`cdktf plan\`), a terraform plan of one stack against its state, with your AWS credentials:
npx cdktf diff <stack-id>.

Exit codes: 0 no changes; 1 changes (the report is on stdout); 2 error (a bad ref, not a git
repository, a synth that failed) with a message on stderr.`;

interface Args {
  readonly ref?: string;
  readonly markdown: boolean;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, {
    allowPositionals: true,
    options: { markdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (positionals.length > 1) throw new UsageError(`Give at most one git ref to compare against, not ${positionals.length} (${positionals.join(', ')}).`);
  return { ref: positionals[0], markdown: values.markdown ?? false, help: values.help ?? false };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const base = resolveBase(PROJECT_ROOT, args.ref);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-diff-out-'));
  try {
    console.error(`Synthesizing ${base.label} in a temporary worktree, and the working tree ...`);
    const [before, after] = await Promise.allSettled([
      withWorktree(PROJECT_ROOT, base.sha, (dir) => synthesizeBase(dir, path.join(tmp, 'before'), base.label)),
      withWorkingCopy(PROJECT_ROOT, (dir) => synthesizeInto(dir, path.join(tmp, 'after'), 'the working tree')),
    ]);
    if (before.status === 'rejected') throw before.reason;
    if (after.status === 'rejected') throw after.reason;
    const diff = compareApps(before.value, after.value);
    const labels = { before: base.label, after: 'working tree' };
    const color = !args.markdown && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
    process.stdout.write(args.markdown ? renderMarkdown(diff, labels) : renderText(diff, labels, color));
    return diff.changed ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The base side: a commit from before the app existed counts as an app without stacks (everything is new). */
async function synthesizeBase(dir: string, outdir: string, label: string): Promise<StackDocuments> {
  warnOnDependencyDrift(dir);
  try {
    return await synthesizeInto(dir, outdir, label);
  } catch (err) {
    if (!(err instanceof NoAppError)) throw err;
    console.error(`Note: ${label} has no CDKTF app (no main.ts); every stack counts as new.`);
    return {};
  }
}

/** The older commit is synthesized with today's node_modules; say so when its package.json asked for others. */
function warnOnDependencyDrift(refProjectDir: string): void {
  const deps = (dir: string): string => {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Json>;
      return canonical([pkg.dependencies ?? null, pkg.devDependencies ?? null]);
    } catch {
      return '';
    }
  };
  if (deps(refProjectDir) !== deps(PROJECT_ROOT)) {
    console.error('Note: the compared commit declares other dependencies than package.json here; it is synthesized with the installed node_modules.');
  }
}

if (require.main === module) runCli(main, { command: 'npm run diff:synth --', exitNow: true });
