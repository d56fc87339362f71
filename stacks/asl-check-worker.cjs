'use strict';
/**
 * A worker thread that checks ASL definitions for the synth, so that loading the validator (its bundle's record
 * checked, the bundle loaded, the schema prepared: ~25 ms) happens on the other core while the app loads, instead
 * of in the middle of the synth. run-main.cjs starts it when the definitions' bundle is being built again (a
 * definition likely changed, so one likely has no verdict); main.ts hands it to validateAsl
 * (stacks/asl-check-service.ts `aslChecksInWorker`), which sends each definition that has no verdict and waits for
 * the answer. Whatever goes wrong here, the definition is checked in the synth's own thread, as without the worker.
 *
 * Plain CommonJS: it starts before any TypeScript is compiled. The worker compiles and loads
 * stacks/asl-check-service.ts itself, the way every command starts (run.cjs: bundled once, reused while its inputs
 * are unchanged).
 */
const path = require('node:path');
const { MessageChannel, Worker, isMainThread, workerData } = require('node:worker_threads');

/** Where the started worker is kept for this process; stacks/asl-check-service.ts reads the same key. */
const REGISTRY = Symbol.for('sfn-examples.asl-check-worker');
const ROLE = 'asl-check';
const SERVICE = 'stacks/asl-check-service.ts';

/**
 * Starts the worker, once per process, and keeps it under REGISTRY: `signal[0]` counts the answers (and a failure),
 * `signal[1]` is 1 once the worker cannot answer. It never keeps the process alive.
 */
function startAslCheckWorker() {
  if (globalThis[REGISTRY]) return globalThis[REGISTRY];
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  // A worker does not inherit the compile cache of the thread that starts it (local/worker-compile-cache.ts).
  const cacheDir = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : require('node:module').getCompileCacheDir?.();
  const worker = new Worker(__filename, { workerData: { role: ROLE, port: port2, signal, root: path.dirname(__dirname), cacheDir }, transferList: [port2] });
  worker.unref();
  port1.unref();
  // What the worker throws it reports through `signal` (below); the synth then checks in its own thread.
  worker.on('error', () => undefined);
  globalThis[REGISTRY] = { worker, port: port1, signal };
  return globalThis[REGISTRY];
}

/** The worker's side: the service compiled and loaded, then serving; a failure marked in `signal` and woken. */
function serve() {
  const { port, signal, root, cacheDir } = workerData;
  let serving = false;
  const failed = () => {
    if (Atomics.load(signal, 1) === 1) return;
    Atomics.store(signal, 1, 1);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  // run.cjs ends a thread whose code does not compile with process.exit: in a worker that ends the worker alone.
  process.on('exit', () => serving || failed());
  try {
    if (cacheDir) require('node:module').enableCompileCache?.(cacheDir);
    require(path.join(root, 'run.cjs'))
      .compiled(SERVICE, 'The ASL check worker stopped')
      .then((file) => {
        require(file).serveAslChecks(port, signal);
        serving = true;
      })
      .catch(failed);
  } catch {
    failed();
  }
}

if (!isMainThread && workerData?.role === ROLE) serve();

module.exports = { startAslCheckWorker };
