import * as Module from 'node:module';

/**
 * Where a worker thread of the runner (a function's environment, the S3 emulator) keeps V8's code cache of what it
 * loads, or undefined when it should keep none. A worker does not inherit the compile cache of the thread that
 * starts it (Node.js docs, `module.enableCompileCache`), and a function's environment gets the function's own
 * variables, not NODE_COMPILE_CACHE, so the starting thread names the folder: its own when it has one (a command
 * started through run.cjs), '' for Node's default (under the OS's temporary folder) otherwise. It changes how fast
 * a bundle and the SDK load in a new environment (a cold start), nothing they do. NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off here too.
 */
export function workerCompileCacheDir(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const getDir = (Module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir;
  if (typeof getDir !== 'function') return undefined;
  return getDir() ?? '';
}
