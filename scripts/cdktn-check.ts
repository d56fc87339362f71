import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cdktfCliCallers, cdktfDependencies, cdktnPackage, engineGap, item, movedPackageJson, preflight, providerVersionChanges, unexpectedChanges, type ChecklistItem, type PackageJson } from './lib/cdktn/checklist';
import { rewriteImports } from './lib/cdktn/imports';
import { prebuiltProviderVersion, projectSources, run, tail, viewPackage, type RegistryFacts } from './lib/cdktn/steps';
import { parseCommandLine, runCli } from './lib/cli';
import { compareApps } from './lib/diff/compare';
import { copyWorkingTree, withWorkingCopy } from './lib/diff/git';
import { missingOptionalEntries, type Lockfile } from './lib/lockfile';
import { PROJECT_ROOT } from './lib/project';
import { synthesizeInto } from './lib/synth-run';
import { findProviderMirror } from './lib/terraform-offline';

const HELP = `Usage: npm run cdktn:check -- [--preflight] [--tests] [--keep] [--help]

The checklist for moving from CDK for Terraform (cdktf 0.21, deprecated by HashiCorp on
December 10, 2025) to its community fork CDK Terrain (cdktn). It performs the move in a
temporary copy of the project, never here, and prints each item as passed or failed, with why:

  pre-flight (offline)  only stacks/, main.ts and __tests__/ import cdktf; providers are
                        imported by deep path; which code runs the cdktf CLI by name
  registry              the newest cdktn, cdktn-cli and @cdktn/provider-* on the npm registry,
                        the constructs their peers ask for, and the Node they need
  the move              imports rewritten (cdktf → cdktn, @cdktf/provider-* → @cdktn/provider-*),
                        package.json bumped, npm install from the registry, a complete lockfile,
                        tsc --noEmit, the synth compared with today's by the project's semantic
                        diff (only provider versions may differ), cdktn synth through the CLI,
                        --skip-provider-lock still offered, the provider mirror for plan:offline

Options:
  --preflight   only the offline pre-flight items (no registry, no copy)
  --tests       also run npm test in the moved copy (minutes more)
  --keep        keep the moved copy and print where it is
  --help        show this text

Needs the npm registry (not for --preflight) and a few minutes. Exit codes: 0 every item
passed; 1 an item failed or could not run; 2 the command line is wrong.`;

const MINUTES = 60_000;

interface Args {
  readonly preflightOnly: boolean;
  readonly tests: boolean;
  readonly keep: boolean;
  readonly help: boolean;
}

function parse(argv: readonly string[]): Args {
  const { values } = parseCommandLine(argv, {
    options: { preflight: { type: 'boolean' }, tests: { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  return { preflightOnly: values.preflight ?? false, tests: values.tests ?? false, keep: values.keep ?? false, help: values.help ?? false };
}

const MARK: Record<ChecklistItem['status'], string> = { passed: '✓', failed: '✗', 'not run': '–' };

function report(items: readonly ChecklistItem[]): number {
  for (const it of items) console.log(`${MARK[it.status]} ${it.title}\n    ${it.status}: ${it.reason}`);
  const count = (status: ChecklistItem['status']) => items.filter((i) => i.status === status).length;
  console.log(`\nChecklist: ${count('passed')} of ${items.length} items passed, ${count('failed')} failed, ${count('not run')} not run.`);
  return count('passed') === items.length ? 0 : 1;
}

/** The offline items: layering, deep imports, and code that runs the cdktf CLI by name. */
function offlineItems(): ChecklistItem[] {
  const files = projectSources(PROJECT_ROOT);
  const callers = cdktfCliCallers(files);
  return [
    ...preflight(files),
    callers.length === 0
      ? item('No code runs the cdktf CLI by name', 'passed', 'Only package.json scripts do, and the move rewrites those.')
      : item('No code runs the cdktf CLI by name', 'failed', `Point these at cdktn by hand on the day: ${callers.map((c) => `${c.path}:${c.lines.join(',')}`).join(', ')}.`),
  ];
}

/** The CDK Terrain packages to move to, with the constructs version their peers ask for. */
async function resolveTargets(pkg: PackageJson): Promise<{ facts: RegistryFacts[]; versions: Record<string, string> }> {
  const facts = await Promise.all(cdktfDependencies(pkg).map((dep) => viewPackage(cdktnPackage(dep.name)!)));
  const versions: Record<string, string> = Object.fromEntries(facts.map((f) => [f.name, f.version]));
  const constructsRange = facts.map((f) => f.peerDependencies?.constructs).find((range) => range !== undefined);
  if (constructsRange !== undefined) {
    const constructs = await viewPackage('constructs', constructsRange);
    facts.push(constructs);
    versions.constructs = constructs.version;
  }
  return { facts, versions };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const items = offlineItems();
  if (args.preflightOnly) return report(items);
  const skipRest = (why: string, titles: readonly string[]) => titles.forEach((title) => items.push(item(title, 'not run', why)));
  const later = ['The imports rewritten in a copy', 'npm install from the registry', 'The new lockfile lists every platform', 'Type check (tsc --noEmit)', 'Synth with cdktn equals today\'s but for provider versions', 'cdktn-cli synthesizes the app (cdktf.json)', 'cdktn deploy still offers --skip-provider-lock', 'The provider mirror has the new hashicorp/aws'];

  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
  console.error('Asking the npm registry for the CDK Terrain packages ...');
  let targets: Awaited<ReturnType<typeof resolveTargets>>;
  try {
    targets = await resolveTargets(pkg);
  } catch (err) {
    items.push(item('Every CDKTF package has a CDK Terrain counterpart on the registry', 'failed', (err as Error).message));
    skipRest('the registry did not answer.', later);
    return report(items);
  }
  const described = targets.facts.map((f) => `${f.name} ${f.version}${f.engines?.node ? ` (node ${f.engines.node})` : ''}${f.peerDependencies ? `, peers ${Object.entries(f.peerDependencies).map(([n, r]) => `${n} ${r}`).join(', ')}` : ''}`);
  items.push(item('Every CDKTF package has a CDK Terrain counterpart on the registry', 'passed', `${described.join('; ')}.`));
  const gap = engineGap(pkg.engines?.node, Object.fromEntries(targets.facts.map((f) => [`${f.name} ${f.version}`, f.engines?.node])));
  items.push(
    gap.above.length === 0 && gap.unreadable.length === 0
      ? item(`package.json engines.node (${pkg.engines?.node}) admits every CDK Terrain package`, 'passed', 'No package asks for a newer Node.')
      : item(`package.json engines.node (${pkg.engines?.node}) admits every CDK Terrain package`, 'failed', `${[...gap.above, ...gap.unreadable.map((u) => `unreadable range ${u}`)].join('; ')}: raise engines.node to >=${gap.floor} (the copy does), and the \`node\` dev dependency with it if it is older.`),
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-cdktn-'));
  try {
    await move(dir, pkg, targets.versions, gap.floor, items, args);
  } finally {
    if (args.keep) console.error(`Kept the moved copy in ${dir}.`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return report(items);
}

/** The move itself, in `dir`: each step adds its item; a step that cannot run marks the rest as not run. */
async function move(dir: string, pkg: PackageJson, versions: Record<string, string>, nodeFloor: string | undefined, items: ChecklistItem[], args: Args): Promise<void> {
  const say = (text: string) => console.error(text);
  copyWorkingTree(PROJECT_ROOT, dir);
  let rewritten = 0;
  let imports = 0;
  const unmapped: string[] = [];
  for (const file of projectSources(dir, PROJECT_ROOT)) {
    const result = rewriteImports(file.text, file.path);
    unmapped.push(...result.unmapped.map((u) => `${file.path}:${u.line} ${u.module}`));
    if (result.changes.length === 0) continue;
    fs.writeFileSync(path.join(dir, file.path), result.text);
    rewritten++;
    imports += result.changes.length;
  }
  items.push(
    unmapped.length === 0
      ? item('The imports rewritten in a copy', 'passed', `${imports} imports in ${rewritten} files now name cdktn and @cdktn/provider-*.`)
      : item('The imports rewritten in a copy', 'failed', `No CDK Terrain module for ${unmapped.join(', ')}.`),
  );
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(movedPackageJson(pkg, versions, nodeFloor), null, 2)}\n`);

  say('npm install in the moved copy (from the registry; minutes) ...');
  const install = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 20 * MINUTES });
  if (install.code !== 0) {
    items.push(item('npm install from the registry', 'failed', `exit ${install.code}${install.timedOut ? ' (timed out)' : ''}: ${tail(install.output)}`));
    for (const title of ['The new lockfile lists every platform', 'Type check (tsc --noEmit)', "Synth with cdktn equals today's but for provider versions", 'cdktn-cli synthesizes the app (cdktf.json)', 'cdktn deploy still offers --skip-provider-lock', 'The provider mirror has the new hashicorp/aws']) {
      items.push(item(title, 'not run', 'npm install failed.'));
    }
    return;
  }
  const awsBefore = prebuiltProviderVersion(path.join(PROJECT_ROOT, 'node_modules', '@cdktf', 'provider-aws'));
  const awsAfter = prebuiltProviderVersion(path.join(dir, 'node_modules', '@cdktn', 'provider-aws'));
  items.push(item('npm install from the registry', 'passed', `${Object.entries(versions).map(([n, v]) => `${n}@${v}`).join(', ')} installed; hashicorp/aws ${awsBefore ?? '?'} → ${awsAfter ?? '?'}.`));

  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as Lockfile;
  const missing = missingOptionalEntries(lock);
  items.push(
    missing.length === 0
      ? item('The new lockfile lists every platform', 'passed', 'Every optional dependency of every locked package has its entry: npm ci works anywhere.')
      : item('The new lockfile lists every platform', 'failed', `Missing: ${missing.slice(0, 5).map((m) => `${m.name} (of ${m.from})`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; npm ci would refuse it.`),
  );

  say('tsc --noEmit in the moved copy ...');
  const tsc = await run(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: dir, timeoutMs: 10 * MINUTES });
  items.push(tsc.code === 0 ? item('Type check (tsc --noEmit)', 'passed', 'The moved sources and tests type-check.') : item('Type check (tsc --noEmit)', 'failed', tail(tsc.output, 10)));

  say('Synthesizing today\'s project and the moved copy ...');
  items.push(await compareSynths(dir));

  const cdktn = path.join(dir, 'node_modules', '.bin', 'cdktn');
  const synth = await run(cdktn, ['synth'], { cwd: dir, env: { PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' }, timeoutMs: 10 * MINUTES });
  const stacks = fs.existsSync(path.join(dir, 'cdktf.out', 'stacks')) ? fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort() : [];
  items.push(
    synth.code === 0 && stacks.length > 0
      ? item('cdktn-cli synthesizes the app (cdktf.json)', 'passed', `cdktn synth wrote cdktf.out/stacks/{${stacks.join(',')}} from cdktf.json unchanged.`)
      : item('cdktn-cli synthesizes the app (cdktf.json)', 'failed', `exit ${synth.code}: ${tail(synth.output)}`),
  );
  const deployHelp = await run(cdktn, ['deploy', '--help'], { cwd: dir, timeoutMs: 2 * MINUTES });
  items.push(
    /--skip-provider-lock/.test(deployHelp.output)
      ? item('cdktn deploy still offers --skip-provider-lock', 'passed', 'For users of a provider mirror, as with cdktf (README, "Deploy to AWS").')
      : item('cdktn deploy still offers --skip-provider-lock', 'failed', `cdktn deploy --help does not list it: ${tail(deployHelp.output, 3)}`),
  );
  const mirror = findProviderMirror();
  items.push(
    awsAfter !== undefined && mirror?.awsVersions.includes(awsAfter)
      ? item('The provider mirror has the new hashicorp/aws', 'passed', `${mirror.root} holds ${awsAfter}: npm run plan:offline and its test keep working.`)
      : item('The provider mirror has the new hashicorp/aws', 'failed', `${mirror ? `${mirror.root} holds ${mirror.awsVersions.join(', ')}` : 'No provider mirror was found'}, not ${awsAfter ?? 'the new version'}: add it (terraform providers mirror) before npm run plan:offline and its test can run.`),
  );
  if (args.tests) {
    say('npm test in the moved copy ...');
    const tests = await run('npm', ['test'], { cwd: dir, timeoutMs: 30 * MINUTES });
    items.push(tests.code === 0 ? item('npm test in the moved copy', 'passed', tail(tests.output, 3)) : item('npm test in the moved copy', 'failed', tail(tests.output, 10)));
  }
}

/** Today's synth against the moved copy's, with the project's semantic diff; only provider versions may differ. */
async function compareSynths(dir: string): Promise<ChecklistItem> {
  const title = "Synth with cdktn equals today's but for provider versions";
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-cdktn-synth-'));
  try {
    const before = await withWorkingCopy(PROJECT_ROOT, (copy) => synthesizeInto(copy, path.join(out, 'before'), 'the project'));
    const after = await synthesizeInto(dir, path.join(out, 'after'), 'the moved copy');
    const diff = compareApps(before, after);
    const unexpected = unexpectedChanges(diff);
    const versions = providerVersionChanges(diff);
    if (unexpected.length === 0) return item(title, 'passed', `${Object.keys(after).length} stacks, the same resources and state machines; provider versions: ${versions.join(', ') || 'unchanged'}.`);
    return item(title, 'failed', `${unexpected.length} other change${unexpected.length === 1 ? '' : 's'} (npm run diff:synth renders such a diff): ${unexpected.slice(0, 6).join('; ')}${unexpected.length > 6 ? '; …' : ''}.`);
  } catch (err) {
    return item(title, 'failed', (err as Error).message.split('\n').slice(0, 6).join(' | '));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) runCli(main, { command: 'npm run cdktn:check --', failureCode: 1, exitNow: true });
