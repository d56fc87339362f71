import { engineFloor } from '../../../local/node-runtime';
import type { AppDiff } from '../diff/compare';
import type { ValueChange } from '../diff/json-diff';
import { isCdktfModule, moduleSpecifiers } from './imports';

/**
 * The pure parts of the CDK Terrain checklist (scripts/cdktn-check.ts): what the project's sources and package.json
 * say before the move, the package.json after it, and what a synth comparison may differ in.
 */

export type ItemStatus = 'passed' | 'failed' | 'not run';

export interface ChecklistItem {
  readonly title: string;
  readonly status: ItemStatus;
  /** Why, in sentences: what was found, or what to do. */
  readonly reason: string;
}

export interface SourceFile {
  /** Relative to the project root, with `/`. */
  readonly path: string;
  readonly text: string;
}

/** Where the project lets cdktf and its providers be imported: the stacks, the app, and the tests of the stacks. */
export const CDKTF_IMPORTERS = [/^stacks\//, /^main\.ts$/, /^__tests__\//];

export function item(title: string, status: ItemStatus, reason: string): ChecklistItem {
  return { title, status, reason };
}

/** Files that import a CDKTF module, with the modules (first-seen order). */
export function cdktfImports(files: readonly SourceFile[]): { path: string; modules: string[] }[] {
  return files
    .map((file) => ({ path: file.path, modules: [...new Set(moduleSpecifiers(file.text, file.path).map((s) => s.text).filter(isCdktfModule))] }))
    .filter((file) => file.modules.length > 0);
}

/** Pre-flight, offline: the layering the move relies on, and deep provider imports. */
export function preflight(files: readonly SourceFile[]): ChecklistItem[] {
  const importers = cdktfImports(files);
  const outside = importers.filter((file) => !CDKTF_IMPORTERS.some((allowed) => allowed.test(file.path)));
  const layering =
    outside.length === 0
      ? item('Only stacks/, main.ts and __tests__/ import cdktf', 'passed', `${importers.length} files import CDKTF modules, all of them there: the rewrite stays inside the Terraform layer.`)
      : item('Only stacks/, main.ts and __tests__/ import cdktf', 'failed', `Also ${outside.map((f) => `${f.path} (${f.modules.join(', ')})`).join('; ')}: move that code into stacks/ (or use stacks/app's functions) first.`);
  const rootImports = importers.flatMap((file) => file.modules.filter((m) => /^@cdktf\/provider-[^/]+$/.test(m)).map((m) => `${file.path} (${m})`));
  const deep =
    rootImports.length === 0
      ? item('Providers are imported by deep path (@cdktf/provider-aws/lib/<resource>)', 'passed', 'The @cdktn provider packages keep the lib/<resource> layout, so each import changes only its scope.')
      : item('Providers are imported by deep path (@cdktf/provider-aws/lib/<resource>)', 'failed', `Imported from the package root in ${rootImports.join(', ')}: import each class from lib/<resource>.`);
  return [layering, deep];
}

/** Files whose code runs the cdktf CLI by name (through npx, a spawn, or the cdktf-cli package's path): renamed by hand on the day. */
export function cdktfCliCallers(files: readonly SourceFile[]): { path: string; lines: number[] }[] {
  // The checklist's own code and tests name the CLI to recognise it, not to run it.
  const own = /^(scripts\/lib\/cdktn\/|scripts\/cdktn-check\.ts$|__tests__\/scripts\/cdktn-check\.test\.ts$)/;
  // An argument list whose first word is the CLI's name, a spawn of it, or a path to its binary.
  const call = /\[\s*['"`]cdktf['"`]\s*,|spawn(?:Sync)?\(\s*['"`](?:npx\s+)?cdktf\b|node_modules['"`/,\s]+cdktf-cli\b|\.bin['"`/,\s]+cdktf\b/;
  return files
    .filter((file) => !own.test(file.path))
    .map((file) => ({ path: file.path, lines: file.text.split('\n').flatMap((line, i) => (call.test(line) ? [i + 1] : [])) }))
    .filter((file) => file.lines.length > 0);
}

export interface PackageJson {
  name?: string;
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The CDK Terrain package for a CDKTF one: cdktf → cdktn, cdktf-cli → cdktn-cli, @cdktf/provider-x → @cdktn/provider-x. */
export function cdktnPackage(name: string): string | undefined {
  if (name === 'cdktf') return 'cdktn';
  if (name === 'cdktf-cli') return 'cdktn-cli';
  const provider = /^@cdktf\/(provider-.+)$/.exec(name);
  return provider ? `@cdktn/${provider[1]}` : undefined;
}

/** The CDKTF packages package.json depends on, by the section they are in. */
export function cdktfDependencies(pkg: PackageJson): { name: string; section: 'dependencies' | 'devDependencies'; version: string }[] {
  return (['dependencies', 'devDependencies'] as const).flatMap((section) =>
    Object.entries(pkg[section] ?? {})
      .filter(([name]) => cdktnPackage(name) !== undefined)
      .map(([name, version]) => ({ name, section, version })),
  );
}

/**
 * package.json after the move: each CDKTF package replaced by its CDK Terrain one at `versions[new name]` (in the
 * same section), constructs at `versions.constructs`, `cdktf <command>` in scripts run as `cdktn <command>`, and
 * engines.node raised to `nodeFloor` when given.
 */
export function movedPackageJson(pkg: PackageJson, versions: Readonly<Record<string, string>>, nodeFloor?: string): PackageJson {
  const moved = JSON.parse(JSON.stringify(pkg)) as PackageJson;
  for (const { name, section } of cdktfDependencies(pkg)) {
    const target = cdktnPackage(name)!;
    const version = versions[target];
    if (version === undefined) throw new Error(`No version chosen for ${target} (the CDK Terrain package for ${name}).`);
    const deps = moved[section]!;
    delete deps[name];
    deps[target] = version;
    moved[section] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (versions.constructs !== undefined) {
    for (const section of ['dependencies', 'devDependencies'] as const) if (moved[section]?.constructs !== undefined) moved[section]!.constructs = versions.constructs;
  }
  if (moved.scripts) {
    moved.scripts = Object.fromEntries(Object.entries(moved.scripts).map(([name, command]) => [name, command.replace(/(^|[\s;&|])cdktf(?=\s)/g, '$1cdktn')]));
  }
  if (nodeFloor !== undefined) moved.engines = { ...moved.engines, node: `>=${nodeFloor}` };
  return moved;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Whether the project's engines.node admits what each package needs: answers the highest floor the packages
 * name (`22.19.0`) and the packages that ask more than the project, or a sentence when a range cannot be read.
 */
export function engineGap(projectRange: string | undefined, packages: Readonly<Record<string, string | undefined>>): { floor?: string; above: string[]; unreadable: string[] } {
  const project = projectRange === undefined ? undefined : engineFloor(projectRange);
  let highest = project;
  const above: string[] = [];
  const unreadable: string[] = [];
  for (const [name, range] of Object.entries(packages)) {
    if (range === undefined) continue;
    const floor = engineFloor(range);
    if (!floor) {
      unreadable.push(`${name} (${range})`);
      continue;
    }
    if (!project || compare(floor, project) > 0) above.push(`${name} needs node ${range}`);
    if (!highest || compare(floor, highest) > 0) highest = floor;
  }
  return { ...(highest && { floor: highest.join('.') }), above, unreadable };
}

/** A provider source as Terraform reads it: `aws` and `hashicorp/aws` both name `registry.terraform.io/hashicorp/aws`. */
export function providerAddress(source: unknown): string | undefined {
  if (typeof source !== 'string' || source === '') return undefined;
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}

/**
 * What a synth with CDK Terrain may change against the current one: the providers' version constraints
 * (`terraform.required_providers.<name>.version`), and their source written another way for the same provider
 * (`aws` → `hashicorp/aws`). Answers every other change, as `stack: address path`.
 */
export function unexpectedChanges(diff: AppDiff): string[] {
  const expected = (address: string, change: ValueChange) =>
    address === 'terraform' &&
    (/^required_providers\.[\w-]+\.version$/.test(change.path) ||
      (/^required_providers\.[\w-]+\.source$/.test(change.path) && providerAddress(change.before) === providerAddress(change.after)));
  return diff.stacks.flatMap((stack) => {
    if (stack.kind === 'added' || stack.kind === 'removed') return [`${stack.id}: the stack is ${stack.kind}`];
    return stack.blocks.flatMap((block) => {
      if (block.kind !== 'changed') return [`${stack.id}: ${block.address} ${block.kind}`];
      const machine = block.stateMachine && (block.stateMachine.diff.machine.length > 0 || block.stateMachine.diff.states.length > 0) ? [`${stack.id}: ${block.address} definition`] : [];
      return [...machine, ...block.changes.filter((c) => !expected(block.address, c)).map((c) => `${stack.id}: ${block.address} ${c.path}`)];
    });
  });
}

/** The provider version constraints a synth comparison saw change: `aws 5.100.0 → 6.28.0`. */
export function providerVersionChanges(diff: AppDiff): string[] {
  const seen = new Set<string>();
  for (const stack of diff.stacks) {
    for (const block of stack.blocks) {
      if (block.address !== 'terraform') continue;
      for (const change of block.changes) {
        const name = /^required_providers\.([\w-]+)\.version$/.exec(change.path)?.[1];
        if (name) seen.add(`${name} ${String(change.before)} → ${String(change.after)}`);
      }
    }
  }
  return [...seen].sort();
}
