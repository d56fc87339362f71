import type { Payload } from '../payload';
import { renderIo, type ResultProps } from './io';
import { RetryableState } from './retryable-state';
import type { AslGraph, AslState, IChainable, StateProps } from './state';

export interface ParallelProps extends StateProps, ResultProps {
  readonly parameters?: Payload;
  readonly resultSelector?: Payload;
}

/** Runs branches at once on the same input; the result is the array of the branches' outputs. */
export class Parallel extends RetryableState {
  readonly type = 'Parallel';
  private readonly branches: IChainable[] = [];

  constructor(
    name: string,
    private readonly props: ParallelProps = {},
  ) {
    super(name, props);
  }

  branch(chain: IChainable): this {
    this.branches.push(chain);
    return this;
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
