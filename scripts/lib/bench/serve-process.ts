import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { synthesizeApp } from '../../../stacks/app';
import { parseConfig } from '../../../stacks/config';
import { launched, PROJECT_ROOT } from '../project';
import { freePort } from '../free-port';

/**
 * `npm run local -- skip-the-line --serve` as a child process, as users run it (node run.cjs scripts/local.ts,
 * what the npm script runs, without npm in between), on free ports, with or without a --data-dir; its banner read
 * for the endpoints it prints.
 */

/** The app synthesized with the default configuration into a temporary folder, and the environment that names that configuration. */
export interface BenchSynth {
  readonly outdir: string;
  readonly env: Record<string, string>;
  readonly remove: () => void;
}

export function synthDefaultApp(): BenchSynth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-serve-'));
  const configFile = `${outdir}.config.json`;
  fs.writeFileSync(configFile, '{}\n');
  synthesizeApp(parseConfig({}, 'bench config', {}), { outdir });
  return {
    outdir,
    // The same configuration for the child's check that the synth is current; no region override.
    env: { SFN_CONFIG: configFile, AWS_REGION: '' },
    remove: () => {
      fs.rmSync(outdir, { recursive: true, force: true });
      fs.rmSync(configFile, { force: true });
    },
  };
}

export interface ServedEndpoints {
  /** The order API's base URL (`http://127.0.0.1:<port>/<stage>`). */
  readonly apiUrl: string;
  readonly edgeUrl: string;
  readonly region: string;
  readonly stateMachineArn: string;
}

export interface ServeProcess extends ServedEndpoints {
  /** The serving process (its worker threads, the functions' environments, are part of it). */
  readonly pid: number;
  /** What it wrote to stderr so far (up to 100,000 characters). */
  readonly stderr: () => string;
  /** Ctrl+C (SIGINT), then SIGKILL if it has not ended after 30 s (it lets what is in flight end first); answers its exit code. */
  readonly stop: () => Promise<number | null>;
}


/** The endpoints the banner of `--serve` prints, or a sentence on what it lacks. */
export function parseServeBanner(stdout: string): ServedEndpoints {
  const apiUrl = /^▶ skip-the-line: REST API .*, on (http:\/\/\S+)$/m.exec(stdout)?.[1];
  const edgeUrl = /^▶ One AWS endpoint for .* on (http:\/\/\S+)$/m.exec(stdout)?.[1];
  const region = /^ {4}export AWS_REGION=(\S+)$/m.exec(stdout)?.[1];
  const stateMachineArn = /^ {4}(arn:aws:states:[^:]+:\d+:stateMachine:\S+)$/m.exec(stdout)?.[1];
  if (!apiUrl || !edgeUrl || !region || !stateMachineArn) {
    throw new Error(`the banner of --serve lacks ${[!apiUrl && 'the REST API URL', !edgeUrl && 'the edge URL', !region && 'AWS_REGION', !stateMachineArn && 'a state machine ARN'].filter(Boolean).join(', ')}:\n${stdout.slice(0, 2000)}`);
  }
  return { apiUrl, edgeUrl, region, stateMachineArn };
}

export interface StartServeOptions {
  readonly dataDir?: string;
  /** Write a V8 CPU profile of the serving process into this folder when it stops. */
  readonly cpuProfDir?: string;
  /** `--iam` of the served child. @default its own default (enforce) */
  readonly iam?: 'off' | 'warn' | 'enforce';
}

/** Starts the server and waits (up to 60 s) for its banner. */
export async function startServe(synth: BenchSynth, options: StartServeOptions = {}): Promise<ServeProcess> {
  const [apiPort, edgePort] = [await freePort(), await freePort()];
  const nodeArgs = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  // The stage's throttle (10 a second) would answer most of the load 429: the bench measures the runner, not the API's limits.
  const args = ['skip-the-line', '--serve', '--api-throttling', 'off', '--out', synth.outdir, '--port', String(apiPort), '--edge-port', String(edgePort), ...(options.dataDir ? ['--data-dir', options.dataDir] : []), ...(options.iam ? ['--iam', options.iam] : [])];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...launched('scripts/local.ts', args)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...synth.env, CHECKPOINT_DISABLE: '1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The access log (a line per request) is read and dropped, as a terminal would show it; only the banner is kept.
  let banner = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (banner.length < 100_000) banner += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 100_000) stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGINT');
    const code = await Promise.race([exited, sleep(30_000, 'timeout' as const, { ref: false })]);
    if (code !== 'timeout') return code;
    child.kill('SIGKILL');
    return exited;
  };
  for (let i = 0; i < 600 && !banner.includes('Press Ctrl+C') && child.exitCode === null; i++) await sleep(100);
  if (!banner.includes('Press Ctrl+C')) {
    await stop();
    throw new Error(`npm run local -- ${args.join(' ')} did not come up:\n${(stderr || banner).trim().slice(-2000)}`);
  }
  return { ...parseServeBanner(banner), pid: child.pid!, stderr: () => stderr, stop };
}
