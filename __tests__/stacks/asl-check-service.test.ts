/**
 * ASL checks in a worker thread (stacks/asl-check-worker.cjs starts it, stacks/asl-check-service.ts serves and asks):
 * the synth's validateAsl sends a definition without a verdict and blocks until the answer. The worker must answer
 * what aslProblems answers in the synth's own thread, and every way it can fail must hand the check back to that
 * thread (undefined) instead of hanging or answering wrongly.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { aslProblems, useAslChecker, validateAsl } from '../../definitions/validate';
import { readCorpus } from '../../scripts/lib/asl/corpus';
import { aslChecksInWorker, startedAslCheckWorker, type StartedWorker } from '../../stacks/asl-check-service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startAslCheckWorker } = require('../../stacks/asl-check-worker.cjs') as { startAslCheckWorker(): StartedWorker };

const stopped: Worker[] = [];
afterAll(async () => {
  useAslChecker(undefined);
  await startedAslCheckWorker()?.worker.terminate();
  await Promise.all(stopped.map((w) => w.terminate()));
});

/** A stand-in for a started worker: `respond` (code run in a real worker thread with `port` and `signal`), or nobody answering. */
function standIn(respond?: string): StartedWorker & { terminated: () => number } {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(8));
  let terminated = 0;
  if (respond) {
    const worker = new Worker(`const { workerData: { port, signal } } = require('node:worker_threads');\n${respond}`, { eval: true, workerData: { port: port2, signal }, transferList: [port2] });
    worker.unref();
    stopped.push(worker);
  }
  return {
    port: port1,
    signal,
    worker: { terminate: async () => ((terminated += 1), 0) },
    terminated: () => terminated,
  };
}

const BROKEN = { StartAt: 'Nowhere', States: { A: { Type: 'Pass', End: true } } };

test('without a started worker there is no checker: validateAsl checks in its own thread', () => {
  expect(aslChecksInWorker(undefined)).toBeUndefined();
});

test('the worker answers every corpus case with the errors aslProblems gives in this thread; one worker per process', () => {
  const started = startAslCheckWorker();
  expect(startAslCheckWorker()).toBe(started);
  expect(startedAslCheckWorker()).toBe(started);
  const check = aslChecksInWorker();
  expect(check).toBeDefined();
  const cases = readCorpus();
  expect(cases.length).toBeGreaterThan(100);
  const inWorker = cases.map((c) => check!(c.definition));
  // toEqual: what comes off a port is built in Node's own realm, not in the test's (jest runs tests in a vm context).
  expect(inWorker).toEqual(cases.map((c) => aslProblems(c.definition)));
  // Both kinds of answer came back: the corpus's invalid cases and its valid ones.
  expect(inWorker.filter((errors) => errors!.length > 0).length).toBeGreaterThan(50);
  expect(inWorker.filter((errors) => errors!.length === 0).length).toBeGreaterThan(20);
});

test('validateAsl takes the checker’s answer, and checks in its own thread when the checker answers undefined', () => {
  const here = validateAsl(BROKEN);
  expect(here.map((e) => e['Error code'])).toContain('MISSING_TRANSITION_TARGET');
  try {
    useAslChecker(() => [{ 'Error code': 'FROM_THE_CHECKER', Message: 'answered elsewhere' }]);
    expect(validateAsl(BROKEN)).toStrictEqual([{ 'Error code': 'FROM_THE_CHECKER', Message: 'answered elsewhere' }]);
    useAslChecker(() => undefined);
    expect(validateAsl(BROKEN)).toStrictEqual(here);
  } finally {
    useAslChecker(undefined);
  }
});

/** What the checker said (with SFN_DEBUG=1) when it handed checks back to the synth's thread. */
function saying<T>(work: () => T): { result: T; said: string[] } {
  const said: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
  const debug = process.env.SFN_DEBUG;
  process.env.SFN_DEBUG = '1';
  try {
    return { result: work(), said };
  } finally {
    spy.mockRestore();
    if (debug === undefined) delete process.env.SFN_DEBUG;
    else process.env.SFN_DEBUG = debug;
  }
}
const handedBack = (why: string) => `ASL checks run in the synth's own thread: the check worker ${why}.`;

test('a worker that could not start: undefined at once (not after the timeout), the worker stopped, nothing more asked', () => {
  const fake = standIn();
  const check = aslChecksInWorker(fake, 60_000)!;
  Atomics.store(fake.signal, 1, 1);
  Atomics.add(fake.signal, 0, 1);
  expect(saying(() => [check(BROKEN), check(BROKEN)])).toStrictEqual({ result: [undefined, undefined], said: [handedBack('could not start')] });
  expect(fake.terminated()).toBe(1);
});

test('a worker that does not answer in time: undefined after the timeout, and from then on', () => {
  const fake = standIn();
  const check = aslChecksInWorker(fake, 50)!;
  expect(saying(() => [check(BROKEN), check(BROKEN)])).toStrictEqual({ result: [undefined, undefined], said: [handedBack('did not answer within 0.05 s')] });
  expect(fake.terminated()).toBe(1);
});

test('a worker whose check threw, or that stopped while the synth waited: undefined', () => {
  const threw = standIn("port.on('message', () => { port.postMessage({ failed: 'Error: boom' }); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); });");
  expect(saying(() => aslChecksInWorker(threw, 60_000)!(BROKEN))).toStrictEqual({ result: undefined, said: [handedBack('failed (Error: boom)')] });
  expect(threw.terminated()).toBe(1);
  const died = standIn("port.on('message', () => { Atomics.store(signal, 1, 1); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); });");
  expect(saying(() => aslChecksInWorker(died, 60_000)!(BROKEN))).toStrictEqual({ result: undefined, said: [handedBack('stopped')] });
  expect(died.terminated()).toBe(1);
});

test('a worker that answers: its errors, as sent, and nothing said', () => {
  const answers = standIn("port.on('message', (d) => { port.postMessage({ errors: [{ 'Error code': 'SEEN', Message: d.StartAt }] }); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); });");
  const check = aslChecksInWorker(answers, 60_000)!;
  expect(saying(() => [check(BROKEN), check({ ...BROKEN, StartAt: 'Again' })])).toEqual({
    result: [[{ 'Error code': 'SEEN', Message: 'Nowhere' }], [{ 'Error code': 'SEEN', Message: 'Again' }]],
    said: [],
  });
  expect(answers.terminated()).toBe(0);
});
