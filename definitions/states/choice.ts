import { renderJsonata } from '../jsonata-render';
import type { Payload, PayloadValue } from '../payload';
import { renderAssign, renderIo, type InputOutputProps } from './io';
import { Chain, State, type AslGraph, type AslState, type IChainable, type INextable, type RenderContext, type StateProps } from './state';
import type { Condition } from './condition';

/** `assign` of the Choice itself applies whichever rule matched (or the default), the matched rule's own on top ("Choice workflow state" › Choice Rules). */
export interface ChoiceProps extends StateProps, InputOutputProps {}

/** What a Choice rule does besides choosing: variables set when it is taken, and (JSONata) the next state's input. */
export interface ChoiceRuleOptions {
  readonly assign?: Payload;
  /** JSONata only. @default the Choice's input */
  readonly output?: PayloadValue;
}

/**
 * Branches on the input: rules are tried in the order they were added, the first that matches wins, and
 * `otherwise` is taken when none does (without it, no match fails the execution with States.NoChoiceMatched).
 */
export class Choice extends State {
  readonly type = 'Choice';
  readonly endStates: INextable[] = [];
  private readonly rules: { condition: Condition; target: IChainable; options: ChoiceRuleOptions }[] = [];
  private defaultTarget?: IChainable;

  constructor(
    name: string,
    private readonly props: ChoiceProps = {},
  ) {
    super(name, props);
  }

  when(condition: Condition, target: IChainable, options: ChoiceRuleOptions = {}): this {
    this.rules.push({ condition, target, options });
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

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    if (this.rules.length === 0) {
      throw new Error(`Choice '${this.name}' has no rules; add at least one with .when(condition, state).`);
    }
    const language = this.languageIn(context);
    return {
      ...this.header(),
      ...renderIo(this, language, this.props),
      Choices: this.rules.map((r, i) => this.renderRule(r, i, language)),
      ...(this.defaultTarget && { Default: this.defaultTarget.startState.name }),
    };
  }

  private renderRule(rule: (typeof this.rules)[number], index: number, language: 'JSONPath' | 'JSONata'): AslState {
    const where = `Choice '${this.name}' rule #${index + 1}`;
    const { assign, output } = rule.options;
    if (output !== undefined && language === 'JSONPath') {
      throw new Error(`${where} sets output, a JSONata field, but the Choice is evaluated as JSONPath: set queryLanguage: 'JSONata' on the Choice.`);
    }
    return {
      ...rule.condition.renderIn(language, where),
      ...(output !== undefined && { Output: renderJsonata(output, `${where} Output`, { inCatcher: false, resultHere: false }) }),
      ...(assign !== undefined && { Assign: renderAssign(assign, where, language, false) }),
      Next: rule.target.startState.name,
    };
  }
}
