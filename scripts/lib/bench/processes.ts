import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleTreePeak } from './process-tree';

/** One timed run of a command. */
export interface TimedRun {
  readonly wallMs: number;
  /** Peak resident memory of the largest process in the run's tree (KiB), when it could be measured. */
  readonly peakRssKb?: number;
  /** Peak resident memory of the whole process tree together (KiB), with `treeMemory` (process-tree.ts). */
  readonly peakTreeRssKb?: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Measure peak memory: GNU time when present, else (node commands only) a preload that reports maxRSS. */
  readonly memory?: boolean;
  /** Sample the resident memory of the command's whole process tree instead (started directly, without GNU time). */
  readonly treeMemory?: boolean;
}

const GNU_TIME = '/usr/bin/time';
const MAX_CAPTURE = 1_000_000;

/** How peak memory is measured on this machine, in words (for the report). */
export function memoryMethod(): string {
  return hasGnuTime()
    ? '`/usr/bin/time` (GNU) maximum resident set size: the largest single process of the run'
    : '`process.resourceUsage().maxRSS` reported by the node process itself (GNU time not found)';
}

let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    try {
      gnuTime = fs.statSync(GNU_TIME).isFile();
    } catch {
      gnuTime = false;
    }
  }
  return gnuTime;
}

/** Runs `command args` to its end (stopped after `timeoutMs`) and answers its wall time, output and exit code. */
export function runTimed(command: string, args: readonly string[], options: RunOptions): Promise<TimedRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-run-'));
  const rssFile = path.join(scratch, 'rss');
  let argv = [command, ...args];
  const env = { ...process.env, ...options.env };
  // With treeMemory the command is started as it is: the sampler watches its own tree.
  const wrapped = options.memory && !options.treeMemory;
  if (wrapped && hasGnuTime()) {
    argv = [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv];
  } else if (wrapped && command === process.execPath) {
    const preload = path.join(scratch, 'rss.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    argv = [command, '--require', preload, ...args];
  }
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tree = options.treeMemory && child.pid !== undefined ? sampleTreePeak(child.pid) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_CAPTURE) stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${options.timeoutMs / 1000} s)`;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const peakTreeRssKb = tree?.stop();
      let peakRssKb: number | undefined;
      try {
        const text = fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '';
        if (/^\d+$/.test(text)) peakRssKb = Number(text);
      } catch {
        // not measured
      }
      fs.rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, code, stdout, stderr, ...(peakRssKb !== undefined && { peakRssKb }), ...(peakTreeRssKb !== undefined && { peakTreeRssKb }) });
    };
    child.on('error', (err) => {
      stderr += err.message;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

/** Runs a command `runs` times after `warmups` unmeasured runs; stops at the first failure with its output. */
export async function repeat(
  label: string,
  command: string,
  args: readonly string[],
  options: RunOptions & { readonly runs: number; readonly warmups: number },
): Promise<TimedRun[]> {
  const results: TimedRun[] = [];
  for (let i = 0; i < options.warmups + options.runs; i++) {
    const run = await runTimed(command, args, options);
    if (run.code !== 0) throw new Error(`${label} failed (exit ${run.code}):\n${(run.stderr || run.stdout).trim().slice(-2000)}`);
    if (i >= options.warmups) results.push(run);
  }
  return results;
}

/** `2 × AMD EPYC, 23.5 GiB, Linux 6.1, Node v22.23.3`. */
export function machineDescription(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus.length} × ${model}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}
