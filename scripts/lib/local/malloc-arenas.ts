import { launched } from '../project';

/** The arenas glibc's malloc keeps for a `--serve` process (Linux). */
export const SERVE_MALLOC_ARENAS = '2';

/**
 * A server runs for hours and allocates from many threads (the functions' environments, the S3 worker, libuv's and
 * V8's own). glibc gives threads their own malloc arenas, up to eight per core, and memory freed in one is rarely
 * handed back to the system, so the resident memory of `--serve` grew with every order served: 215 → 252 MiB at
 * rest over 10,000 orders, against ~215 MiB flat with two arenas at the same throughput (docs/BENCHMARKS.md).
 * glibc reads MALLOC_ARENA_MAX once, when a process starts, so `--serve` starts itself again with it set, as the same
 * process (`process.execve`: the same PID, so Ctrl+C, a kill and whoever waits on it see one process). Nothing is
 * done elsewhere than Linux, in a worker thread, or when MALLOC_ARENA_MAX is already set (a value of the user's is
 * kept); call it before anything starts a thread or prints. Answers only when nothing was done.
 */
export function restartWithFewerMallocArenas(argv: readonly string[], file = 'scripts/local.ts'): void {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined || typeof process.execve !== 'function') return;
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...launched(file, argv)], { ...process.env, MALLOC_ARENA_MAX: SERVE_MALLOC_ARENAS });
}
