import { TaskError } from './tasks/common';
import { LocalSetupError } from './errors';

/** Make Task state `state` fail with `error` on its first `times` attempts in an execution (to exercise Retry/Catch). */
export interface Fault {
  readonly state: string;
  readonly error: string;
  readonly times: number;
  /** @default a sentence saying the failure was injected */
  readonly cause?: string;
}

/** Checks that every fault names a Task state of the machine, so a typo does not silently inject nothing. */
export function assertFaultsTarget(faults: readonly Fault[], taskStates: ReadonlySet<string> | ReadonlyMap<string, unknown>, machineName: string): void {
  for (const fault of faults) {
    if (!taskStates.has(fault.state)) {
      const names = [...taskStates.keys()].join(', ') || 'none';
      throw new LocalSetupError(`Fault on '${fault.state}': state machine '${machineName}' has no Task state of that name (Task states: ${names}).`);
    }
  }
}

/** Counts attempts per state within one execution and fails the first `times` of each faulted state. */
export class FaultInjector {
  private readonly attempts = new Map<string, number>();
  private readonly byState: Map<string, Fault>;

  constructor(faults: readonly Fault[]) {
    this.byState = new Map(faults.map((f) => [f.state, f]));
  }

  /** Throws the injected error if this attempt of `state` is one of the faulted ones. */
  check(state: string): void {
    const fault = this.byState.get(state);
    if (!fault) return;
    const attempt = (this.attempts.get(state) ?? 0) + 1;
    this.attempts.set(state, attempt);
    if (attempt <= fault.times) {
      throw new TaskError(fault.error, fault.cause ?? `Injected fault: attempt ${attempt} of ${fault.times} of state '${state}' fails with ${fault.error}.`);
    }
  }
}
