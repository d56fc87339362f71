import { assertPath } from '../json-path';
import { renderIo, type InputOutputProps } from './io';
import { State, type AslState, type Chain, type IChainable, type INextable, type StateProps } from './state';

function cannotContinue(state: State, next: IChainable): never {
  throw new Error(
    `Cannot continue with '${next.startState.name}' after '${state.name}' (a ${state.type} state): nothing can follow it. ` +
      `Attach '${next.startState.name}' to an earlier state instead (a Choice branch or a Catch handler).`,
  );
}

export interface SucceedProps extends StateProps, InputOutputProps {}

/** Ends the execution (or a Map/Parallel branch) successfully. */
export class Succeed extends State {
  readonly type = 'Succeed';
  readonly endStates: INextable[] = [];

  constructor(
    name: string,
    private readonly props: SucceedProps = {},
  ) {
    super(name, props);
  }

  /** Always throws: a Succeed state ends its workflow. */
  next(state: IChainable): Chain {
    return cannotContinue(this, state);
  }

  toAsl(): AslState {
    return { ...this.header(), ...renderIo(this.name, this.props) };
  }
}

export interface FailProps extends StateProps {
  /** The error name, e.g. `InvalidInput`. Give this or errorPath. */
  readonly error?: string;
  /** A sentence that says what went wrong and what to do. Give this or causePath. */
  readonly cause?: string;
  /** Reads the error name from the input (e.g. `$.error.Error` after a Catch). */
  readonly errorPath?: string;
  /** Reads the cause from the input (e.g. `$.error.Cause` after a Catch). */
  readonly causePath?: string;
}

/** Ends the execution with an error. */
export class Fail extends State {
  readonly type = 'Fail';
  readonly endStates: INextable[] = [];

  constructor(
    name: string,
    private readonly props: FailProps,
  ) {
    super(name, props);
    if (props.error !== undefined && props.errorPath !== undefined) throw new Error(`State '${name}': give error or errorPath, not both.`);
    if (props.cause !== undefined && props.causePath !== undefined) throw new Error(`State '${name}': give cause or causePath, not both.`);
    if (props.error === undefined && props.errorPath === undefined) {
      throw new Error(`State '${name}': a Fail state needs an error name (error) or a path to one (errorPath), so callers can tell failures apart.`);
    }
  }

  /** Always throws: a Fail state ends its workflow. */
  next(state: IChainable): Chain {
    return cannotContinue(this, state);
  }

  toAsl(): AslState {
    const { error, cause, errorPath, causePath } = this.props;
    return {
      ...this.header(),
      ...(error !== undefined && { Error: error }),
      ...(errorPath !== undefined && { ErrorPath: assertPath(errorPath, `State '${this.name}' errorPath`) }),
      ...(cause !== undefined && { Cause: cause }),
      ...(causePath !== undefined && { CausePath: assertPath(causePath, `State '${this.name}' causePath`) }),
    };
  }
}
