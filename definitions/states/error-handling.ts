import { assertPath } from '../json-path';
import { renderJsonata } from '../jsonata-render';
import type { Payload, PayloadValue } from '../payload';
import { renderAssign } from './io';
import type { IChainable, QueryLanguage, State } from './state';

export const ALL_ERRORS = 'States.ALL';

export interface RetryProps {
  /** Error names this retrier handles, e.g. `['DynamoDB.ThrottlingException']`. */
  readonly errors: readonly string[];
  /** Seconds before the first retry. @default 1 */
  readonly intervalSeconds?: number;
  /** Retries after the first attempt. @default 3 */
  readonly maxAttempts?: number;
  /** Multiplier of the interval after each retry. @default 2 */
  readonly backoffRate?: number;
  /** Upper bound of the interval. @default no bound */
  readonly maxDelaySeconds?: number;
  /** `FULL` randomises the interval (avoids thundering herds). @default no jitter */
  readonly jitterStrategy?: 'FULL' | 'NONE';
}

export interface CatchProps {
  /** Error names this catcher handles. @default ['States.ALL'] */
  readonly errors?: readonly string[];
  /** JSONPath: where the error object (`Error`, `Cause`) goes in the handler's input. @default '$.error' (keeps the input) */
  readonly resultPath?: string | null;
  /** JSONata: the handler's input, e.g. `jsonata('$states.errorOutput')`. @default the error output */
  readonly output?: PayloadValue;
  /** Variables set when the catcher is taken (the failed state's own Assign is not applied). @default none */
  readonly assign?: Payload;
}

interface CatchEntry {
  readonly errors: readonly string[];
  readonly handler: IChainable;
  readonly resultPath: string | null | undefined;
  readonly output?: PayloadValue;
  readonly assign?: Payload;
}

function checkErrors(owner: string, kind: string, errors: readonly string[]): void {
  if (errors.length === 0) throw new Error(`${owner}: a ${kind} needs at least one error name (or '${ALL_ERRORS}').`);
  if (errors.includes(ALL_ERRORS)) {
    if (errors.length > 1) {
      throw new Error(`${owner}: '${ALL_ERRORS}' must be the only error name of its ${kind}; move the other names to an earlier ${kind}.`);
    }
  }
}

/** The Retry and Catch fields of a Task, Map or Parallel state. */
export class ErrorHandling {
  private readonly retries: RetryProps[] = [];
  private readonly catches: CatchEntry[] = [];

  constructor(private readonly owner: string) {}

  addRetry(props: RetryProps): void {
    const where = `State '${this.owner}' Retry`;
    if (this.retries.some((r) => r.errors.includes(ALL_ERRORS))) {
      throw new Error(`${where}: a retrier for '${ALL_ERRORS}' is already there and must stay last; add specific retriers before it.`);
    }
    checkErrors(where, 'retrier', props.errors);
    nonNegativeInteger(props.intervalSeconds, `${where} intervalSeconds`, 1);
    nonNegativeInteger(props.maxAttempts, `${where} maxAttempts`, 0);
    nonNegativeInteger(props.maxDelaySeconds, `${where} maxDelaySeconds`, 1);
    if (props.backoffRate !== undefined && !(props.backoffRate >= 1)) {
      throw new Error(`${where} backoffRate: ${props.backoffRate} must be at least 1.`);
    }
    this.retries.push(props);
  }

  addCatch(handler: IChainable, props: CatchProps = {}): void {
    const where = `State '${this.owner}' Catch`;
    if (this.catches.some((c) => c.errors.includes(ALL_ERRORS))) {
      throw new Error(`${where}: a catcher for '${ALL_ERRORS}' is already there and must stay last; add specific catchers before it.`);
    }
    const errors = props.errors ?? [ALL_ERRORS];
    checkErrors(where, 'catcher', errors);
    if (props.resultPath !== undefined && props.resultPath !== null) assertPath(props.resultPath, `${where} resultPath`);
    this.catches.push({ errors, handler, resultPath: props.resultPath, output: props.output, assign: props.assign });
  }

  handlers(): State[] {
    return this.catches.map((c) => c.handler.startState);
  }

  toAsl(language: QueryLanguage): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.retries.length > 0) {
      out.Retry = this.retries.map((r) => ({
        ErrorEquals: [...r.errors],
        ...(r.intervalSeconds !== undefined && { IntervalSeconds: r.intervalSeconds }),
        ...(r.maxAttempts !== undefined && { MaxAttempts: r.maxAttempts }),
        ...(r.backoffRate !== undefined && { BackoffRate: r.backoffRate }),
        ...(r.maxDelaySeconds !== undefined && { MaxDelaySeconds: r.maxDelaySeconds }),
        ...(r.jitterStrategy !== undefined && { JitterStrategy: r.jitterStrategy }),
      }));
    }
    if (this.catches.length > 0) {
      out.Catch = this.catches.map((c, i) => this.renderCatcher(c, i, language));
    }
    return out;
  }

  private renderCatcher(c: CatchEntry, index: number, language: QueryLanguage): Record<string, unknown> {
    const where = `State '${this.owner}' Catch #${index + 1}`;
    const assign = c.assign === undefined ? {} : { Assign: renderAssign(c.assign, where, language, false, true) };
    if (language === 'JSONata') {
      if (c.resultPath !== undefined) {
        throw new Error(`${where} sets resultPath, a JSONPath-only field, but the state is evaluated as JSONata: give output (e.g. jsonata('$states.errorOutput')) instead.`);
      }
      const output = c.output === undefined ? {} : { Output: renderJsonata(c.output, `${where} Output`, { inCatcher: true, resultHere: false }) };
      return { ErrorEquals: [...c.errors], ...output, ...assign, Next: c.handler.startState.name };
    }
    if (c.output !== undefined) throw new Error(`${where} sets output, a JSONata field, but the state is evaluated as JSONPath: give resultPath instead.`);
    return { ErrorEquals: [...c.errors], ResultPath: c.resultPath === undefined ? '$.error' : c.resultPath, ...assign, Next: c.handler.startState.name };
  }
}

/** Throws unless `value` is undefined or an integer ≥ `min`. */
export function nonNegativeInteger(value: number | undefined, where: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new Error(`${where}: ${value} must be a whole number of at least ${min}.`);
  }
}
