import { renderIo, type InputOutputProps } from './io';
import { Chain, State, type AslState, type IChainable, type INextable, type StateProps } from './state';
import type { Condition } from './condition';

export interface ChoiceProps extends StateProps, InputOutputProps {}

/**
 * Branches on the input: rules are tried in the order they were added, the first that matches wins, and
 * `otherwise` is taken when none does (without it, no match fails the execution with States.NoChoiceMatched).
 */
export class Choice extends State {
  readonly type = 'Choice';
  readonly endStates: INextable[] = [];
  private readonly rules: { condition: Condition; target: IChainable }[] = [];
  private defaultTarget?: IChainable;

  constructor(
    name: string,
    private readonly props: ChoiceProps = {},
  ) {
    super(name, props);
  }

  when(condition: Condition, target: IChainable): this {
    this.rules.push({ condition, target });
    return this;
  }

  otherwise(target: IChainable): this {
    if (this.defaultTarget !== undefined) {
      throw new Error(`Choice '${this.name}' already has a default ('${this.defaultTarget.startState.name}'); a Choice has one otherwise().`);
    }
    this.defaultTarget = target;
    return this;
  }

  /** A chain that continues after every branch of this Choice that can continue. */
  afterwards(): Chain {
    const targets = [...this.rules.map((r) => r.target), ...(this.defaultTarget ? [this.defaultTarget] : [])];
    const ends = targets.flatMap((t) => t.endStates);
    return Chain.start({ startState: this, endStates: [...new Set(ends)] });
  }

  successors(): State[] {
    return [...this.rules.map((r) => r.target.startState), ...(this.defaultTarget ? [this.defaultTarget.startState] : [])];
  }

  toAsl(): AslState {
    if (this.rules.length === 0) {
      throw new Error(`Choice '${this.name}' has no rules; add at least one with .when(condition, state).`);
    }
    return {
      ...this.header(),
      ...renderIo(this.name, this.props),
      Choices: this.rules.map((r) => ({ ...r.condition.render(), Next: r.target.startState.name })),
      ...(this.defaultTarget && { Default: this.defaultTarget.startState.name }),
    };
  }
}
