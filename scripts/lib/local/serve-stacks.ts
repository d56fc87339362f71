import * as path from 'node:path';
import * as v8 from 'node:v8';
import { LocalSetupError, startLocalStack, type LocalApi, type LocalEdge, type LocalStack } from '../../../local';
import type { LocalCliArgs } from './args';
import { formatLog } from './format';
import { locateAllStacks, locateStack } from './locate';
import { serveLocalApi } from './serve';
import { closeGracefully } from './shutdown';
import { startEdgeFor } from './serve-edge';
import { stackOptionsFrom } from './stack-options';

/**
 * `npm run local -- [<stack-id>] --serve`: stands up one stack (or, without a stack id, every synthesized stack)
 * behind one AWS endpoint (the edge, --edge-port, default 4566) until Ctrl+C or `signal`; a stack with a REST API
 * (skip-the-line) serves it through the edge and on its own port (--port, default 4010) as before. With several stacks,
 * --data-dir keeps each stack's data in `<dir>/<stack-id>`. Answers the exit code.
 */
export async function serveStacks(args: LocalCliArgs, signal?: AbortSignal): Promise<number> {
  const say = (line: string) => console.log(line);
  preferSmallHeaps();
  const located = args.stackId ? [{ id: args.stackId, dir: await locateStack(args.stackId, args.outDir) }] : await locateAllStacks(args.outDir);
  const several = located.length > 1;
  if (several && (args.faults.length > 0 || args.testCase !== undefined)) {
    throw new LocalSetupError('--fault and --test-case name states of one workflow: give the stack id with them (npm run local -- <stack-id> --serve …).');
  }
  const stacks: LocalStack[] = [];
  // Ctrl+C (SIGINT) or SIGTERM: stop accepting, let what is in flight end (bounded), close; a second one ends at once.
  const stopping = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (stopping.signal.aborted) {
      say(`${name} again: stopping now, without waiting for the executions in flight.`);
      process.exit(130);
    }
    say(`\n${name}: stopping. No new requests are accepted; those already received are answered.`);
    stopping.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stop = signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal;
  try {
    for (const { id, dir } of located) {
      const dataDir = args.dataDir === undefined ? undefined : several ? path.join(args.dataDir, id) : args.dataDir;
      stacks.push(
        await startLocalStack(dir, {
          ...stackOptionsFrom(args, dataDir),
          // Without --data-dir the tables are in a temporary folder, not memory: what the orders store does not stay resident.
          tablesOnDisk: true,
          onLog: (line) => say(formatLog(line)),
        }),
      );
    }
    let edge: LocalEdge | undefined;
    const startEdge = async (api?: LocalApi) => {
      edge = await startEdgeFor(stacks, { ...(args.edgePort !== undefined && { port: args.edgePort }), ...(api && { restApis: [api] }), say });
    };
    try {
      // The REST API's port is taken first (its refusal names --port), then the edge's.
      const withApi = stacks.find((s) => s.model.notEmulated.includes('aws_api_gateway_rest_api'));
      if (withApi) return await serveLocalApi(withApi, { ...(args.port !== undefined && { port: args.port }), throttling: args.apiThrottling, say, ready: startEdge, signal: stop });
      await startEdge();
      say('  Press Ctrl+C to stop.');
      await new Promise<void>((resolve) => {
        if (stop.aborted) return resolve();
        stop.addEventListener('abort', () => resolve(), { once: true });
      });
      return 0;
    } finally {
      await edge?.close();
    }
  } finally {
    // Told only on a stop (a start that failed already said why).
    await closeGracefully(stacks, { say: (line) => stop.aborted && say(line), ...(args.dataDir !== undefined && { dataDir: args.dataDir }), ...(args.stopWaitSeconds !== undefined && { waitMs: args.stopWaitSeconds * 1000 }) });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * V8's `--optimize-for-size` for a server that runs until Ctrl+C: the heap grows by a small factor after each full
 * collection instead of up to 4×, so a burst of requests' garbage does not stay resident (the main thread's heap after
 * 1,000 orders: 83 MiB instead of 205 MiB, at the same orders/s; docs/BENCHMARKS.md, "Serving: memory"). Set before
 * the functions' worker threads start, which it applies to as well. V8 reads this flag as it runs, so setting it
 * after start-up takes effect (Node documents setFlagsFromString after start-up as possibly unpredictable in general;
 * the serve tests and the bench run with it).
 */
function preferSmallHeaps(): void {
  v8.setFlagsFromString('--optimize-for-size');
}
