import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../diff/git';
import type { SourceFile } from './checklist';

/** The effectful parts of the CDK Terrain checklist: child processes, the npm registry, the project's files. */

export interface RunResult {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

/** Runs a command to its end (bounded by `timeoutMs`), collecting stdout and stderr together. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', (err) => (clearTimeout(timer), reject(err)));
    child.on('close', (code) => (clearTimeout(timer), resolve({ code: code ?? 1, output, timedOut })));
  });
}

/** The last lines of a command's output, for a reason. */
export function tail(output: string, lines = 8): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '') // eslint-disable-line no-control-regex
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .join(' | ');
}

/** What the registry says of one package version (`npm view <name>[@<range>] version engines peerDependencies`). */
export interface RegistryFacts {
  readonly name: string;
  readonly version: string;
  readonly engines?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The newest version of `name` (within `range`, when given), from the npm registry through npm itself. */
export async function viewPackage(name: string, range?: string): Promise<RegistryFacts> {
  const spec = range === undefined ? name : `${name}@${range}`;
  const result = await run('npm', ['view', spec, 'version', 'engines', 'peerDependencies', '--json'], { cwd: process.cwd(), timeoutMs: 120_000 });
  if (result.code !== 0 || result.output.trim() === '') {
    throw new Error(`npm view ${spec} failed${result.timedOut ? ' (timed out)' : ''}: ${tail(result.output, 3) || 'no such package or version'}`);
  }
  // With a range, npm answers one object per matching version, oldest first: the newest is the last.
  // A field the versions lack is left out, so that an answer can be a bare version string.
  const parsed = JSON.parse(result.output) as RegistryFacts | string | (RegistryFacts | string)[];
  const newest = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
  const facts: Partial<RegistryFacts> = typeof newest === 'string' ? { version: newest } : newest;
  if (typeof facts.version !== 'string') throw new Error(`npm view ${spec} answered no version.`);
  return { name, version: facts.version, ...(facts.engines && { engines: facts.engines }), ...(facts.peerDependencies && { peerDependencies: facts.peerDependencies }) };
}

/**
 * The project's TypeScript and JavaScript files that git knows of (tracked or untracked, not ignored), read from
 * `root`; `listedBy` is the git working tree that lists them (the project, for a copy of it that has no .git).
 */
export function projectSources(root: string, listedBy = root): SourceFile[] {
  const listed = git(listedBy, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(listed.split('\0'))]
    .filter((file) => /\.(ts|tsx|cjs|mjs|js)$/.test(file))
    .filter((file) => fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).isFile())
    .sort()
    .map((file) => ({ path: file.split(path.sep).join('/'), text: fs.readFileSync(path.join(root, file), 'utf8') }));
}

/** The hashicorp provider version a prebuilt CDKTF/CDK Terrain provider package was generated from (`5.100.0`). */
export function prebuiltProviderVersion(packageDir: string): string | undefined {
  const file = path.join(packageDir, 'lib', 'provider', 'index.js');
  if (!fs.existsSync(file)) return undefined;
  return /providerVersion:\s*['"]([^'"]+)['"]/.exec(fs.readFileSync(file, 'utf8'))?.[1];
}
