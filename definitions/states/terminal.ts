import { assertPath } from '../json-path';
import { JsonataExpression } from '../jsonata';
import { renderJsonata } from '../jsonata-render';
import { renderIo, type InputOutputProps } from './io';
import { State, type AslGraph, type AslState, type Chain, type IChainable, type INextable, type RenderContext, type StateProps } from './state';

function cannotContinue(state: State, next: IChainable): never {
  throw new Error(
    `Cannot continue with '${next.startState.name}' after '${state.name}' (a ${state.type} state): nothing can follow it. ` +
      `Attach '${next.startState.name}' to an earlier state instead (a Choice branch or a Catch handler).`,
  );
}

/** Succeed has no Assign (Developer Guide, "Succeed workflow state"). */
export interface SucceedProps extends StateProps, Omit<InputOutputProps, 'assign'> {}

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

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    return { ...this.header(), ...renderIo(this, this.languageIn(context), this.props) };
  }
}

export interface FailProps extends StateProps {
  /** The error name, e.g. `InvalidInput` (in JSONata also an expression). Give this or errorPath. */
  readonly error?: string | JsonataExpression;
  /** A sentence that says what went wrong and what to do (in JSONata also an expression). Give this or causePath. */
  readonly cause?: string | JsonataExpression;
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

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    const { error, cause, errorPath, causePath } = this.props;
    const where = `State '${this.name}'`;
    const jsonata = this.languageIn(context) === 'JSONata';
    if (jsonata && (errorPath !== undefined || causePath !== undefined)) {
      throw new Error(`${where} is evaluated as JSONata but sets ${errorPath !== undefined ? 'errorPath (ErrorPath)' : 'causePath (CausePath)'}, a JSONPath-only field: give error/cause as jsonata(...) expressions instead.`);
    }
    const text = (value: string | JsonataExpression, field: string) => {
      if (!(value instanceof JsonataExpression)) return value;
      if (!jsonata) throw new Error(`${where} ${field} is the JSONata expression '${value.expression}', but the state is evaluated as JSONPath: set queryLanguage: 'JSONata', or use ${field.toLowerCase()}Path.`);
      return renderJsonata(value, `${where} ${field}`, { inCatcher: false, resultHere: false });
    };
    return {
      ...this.header(),
      ...(error !== undefined && { Error: text(error, 'Error') }),
      ...(errorPath !== undefined && { ErrorPath: assertPath(errorPath, `State '${this.name}' errorPath`) }),
      ...(cause !== undefined && { Cause: text(cause, 'Cause') }),
      ...(causePath !== undefined && { CausePath: assertPath(causePath, `State '${this.name}' causePath`) }),
    };
  }
}
