/**
 * Retry (ASL specification, "Retrying after an error"; Developer Guide, "Error handling in Step Functions", "Retrying
 * after an error"): the first retrier whose ErrorEquals matches the error decides; each retrier counts its own
 * attempts; IntervalSeconds (default 1) × BackoffRate (default 2.0) ^ attempts so far, capped by MaxDelaySeconds,
 * with JitterStrategy FULL drawing the delay uniformly from [0, that]; MaxAttempts defaults to 3 and 0 means never.
 */
import { StatesError, STATES_ERRORS } from './errors';

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/**
 * Whether an ErrorEquals list matches an error name. States.Runtime is never retried or caught, even by name.
 * States.ALL matches every other error, States.DataLimitExceeded included: the guide calls that one terminal, but a
 * recorded AWS execution shows a States.ALL catcher handling a task's oversized result (the recording wins).
 * States.TaskFailed matches every error but States.Timeout and States.DataLimitExceeded (assumed: the guide's
 * exceptions to States.ALL still apply to it).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === STATES_ERRORS.Runtime) return false;
  if (errorEquals.includes(error)) return true;
  if (errorEquals.includes(STATES_ERRORS.ALL)) return true;
  return errorEquals.includes(STATES_ERRORS.TaskFailed) && error !== STATES_ERRORS.Timeout && error !== STATES_ERRORS.DataLimitExceeded;
}

export interface RetryDecision {
  readonly index: number;
  readonly delayMs: number;
}

/** Retry bookkeeping for one state (one entry per retrier). */
export class RetryCounter {
  private readonly attempts: number[];

  constructor(
    private readonly retriers: readonly Retrier[],
    private readonly random: () => number = Math.random,
  ) {
    this.attempts = retriers.map(() => 0);
  }

  /** The retry to make for `error`, or undefined when the error goes to Catch (or fails the state). */
  next(error: StatesError): RetryDecision | undefined {
    const index = this.retriers.findIndex((r) => errorMatches(r.ErrorEquals, error.error));
    if (index < 0) return undefined;
    const retrier = this.retriers[index];
    const done = this.attempts[index];
    if (done >= (retrier.MaxAttempts ?? 3)) return undefined;
    this.attempts[index] = done + 1;
    let seconds = (retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, done);
    if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
    if (retrier.JitterStrategy === 'FULL') seconds = this.random() * seconds;
    return { index, delayMs: Math.round(seconds * 1000) };
  }
}
