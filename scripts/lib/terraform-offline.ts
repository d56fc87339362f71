import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startAwsPlanStub, type AwsPlanStub } from './aws-plan-stub';
import { prepareOfflineCopy, type ArchiveStandIn } from './offline-copy';

export { prepareOfflineCopy, swapArchiveFiles, type ArchiveStandIn, type OfflineCopy } from './offline-copy';

/**
 * Runs `terraform init / validate / plan` on synthesized stacks with no network: providers come from a local
 * filesystem mirror through a CLI config written to a temp folder (never the user's ~/.terraformrc), and each
 * stack is planned in a rewritten temporary copy (see offline-copy.ts). Every terraform call has a time limit.
 */

export interface ProviderMirror {
  readonly root: string;
  /** `unpacked`: init symlinks the provider folder; `packed`: init unzips it (once per run, into a temp cache). */
  readonly layout: 'unpacked' | 'packed';
  readonly awsVersions: readonly string[];
}

export interface OfflineTools {
  readonly terraform: string;
  readonly terraformVersion: string;
  readonly mirror: ProviderMirror;
}

export type ToolCheck = { readonly ok: true; readonly tools: OfflineTools } | { readonly ok: false; readonly reason: string };

const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const AWS_PROVIDER = path.join('registry.terraform.io', 'hashicorp', 'aws');

/** Where a provider mirror is looked for, first match wins. */
export function mirrorCandidates(): string[] {
  const home = os.homedir();
  return [
    process.env.TF_PLUGIN_MIRROR,
    '/opt/tf-plugins',
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
  ].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
}

/** Finds a mirror that holds hashicorp/aws for this platform, in either the unpacked or the packed layout. */
export function findProviderMirror(candidates = mirrorCandidates()): ProviderMirror | undefined {
  for (const root of candidates) {
    const base = path.join(root, AWS_PROVIDER);
    if (!fs.existsSync(base)) continue;
    const entries = fs.readdirSync(base);
    const unpacked = entries.filter((v) => fs.existsSync(path.join(base, v, PLATFORM)));
    if (unpacked.length > 0) return { root, layout: 'unpacked', awsVersions: unpacked.sort() };
    const packed = entries.map((f) => new RegExp(`^terraform-provider-aws_(.+)_${PLATFORM}\\.zip$`).exec(f)?.[1]).filter((v): v is string => !!v);
    if (packed.length > 0) return { root, layout: 'packed', awsVersions: packed.sort() };
  }
  return undefined;
}

/** Finds terraform (TERRAFORM_BINARY_NAME or PATH) and the provider mirror; says what is missing and how to get it. */
export function findOfflineTools(): ToolCheck {
  const terraform = process.env.TERRAFORM_BINARY_NAME || 'terraform';
  const probe = spawnSync(terraform, ['version', '-json'], { encoding: 'utf8', timeout: 20_000, env: terraformEnv(os.tmpdir()) });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : `exit code ${probe.status}: ${probe.stderr.trim()}`;
    return { ok: false, reason: `terraform could not be run (${why}). Install Terraform ≥ 1.5 (https://developer.hashicorp.com/terraform/install) and put it on PATH, or set TERRAFORM_BINARY_NAME.` };
  }
  const terraformVersion = (JSON.parse(probe.stdout) as { terraform_version: string }).terraform_version;
  const mirror = findProviderMirror();
  if (!mirror) {
    return {
      ok: false,
      reason:
        `no offline mirror of the hashicorp/aws provider for ${PLATFORM} was found (looked in ${mirrorCandidates().join(', ')}). ` +
        'On a machine with network, run `terraform providers mirror <dir>` in a synthesized stack folder, copy <dir> here, and set TF_PLUGIN_MIRROR=<dir>.',
    };
  }
  return { ok: true, tools: { terraform, terraformVersion, mirror } };
}

export type PlanAction = 'create' | 'update' | 'delete' | 'replace' | 'no-op' | 'read';

export interface StackPlan {
  readonly stackId: string;
  readonly ok: boolean;
  /** The step that failed, and why, in sentences; undefined when `ok`. */
  readonly error?: string;
  readonly counts: Record<PlanAction, number>;
  /** Resource addresses by planned action (data sources under `read`). */
  readonly addresses: Record<PlanAction, string[]>;
  /** Managed resources declared in the stack's cdk.tf.json. */
  readonly declaredResources: number;
  readonly swaps: readonly ArchiveStandIn[];
  readonly notes: readonly string[];
  /** Milliseconds per step. */
  readonly timings: Partial<Record<'init' | 'validate' | 'plan' | 'show', number>>;
  /** How init installed the aws provider: `symlink` to the mirror or `copy`. */
  readonly providerInstall?: 'symlink' | 'copy';
  readonly workDir: string;
  /** The AWS calls the plan made, all answered by the local stub (e.g. `sfn:ValidateStateMachineDefinition (OK)`). */
  readonly awsCalls: readonly string[];
}

export interface PlanOptions {
  /** Limit per terraform call. @default 180_000 */
  readonly timeoutMs?: number;
  /** Stacks planned at the same time (each runs its own provider process). @default 2 */
  readonly concurrency?: number;
  /** Keep the temporary copies (their paths are in `workDir`). @default false */
  readonly keep?: boolean;
  /** Called before each step of each stack, for progress output. */
  readonly onStep?: (stackId: string, step: string) => void;
}

/** Plans every stack folder (`<outdir>/stacks/<id>`) offline and returns one result per stack, in input order. */
export async function planStacks(stackDirs: readonly string[], tools: OfflineTools, options: PlanOptions = {}): Promise<StackPlan[]> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-tf-run-'));
  const cliConfig = writeCliConfig(runDir, tools.mirror);
  const stub = await startAwsPlanStub();
  const results: StackPlan[] = new Array<StackPlan>(stackDirs.length);
  // Terraform's plugin cache is not safe for concurrent inits; only a packed mirror uses it.
  let initQueue: Promise<unknown> = Promise.resolve();
  const serialInit = <T>(run: () => Promise<T>): Promise<T> => {
    const queued = initQueue.then(run);
    initQueue = queued.catch(() => undefined);
    return queued;
  };
  const context = { ...options, cliConfig, stub, runDir, serialInit: tools.mirror.layout === 'packed' ? serialInit : undefined };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < stackDirs.length; i = next++) {
      results[i] = await planOneStack(stackDirs[i], tools, { ...context, index: i });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  } finally {
    await stub.close();
    if (!options.keep) fs.rmSync(runDir, { recursive: true, force: true });
  }
  return results;
}

/** A CLI config that installs providers only from the mirror; a packed mirror unzips once into a run-wide cache. */
export function writeCliConfig(runDir: string, mirror: ProviderMirror): string {
  const file = path.join(runDir, 'terraformrc');
  const cache = mirror.layout === 'packed' ? `plugin_cache_dir = ${JSON.stringify(path.join(runDir, 'plugin-cache'))}\n` : '';
  if (cache) fs.mkdirSync(path.join(runDir, 'plugin-cache'));
  fs.writeFileSync(file, `${cache}provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.root)}\n  }\n}\n`);
  return file;
}

export function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  // No AWS_* setting of the user's (profile, endpoint URLs, keys) may reach the offline plan.
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !['TF_PLUGIN_CACHE_DIR', 'TF_DATA_DIR', 'TF_WORKSPACE', 'TF_LOG'].includes(name));
  return { ...Object.fromEntries(inherited), TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', AWS_EC2_METADATA_DISABLED: 'true' };
}

const EMPTY_COUNTS = (): Record<PlanAction, number> => ({ create: 0, update: 0, delete: 0, replace: 0, 'no-op': 0, read: 0 });

async function planOneStack(
  stackDir: string,
  tools: OfflineTools,
  options: PlanOptions & { cliConfig: string; stub: AwsPlanStub; runDir: string; index: number; serialInit?: <T>(run: () => Promise<T>) => Promise<T> },
): Promise<StackPlan> {
  const stackId = path.basename(stackDir);
  const timings: StackPlan['timings'] = {};
  const counts = EMPTY_COUNTS();
  const addresses: Record<PlanAction, string[]> = { create: [], update: [], delete: [], replace: [], 'no-op': [], read: [] };
  // One folder per stack folder given, not per stack id: two syntheses of one stack (two configs) may be planned at once.
  const workDir = path.join(options.runDir, String(options.index), stackId);
  let partial: Pick<StackPlan, 'swaps' | 'notes' | 'declaredResources' | 'providerInstall'> = { swaps: [], notes: [], declaredResources: 0 };
  const result = (error?: string): StackPlan => ({ stackId, ok: !error, error, counts, addresses, timings, workDir, awsCalls: options.stub.callsOf(stackId), ...partial });
  try {
    options.onStep?.(stackId, 'preparing offline copy');
    const copy = prepareOfflineCopy(stackDir, { workDir });
    partial = { swaps: copy.swaps, notes: copy.notes, declaredResources: copy.resourceAddresses.length };
    const env = { ...terraformEnv(options.cliConfig), ...options.stub.environment(stackId) };
    const step = async (name: keyof StackPlan['timings'], args: string[]) => {
      options.onStep?.(stackId, `terraform ${name}`);
      const run = await runBounded(tools.terraform, args, workDir, env, options.timeoutMs ?? 180_000);
      timings[name] = run.ms;
      if (run.timedOut) throw new Error(failure(name, run, ''));
      return run;
    };
    const initArgs = ['init', '-input=false', '-backend=true', '-no-color'];
    const init = await (options.serialInit ? options.serialInit(() => step('init', initArgs)) : step('init', initArgs));
    if (init.code !== 0) return result(failure('init', init, 'Check that the mirror holds every provider the stack requires, at the pinned version.'));
    partial = { ...partial, providerInstall: providerInstall(workDir) };
    const validate = await step('validate', ['validate', '-json', '-no-color']);
    const verdict = parseJson<{ valid?: boolean; diagnostics?: Diagnostic[] }>(validate.stdout);
    if (validate.code !== 0 || !verdict?.valid) {
      const diagnostics = verdict?.diagnostics?.map(describeDiagnostic).join('\n') ?? tail(validate.stderr);
      return result(`terraform validate rejected ${stackId}:\n${diagnostics}\nFix the construct that produces the resource named above.`);
    }
    const plan = await step('plan', ['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan']);
    if (plan.code !== 0) return result(failure('plan', plan, 'Read the error above; it names the resource and argument.'));
    const show = await step('show', ['show', '-json', '-no-color', 'plan.tfplan']);
    const shown = parseJson<{ resource_changes?: { address: string; mode: string; change: { actions: string[] } }[] }>(show.stdout);
    if (show.code !== 0 || !shown) return result(failure('show', show, 'The plan file could not be read back as JSON.'));
    for (const change of shown.resource_changes ?? []) {
      const action = classify(change.change.actions);
      counts[action] += 1;
      addresses[action].push(change.address);
    }
    return result();
  } catch (err) {
    return result(err instanceof Error ? err.message : String(err));
  }
}

function classify(actions: string[]): PlanAction {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const [first] = actions;
  return first === 'create' || first === 'update' || first === 'delete' || first === 'read' ? first : 'no-op';
}

/** Whether init linked the aws provider to the mirror or put a copy of it under .terraform. */
function providerInstall(workDir: string): 'symlink' | 'copy' | undefined {
  const base = path.join(workDir, '.terraform', 'providers', AWS_PROVIDER);
  if (!fs.existsSync(base)) return undefined;
  const [version] = fs.readdirSync(base);
  const target = path.join(base, version, PLATFORM);
  return fs.existsSync(target) && fs.lstatSync(target).isSymbolicLink() ? 'symlink' : 'copy';
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
}

function describeDiagnostic(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename} line ${d.range.start.line})` : '';
  return `  - ${d.severity}: ${d.summary}${where}${d.detail ? `: ${d.detail}` : ''}`;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

function failure(step: string, run: Run, advice: string): string {
  if (run.timedOut) return `terraform ${step} did not finish within its time limit and was stopped after ${(run.ms / 1000).toFixed(1)} s. Raise the limit (npm run plan:offline -- --timeout <seconds>) if the machine is slow.`;
  return `terraform ${step} failed (exit code ${run.code}):\n${tail(run.stderr || run.stdout)}\n${advice}`;
}

function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

const running = new Set<number>();
process.once('exit', () => running.forEach((pid) => killGroup(pid, 'SIGKILL')));

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command in its own process group (terraform starts provider processes) and stops the group on timeout. */
export function runBounded(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000).unref();
    }, timeoutMs);
    const finish = (code: number | null, spawnError?: Error) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `\n${spawnError.message}` : '');
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, ms: Date.now() - started, timedOut });
    };
    child.once('error', (e) => finish(null, e));
    child.once('close', (code) => finish(code));
  });
}
