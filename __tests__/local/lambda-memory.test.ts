import { setTimeout as sleep } from 'node:timers/promises';
import { KEPT_LOG_BYTES } from '../../local/lambda-host';
import { useLambdaHosts } from '../support/lambda-hosts';

// What a function's environments may hold (issue 18, --serve memory flat): an environment whose heap passes the
// function's memory size fails the invocation as Lambda does (Runtime.OutOfMemory) and the next one starts afresh; the
// log lines kept in memory are the newest, within KEPT_LOG_BYTES.

const HANDLERS = `
exports.hoard = async () => { const kept = []; for (;;) kept.push(new Array(100_000).fill({ n: kept.length })); };
exports.ok = async () => 'fine';
exports.chatty = async (event) => { for (let i = 0; i < event.lines; i++) console.log(String(i).padStart(6, '0') + 'x'.repeat(event.width)); return 'said'; };
`;

const { fn: model, host } = useLambdaHosts(HANDLERS);
const fn = (name: string, handler: string) => model(name, { handler, timeoutSeconds: 30 });

test('an invocation whose heap passes the memory size fails with Runtime.OutOfMemory, saying so; its environment is stopped', async () => {
  // GIVEN a 128 MB function that keeps everything it allocates
  const h = host([fn('hoarder', 'hoard')]);
  // WHEN it is invoked
  const result = await h.invoke('hoarder', {});
  // THEN the invocation fails as Lambda fails one out of memory, with the limit and what to do
  expect(result.functionError).toStrictEqual({
    errorType: 'Runtime.OutOfMemory',
    errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed (the function's heap reached its limit of 128 MB (its MemorySize, memory_size); raise it or keep less in memory)`,
  });
  expect(h.environments()).toStrictEqual({ hoarder: 0 });
}, 60_000);

test('the environment that ran out of memory is gone: another function of the host still runs, and the hoarder starts cold again', async () => {
  const h = host([fn('hoarder', 'hoard'), fn('fine', 'ok')]);
  await h.invoke('hoarder', {});
  expect((await h.invoke('fine', {})).payload).toBe('fine');
  const again = await h.invoke('hoarder', {});
  expect([again.coldStart, again.functionError?.errorType]).toStrictEqual([true, 'Runtime.OutOfMemory']);
}, 60_000);

test('the log lines kept are the newest within KEPT_LOG_BYTES, oldest first; the first ones left', async () => {
  // GIVEN a function that writes twice the bound in lines of ~10 KB
  const h = host([fn('chatty', 'chatty')]);
  const width = 10_000;
  const lines = Math.ceil((2 * KEPT_LOG_BYTES) / width);
  // WHEN it runs
  const result = await h.invoke('chatty', { lines, width });
  // (the lines arrive from the worker's stdout a little after the answer: until the last one is read, bounded)
  const last = String(lines - 1).padStart(6, '0');
  for (let i = 0; i < 100 && !h.logs().some((l) => l.line.startsWith(last)); i++) await sleep(50);
  // THEN fewer lines are kept, within the bound, the newest of them, in order
  const kept = h.logs().filter((l) => l.requestId === result.requestId);
  expect(kept.length).toBeLessThan(lines);
  expect(kept.reduce((sum, l) => sum + l.line.length, 0)).toBeLessThanOrEqual(KEPT_LOG_BYTES);
  expect(kept.map((l) => Number(l.line.slice(0, 6)))).toStrictEqual(Array.from({ length: kept.length }, (_, i) => lines - kept.length + i));
});
