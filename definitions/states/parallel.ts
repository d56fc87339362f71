import type { Payload } from '../payload';
import { ErrorHandling, type CatchProps, type RetryProps } from './error-handling';
import { renderIo, type ResultProps } from './io';
import { NextableState, type AslGraph, type AslState, type IChainable, type State, type StateProps } from './state';

export interface ParallelProps extends StateProps, ResultProps {
  readonly parameters?: Payload;
  readonly resultSelector?: Payload;
}

/** Runs branches at once on the same input; the result is the array of the branches' outputs. */
export class Parallel extends NextableState {
  readonly type = 'Parallel';
  private readonly branches: IChainable[] = [];
  private readonly errorHandling: ErrorHandling;

  constructor(
    name: string,
    private readonly props: ParallelProps = {},
  ) {
    super(name, props);
    this.errorHandling = new ErrorHandling(name);
  }

  branch(chain: IChainable): this {
    this.branches.push(chain);
    return this;
  }

  addRetry(props: RetryProps): this {
    this.errorHandling.addRetry(props);
    return this;
  }

  addCatch(handler: IChainable, props?: CatchProps): this {
    this.errorHandling.addCatch(handler, props);
    return this;
  }

  successors(): State[] {
    return [...super.successors(), ...this.errorHandling.handlers()];
  }

  childGraphs(): IChainable[] {
    if (this.branches.length === 0) throw new Error(`Parallel '${this.name}' has no branches; add at least one with .branch(chain).`);
    return this.branches;
  }

  toAsl(children: readonly AslGraph[]): AslState {
    return {
      ...this.header(),
      Branches: children.map((c) => ({ ...c })),
      ...renderIo(this.name, this.props),
      ...this.errorHandling.toAsl(),
      ...this.transition(),
    };
  }
}
