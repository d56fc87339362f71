import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startAwsPlanStub, type AwsPlanStub } from './aws-plan-stub';
import { prepareOfflineCopy, type ArchiveStandIn } from './offline-copy';
import { AWS_PROVIDER, PLATFORM, terraformEnv, writeCliConfig, type OfflineTools } from './terraform-tools';

export { prepareOfflineCopy, swapArchiveFiles, type ArchiveStandIn, type OfflineCopy } from './offline-copy';
export {
  findOfflineTools,
  findProviderMirror,
  mirrorCandidates,
  terraformEnv,
  writeCliConfig,
  type OfflineTools,
  type ProviderMirror,
  type ToolCheck,
} from './terraform-tools';

/**
 * Runs `terraform init` and `terraform plan` on synthesized stacks with no network: providers come from a local
 * filesystem mirror through a CLI config written to a temp folder (never the user's ~/.terraformrc), and each
 * stack is planned in a rewritten temporary copy (see offline-copy.ts). Every terraform call has a time limit.
 *
 * There is no separate `terraform validate`: plan validates the configuration first (the same checks, the same
 * diagnostics), and with `-json` it streams them, and each planned change, as one JSON message a line
 * (Terraform's "Machine-readable UI"), so neither a validate run nor a `show -json` of a plan file is needed:
 * two terraform calls, each loading the aws provider's schema once (~3 s), instead of four.
 */

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
  readonly timings: Partial<Record<'init' | 'plan', number>>;
  /**
   * How many stacks the terraform run that planned this one held: all of them planned as modules of one root (one
   * init, one provider schema load; the timings and AWS calls are the whole run's), or 1 when planned alone.
   */
  readonly plannedWith: number;
  /** How init installed the aws provider: `symlink` to the mirror or `copy`. */
  readonly providerInstall?: 'symlink' | 'copy';
  readonly workDir: string;
  /** The AWS calls the plan made, all answered by the local stub (e.g. `sfn:ValidateStateMachineDefinition (OK)`). */
  readonly awsCalls: readonly string[];
}

export interface PlanOptions {
  /** Limit per terraform call. @default 180_000 */
  readonly timeoutMs?: number;
  /** Stacks planned at the same time when each is planned alone (each runs its own provider process). @default 2 */
  readonly concurrency?: number;
  /**
   * `together`: every stack is a module of one root, planned in one terraform run (init and plan once: the
   * provider's schema, ~3 s per terraform call, is loaded twice in all instead of twice per stack); when that run
   * fails, each stack is planned alone, so that the failure is told of the stack it is in.
   * `alone`: each stack in its own run from the start.
   * @default 'together'
   */
  readonly mode?: 'together' | 'alone';
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
  // Terraform's plugin cache is not safe for concurrent inits; only a packed mirror uses it.
  let initQueue: Promise<unknown> = Promise.resolve();
  const serialInit = <T>(run: () => Promise<T>): Promise<T> => {
    const queued = initQueue.then(run);
    initQueue = queued.catch(() => undefined);
    return queued;
  };
  const context = { ...options, cliConfig, stub, runDir, serialInit: tools.mirror.layout === 'packed' ? serialInit : undefined };
  try {
    if ((options.mode ?? 'together') === 'together' && stackDirs.length > 1) {
      const together = await planTogether(stackDirs, tools, context);
      if (together.every((r) => r.ok)) return together;
      options.onStep?.('all', `planning the stacks together failed (${together.find((r) => !r.ok)?.error?.split('\n')[0]}); planning each alone to tell which`);
    }
    return await planEachAlone(stackDirs, tools, context);
  } finally {
    await stub.close();
    if (!options.keep) fs.rmSync(runDir, { recursive: true, force: true });
  }
}

type PlanContext = PlanOptions & { cliConfig: string; stub: AwsPlanStub; runDir: string; serialInit?: <T>(run: () => Promise<T>) => Promise<T> };

async function planEachAlone(stackDirs: readonly string[], tools: OfflineTools, context: PlanContext): Promise<StackPlan[]> {
  const results: StackPlan[] = new Array<StackPlan>(stackDirs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < stackDirs.length; i = next++) {
      results[i] = await planOneStack(stackDirs[i], tools, { ...context, index: i });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, context.concurrency ?? 2) }, worker));
  return results;
}

const EMPTY_COUNTS = (): Record<PlanAction, number> => ({ create: 0, update: 0, delete: 0, replace: 0, 'no-op': 0, read: 0 });

type Timings = StackPlan['timings'];
type ResourceChange = { address: string; action: PlanAction };

/** The messages of `terraform plan -json` read here (Terraform's "Machine-readable UI"). */
interface PlanMessage {
  readonly type: string;
  readonly '@level'?: string;
  /** type `diagnostic`: the same object `terraform validate -json` lists. */
  readonly diagnostic?: Diagnostic;
  /** type `planned_change`. */
  readonly change?: { readonly resource: { readonly addr: string }; readonly action: string };
}

/**
 * init, then plan (which validates first) in `workDir` (a root module): the plan's resource changes, or a sentence
 * saying which step failed and why. `label` names what is planned in the error and the progress lines.
 */
async function runPlanSteps(
  label: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
  tools: OfflineTools,
  context: PlanContext,
  timings: Timings,
): Promise<{ changes: ResourceChange[]; providerInstall?: 'symlink' | 'copy' } | { error: string }> {
  const step = async (name: keyof Timings, args: string[]) => {
    context.onStep?.(label, `terraform ${name}`);
    const run = await runBounded(tools.terraform, args, workDir, env, context.timeoutMs ?? 180_000);
    timings[name] = run.ms;
    if (run.timedOut) throw new Error(failure(name, run, ''));
    return run;
  };
  const initArgs = ['init', '-input=false', '-backend=true', '-no-color'];
  const init = await (context.serialInit ? context.serialInit(() => step('init', initArgs)) : step('init', initArgs));
  if (init.code !== 0) return { error: failure('init', init, 'Check that the mirror holds every provider the stack requires, at the pinned version.') };
  const plan = await step('plan', ['plan', '-input=false', '-lock=false', '-no-color', '-json']);
  const messages = plan.stdout.split('\n').flatMap((line) => parseJson<PlanMessage>(line) ?? []);
  const errors = messages.flatMap((m) => (m.type === 'diagnostic' && m['@level'] === 'error' && m.diagnostic ? [m.diagnostic] : []));
  if (errors.length > 0) return { error: `terraform plan rejected ${label}:\n${errors.map(describeDiagnostic).join('\n')}\nFix the construct that produces the resource named above.` };
  if (plan.code !== 0) return { error: failure('plan', plan, 'Read the error above; it names the resource and argument.') };
  const changes = messages.flatMap((m) => (m.type === 'planned_change' && m.change ? [{ address: m.change.resource.addr, action: classify(m.change.action) }] : []));
  return { changes, providerInstall: providerInstall(workDir) };
}

function tally(changes: readonly ResourceChange[]): Pick<StackPlan, 'counts' | 'addresses'> {
  const counts = EMPTY_COUNTS();
  const addresses: Record<PlanAction, string[]> = { create: [], update: [], delete: [], replace: [], 'no-op': [], read: [] };
  for (const { address, action } of changes) {
    counts[action] += 1;
    addresses[action].push(address);
  }
  return { counts, addresses };
}

async function planOneStack(stackDir: string, tools: OfflineTools, context: PlanContext & { index: number }): Promise<StackPlan> {
  const stackId = path.basename(stackDir);
  const timings: Timings = {};
  // One folder per stack folder given, not per stack id: two syntheses of one stack (two configs) may be planned at once.
  const workDir = path.join(context.runDir, String(context.index), stackId);
  let partial: Pick<StackPlan, 'swaps' | 'notes' | 'declaredResources' | 'providerInstall'> & Partial<Pick<StackPlan, 'counts' | 'addresses'>> = { swaps: [], notes: [], declaredResources: 0 };
  const result = (error?: string): StackPlan => ({ stackId, ok: !error, error, ...tally([]), timings, workDir, plannedWith: 1, awsCalls: context.stub.callsOf(stackId), ...partial });
  try {
    context.onStep?.(stackId, 'preparing offline copy');
    const copy = prepareOfflineCopy(stackDir, { workDir });
    partial = { swaps: copy.swaps, notes: copy.notes, declaredResources: copy.resourceAddresses.length };
    const env = { ...terraformEnv(context.cliConfig), ...context.stub.environment(stackId) };
    const run = await runPlanSteps(stackId, workDir, env, tools, context, timings);
    if ('error' in run) return result(run.error);
    partial = { ...partial, ...tally(run.changes), providerInstall: run.providerInstall };
    return result();
  } catch (err) {
    return result(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Every stack as a module of one root (`<runDir>/together`), planned in one terraform run; each stack's result is
 * its module's share of the plan, addresses without the `module.<name>.` prefix. The timings and AWS calls are the
 * whole run's. A stack whose copy cannot be made fails alone; a failed run fails every stack (the caller then
 * plans each alone).
 */
async function planTogether(stackDirs: readonly string[], tools: OfflineTools, context: PlanContext): Promise<StackPlan[]> {
  const root = path.join(context.runDir, 'together');
  const caller = 'together';
  const timings: Timings = {};
  const modules = stackDirs.map((dir, i) => ({ dir, stackId: path.basename(dir), name: `s${i}-${path.basename(dir)}`, folder: path.join(String(i), path.basename(dir)) }));
  const result = (m: (typeof modules)[number], fields: Partial<StackPlan>): StackPlan => ({
    stackId: m.stackId,
    ok: !fields.error,
    ...tally([]),
    swaps: [],
    notes: [],
    declaredResources: 0,
    timings,
    workDir: path.join(root, m.folder),
    plannedWith: modules.length,
    awsCalls: context.stub.callsOf(caller),
    ...fields,
  });
  const copies = modules.map((m) => {
    context.onStep?.(m.stackId, 'preparing offline copy');
    try {
      return { ok: true as const, copy: prepareOfflineCopy(m.dir, { workDir: path.join(root, m.folder), asModule: true }) };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  });
  const unprepared = copies.find((c) => !c.ok);
  if (unprepared && !unprepared.ok) return modules.map((m, i) => result(m, { error: copies[i].ok ? `not planned: another stack's offline copy failed (${unprepared.error})` : unprepared.error }));
  const moduleBlocks = Object.fromEntries(modules.map((m) => [m.name, { source: `./${m.folder.split(path.sep).join('/')}` }]));
  fs.writeFileSync(path.join(root, 'main.tf.json'), `${JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } }, module: moduleBlocks }, null, 2)}\n`);
  let run: Awaited<ReturnType<typeof runPlanSteps>>;
  try {
    run = await runPlanSteps(`${modules.length} stacks together`, root, { ...terraformEnv(context.cliConfig), ...context.stub.environment(caller) }, tools, context, timings);
  } catch (err) {
    run = { error: err instanceof Error ? err.message : String(err) };
  }
  return modules.map((m, i) => {
    const copy = copies[i].ok ? copies[i].copy : undefined;
    const fields = { swaps: copy?.swaps ?? [], notes: copy?.notes ?? [], declaredResources: copy?.resourceAddresses.length ?? 0 };
    if ('error' in run) return result(m, { ...fields, error: run.error });
    const prefix = `module.${m.name}.`;
    const own = run.changes.filter((c) => c.address.startsWith(prefix)).map((c) => ({ ...c, address: c.address.slice(prefix.length) }));
    return result(m, { ...fields, ...tally(own), providerInstall: run.providerInstall });
  });
}

/** A planned_change's action (`create`, `update`, `delete`, `replace`, `read`, `noop`, `move`, `remove`, `import`). */
function classify(action: string): PlanAction {
  return action === 'create' || action === 'update' || action === 'delete' || action === 'replace' || action === 'read' ? action : 'no-op';
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
