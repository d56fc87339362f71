import type { Payload, PayloadValue } from '../payload';
import { renderIo, type ResultProps } from './io';
import { NextableState, type AslState, type StateProps } from './state';

export interface PassProps extends StateProps, ResultProps {
  /** A payload template built from the input. @default the input */
  readonly parameters?: Payload;
  /** A fixed result (instead of the input). @default none */
  readonly result?: PayloadValue;
}

/** Passes its input on, optionally reshaped or replaced by a fixed result. */
export class Pass extends NextableState {
  readonly type = 'Pass';

  constructor(
    name: string,
    private readonly props: PassProps = {},
  ) {
    super(name, props);
    if (props.parameters !== undefined && props.result !== undefined) {
      throw new Error(`State '${name}': give either parameters or result, not both.`);
    }
  }

  toAsl(): AslState {
    return {
      ...this.header(),
      ...renderIo(this.name, this.props),
      ...(this.props.result !== undefined && { Result: this.props.result }),
      ...this.transition(),
    };
  }
}
