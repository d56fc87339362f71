import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A git problem the user can act on; the CLI prints its message and exits 2. */
export class GitError extends Error {}

/** Runs git in `cwd` and returns its trimmed stdout; throws a GitError that quotes git's own message. */
export function git(cwd: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new GitError(`Could not run git (${result.error.message}); install git and put it on PATH.`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/** The commit to compare against, and how to name it in the report. */
export interface BaseCommit {
  readonly sha: string;
  readonly label: string;
}

/**
 * The commit named by `ref`; without one, the merge base of HEAD with `main` (or `origin/main`), or HEAD itself
 * on main, in a detached HEAD, or when there is no main: then the diff shows the uncommitted work.
 */
export function resolveBase(cwd: string, ref?: string): BaseCommit {
  inRepository(cwd);
  if (ref !== undefined) {
    const sha = commitOf(cwd, ref);
    if (!sha) {
      throw new GitError(
        `'${ref}' is not a commit in this repository. Name a branch, tag or commit that exists here ` +
          `(for a remote branch, fetch it first: git fetch origin ${ref.replace(/^origin\//, '')}).`,
      );
    }
    return { sha, label: sha.startsWith(ref.toLowerCase()) ? sha.slice(0, 7) : `${ref} (${sha.slice(0, 7)})` };
  }
  const head = commitOf(cwd, 'HEAD');
  if (!head) throw new GitError('This repository has no commit yet, so there is nothing to compare against; commit once, then run the diff.');
  const branch = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const main = ['main', 'origin/main'].find((candidate) => commitOf(cwd, candidate) !== undefined);
  if (branch === 'main' || branch === 'HEAD' || main === undefined) {
    return { sha: head, label: `HEAD (${head.slice(0, 7)})` };
  }
  const base = git(cwd, ['merge-base', 'HEAD', main]);
  return { sha: base, label: `merge base with ${main} (${base.slice(0, 7)})` };
}

function inRepository(cwd: string): void {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new GitError(`${cwd} is not in a git repository (or git is not installed); the diff compares against a git commit.`);
  }
}

function commitOf(cwd: string, ref: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Checks `sha` out into a temporary `git worktree`, links the project's node_modules into it, and calls `use`
 * with the project folder inside the worktree. The worktree is removed afterwards, also when `use` throws or the
 * process is interrupted.
 */
export async function withWorktree<T>(projectRoot: string, sha: string, use: (projectDir: string) => Promise<T>): Promise<T> {
  const top = git(projectRoot, ['rev-parse', '--show-toplevel']);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-diff-'));
  const tree = path.join(tmp, 'tree');
  let removed = false;
  const cleanUp = () => {
    if (removed) return;
    removed = true;
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: top });
    fs.rmSync(tmp, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: top });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    git(top, ['worktree', 'add', '--detach', '--quiet', tree, sha]);
    // The project may sit in a subfolder of the repository; use the same subfolder of the worktree.
    const projectDir = path.join(tree, path.relative(fs.realpathSync(top), fs.realpathSync(projectRoot)));
    const modules = path.join(projectDir, 'node_modules');
    if (fs.existsSync(projectDir) && !fs.existsSync(modules)) fs.symlinkSync(path.join(projectRoot, 'node_modules'), modules, 'dir');
    return await use(projectDir);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    cleanUp();
  }
}

/**
 * Copies the working tree (tracked and untracked files, uncommitted changes included, ignored files left out)
 * into a temporary folder, links node_modules, and calls `use` with it; the copy is removed afterwards. Synthesizing
 * the copy cannot collide with another synth in the project (they share .build/) and writes nothing there.
 */
export async function withWorkingCopy<T>(projectRoot: string, use: (projectDir: string) => Promise<T>): Promise<T> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-diff-copy-'));
  try {
    copyWorkingTree(projectRoot, tmp);
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    return await use(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copies the working tree's files (tracked and untracked, uncommitted changes included, ignored files left out) into `dest`. */
export function copyWorkingTree(projectRoot: string, dest: string): void {
  const listed = git(projectRoot, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  for (const file of new Set(listed.split('\0').filter((f) => f !== ''))) {
    const from = path.join(projectRoot, file);
    if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue; // deleted, a submodule, or the node_modules link
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, file));
  }
}
