import { ErrorHandling, type CatchProps, type RetryProps } from './error-handling';
import { NextableState, type IChainable, type State, type StateProps } from './state';

/** A state that can Retry and Catch: Task, Map and Parallel. */
export abstract class RetryableState extends NextableState {
  protected readonly errorHandling: ErrorHandling;

  protected constructor(name: string, props: StateProps) {
    super(name, props);
    this.errorHandling = new ErrorHandling(name);
  }

  /** Retries on the given errors; retriers are tried in the order they were added. */
  addRetry(props: RetryProps): this {
    this.errorHandling.addRetry(props);
    return this;
  }

  /** Continues with `handler` when the state fails with one of the given errors (after its retries). */
  addCatch(handler: IChainable, props?: CatchProps): this {
    this.errorHandling.addCatch(handler, props);
    return this;
  }

  successors(): State[] {
    return [...super.successors(), ...this.errorHandling.handlers()];
  }
}
