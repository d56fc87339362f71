import type { Payload, PayloadValue } from '../payload';
import { jsonPathOnlyField, renderIo, type ResultProps } from './io';
import { NextableState, type AslGraph, type AslState, type RenderContext, type StateProps } from './state';

export interface PassProps extends StateProps, ResultProps {
  /** A payload template built from the input. @default the input */
  readonly parameters?: Payload;
  /** JSONPath: a fixed result (instead of the input); in JSONata give `output` instead. @default none */
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

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    const language = this.languageIn(context);
    if (language === 'JSONata' && this.props.result !== undefined) throw jsonPathOnlyField(this, 'result', 'Result', 'output and assign');
    return {
      ...this.header(),
      ...renderIo(this, language, this.props, 'PassParameters'),
      ...(this.props.result !== undefined && { Result: this.props.result }),
      ...this.transition(),
    };
  }
}
