import type { Payload } from '../payload';
import { renderIo, type ResultProps } from './io';
import { RetryableState } from './retryable-state';
import type { AslGraph, AslState, IChainable, RenderContext, StateProps } from './state';

export interface ParallelProps extends StateProps, ResultProps {
  /** The input of every branch: `Parameters` in a JSONPath state, `Arguments` in a JSONata one. @default the state input */
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

  toAsl(children: readonly AslGraph[], context: RenderContext): AslState {
    const language = this.languageIn(context);
    return {
      ...this.header(),
      Branches: children.map((c) => ({ ...c })),
      ...renderIo(this, language, this.props),
      ...this.errorHandling.toAsl(language),
      ...this.transition(),
    };
  }
}
