import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { aslProblems, useLanguageServiceModules, type AslChecker, type AslValidatorError } from '../definitions/validate';
import { bundledLanguageServiceModules } from './asl-language-service';

/**
 * ASL checks in a worker thread (started by stacks/asl-check-worker.cjs): the worker's side (serveAslChecks) and the
 * synth's (aslChecksInWorker). validateAsl runs synchronously inside the synth, so the synth sends a definition and
 * blocks until the answer (Atomics.wait on a shared counter, then the answer taken off the port with
 * receiveMessageOnPort); what it gains is the validator already loaded on the other core. The answer is
 * aslProblems's, computed by the same code from the same sources.
 */

/** The key stacks/asl-check-worker.cjs keeps its started worker under (the same Symbol.for name). */
const REGISTRY = Symbol.for('sfn-examples.asl-check-worker');

export interface StartedWorker {
  readonly worker: { terminate(): Promise<number> };
  readonly port: MessagePort;
  /** [answers so far (a failure counts one), 1 once the worker cannot answer]. */
  readonly signal: Int32Array;
}

type Reply = { readonly errors: AslValidatorError[] } | { readonly failed: string };

/** A definition using each query language: checking it loads what a real check needs (the validator, jsonata). */
const WARM_UP = [
  { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
  { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input %}', End: true } } },
];

/** In the worker: loads the validator now, then answers each definition sent on `port` and wakes the waiting thread. */
export function serveAslChecks(port: MessagePort, signal: Int32Array): void {
  useLanguageServiceModules(bundledLanguageServiceModules());
  for (const definition of WARM_UP) aslProblems(definition);
  port.on('message', (definition: unknown) => {
    let reply: Reply;
    try {
      reply = { errors: aslProblems(definition) };
    } catch (err) {
      // The synth checks it in its own thread, where the same error is thrown where it belongs.
      reply = { failed: String(err) };
    }
    port.postMessage(reply);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/** The worker stacks/asl-check-worker.cjs started in this process, if any. */
export function startedAslCheckWorker(): StartedWorker | undefined {
  return (globalThis as { [REGISTRY]?: StartedWorker })[REGISTRY];
}

/**
 * For useAslChecker (main.ts): checks in the worker this process started (`started`), or undefined when it started
 * none. Each check waits at most `timeoutMs`; after a timeout or a failure the checker answers undefined from then
 * on (validateAsl then checks in its own thread; SFN_DEBUG=1 says why) and the worker is stopped.
 */
export function aslChecksInWorker(started: StartedWorker | undefined = startedAslCheckWorker(), timeoutMs = 30_000): AslChecker | undefined {
  if (!started) return undefined;
  const { port, signal, worker } = started;
  let usable = true;
  const giveUp = (why: string) => {
    usable = false;
    void worker.terminate();
    if (process.env.SFN_DEBUG) console.error(`ASL checks run in the synth's own thread: the check worker ${why}.`);
    return undefined;
  };
  return (definition) => {
    if (!usable) return undefined;
    const seen = Atomics.load(signal, 0);
    // Read after the count: a failure marks this before it counts, so one counted in `seen` is seen here.
    if (Atomics.load(signal, 1) === 1) return giveUp('could not start');
    port.postMessage(definition);
    if (Atomics.wait(signal, 0, seen, timeoutMs) === 'timed-out') return giveUp(`did not answer within ${timeoutMs / 1000} s`);
    const reply = receiveMessageOnPort(port)?.message as Reply | undefined;
    if (reply && 'errors' in reply) return reply.errors;
    return giveUp(reply ? `failed (${reply.failed})` : 'stopped');
  };
}
