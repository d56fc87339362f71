import type { LocalStack } from '../../../local';

/**
 * How `npm run local -- --serve` stops on Ctrl+C (SIGINT) or SIGTERM: the REST API and the edge stop accepting
 * (requests already received are answered), then the executions in flight get up to SHUTDOWN_WAIT_MS to end, then
 * the stacks close. With --data-dir an execution still running then stays in the journal, and the next start on the
 * folder continues it; without one it is stopped (ABORTED). What happened is printed; the exit code is 0. A second
 * signal ends the process at once (exit code 130).
 */

/** How long the executions in flight get to end. */
export const SHUTDOWN_WAIT_MS = 10_000;

export interface ShutdownOutcome {
  /** Executions running when the shutdown began. */
  readonly inFlight: number;
  /** Of those, the ones that ended within the wait. */
  readonly finished: number;
  /** Still running after the wait: journaled (with a data folder) or stopped. */
  readonly left: number;
}

const runningIn = (stacks: readonly LocalStack[]) => stacks.reduce((n, s) => n + s.executions().filter((e) => e.status === 'RUNNING').length, 0);

/** Waits (bounded) for the stacks' running executions, closes the stacks and says what became of those in flight. */
export async function closeGracefully(stacks: readonly LocalStack[], options: { readonly waitMs?: number; readonly dataDir?: string; readonly say: (line: string) => void }): Promise<ShutdownOutcome> {
  const waitMs = options.waitMs ?? SHUTDOWN_WAIT_MS;
  const inFlight = runningIn(stacks);
  if (inFlight > 0) options.say(`  Waiting up to ${waitMs / 1000} s for ${inFlight} execution(s) in flight…`);
  await Promise.all(stacks.map((s) => s.waitForExecutions(waitMs)));
  const left = runningIn(stacks);
  await Promise.all(stacks.map((s) => s.close()));
  const outcome = { inFlight, finished: Math.max(0, inFlight - left), left };
  options.say(shutdownLine(outcome, options.dataDir, waitMs));
  return outcome;
}

export function shutdownLine(outcome: ShutdownOutcome, dataDir: string | undefined, waitMs: number): string {
  const finished = outcome.inFlight === 0 ? 'no execution was in flight' : `${outcome.finished} execution(s) in flight finished`;
  if (outcome.left === 0) return `■ Stopped: ${finished}.`;
  const left = dataDir
    ? `${outcome.left} still running after ${waitMs / 1000} s stay in the journal of ${dataDir}: the next start with --data-dir ${dataDir} continues them`
    : `${outcome.left} still running after ${waitMs / 1000} s were stopped (ABORTED); with --data-dir the next start would have continued them`;
  return `■ Stopped: ${finished}; ${left}.`;
}
