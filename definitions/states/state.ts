import type { PolicyStatement } from '../iam';
import type { QueryLanguage } from '../validation/states';

export type { QueryLanguage } from '../validation/states';

/** Something a chain can continue with: a single state, or a chain of them. */
export interface IChainable {
  /** The state that is entered first. */
  readonly startState: State;
  /** The states whose `Next` the chain would set when it continues; empty when the chain cannot continue. */
  readonly endStates: INextable[];
}

/** A state that can be followed by another. */
export interface INextable {
  readonly name: string;
  next(state: IChainable): Chain;
}

/** A rendered ASL state (the object under `States.<name>`). */
export type AslState = Record<string, unknown>;

/** A rendered graph of states: the top level of a state machine, a Map item processor or a Parallel branch. */
export interface AslGraph {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
}

/** What rendering a state needs to know of the state machine it is in. */
export interface RenderContext {
  /** The partition of the Region the state machine is built for (`aws`, `aws-cn`, `aws-us-gov`…): Resource ARNs name it. */
  readonly partition: string;
  /** The state machine's query language, which every state that names none inherits (nested ones too). */
  readonly queryLanguage: QueryLanguage;
}

/** ASL limits a state name to 80 characters. */
const MAX_NAME_LENGTH = 80;

export interface StateProps {
  /** A human-readable description rendered as `Comment`. @default no comment */
  readonly comment?: string;
  /**
   * How the state's fields are evaluated. A JSONPath state machine may hold JSONata states, a JSONata one only
   * JSONata states (Developer Guide, "Query languages"). @default the state machine's
   */
  readonly queryLanguage?: QueryLanguage;
}

export abstract class State implements IChainable {
  readonly startState: State = this;
  abstract readonly endStates: INextable[];

  protected constructor(
    readonly name: string,
    protected readonly baseProps: StateProps = {},
  ) {
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || /[\u0000-\u001f]/.test(name)) {
      throw new Error(
        `State name '${String(name)}' is invalid: a name must have 1 to ${MAX_NAME_LENGTH} characters and no control characters.`,
      );
    }
  }

  /** The ASL `Type` of this state. */
  abstract readonly type: string;

  /**
   * Renders the ASL object of this state (without the states it transitions to). `children` are the rendered
   * graphs of `childGraphs()`, in the same order.
   */
  abstract toAsl(children: readonly AslGraph[], context: RenderContext): AslState;

  /** The states of the same scope this state can transition to. */
  successors(): State[] {
    return [];
  }

  /** Nested graphs with a scope of their own (Map item processor, Parallel branches). */
  childGraphs(): IChainable[] {
    return [];
  }

  /** IAM statements the state machine's role needs for this state. */
  policyStatements(): PolicyStatement[] {
    return [];
  }

  /** The language the state is evaluated in: its own, else the state machine's; a JSONPath state in a JSONata machine is refused. */
  languageIn(context: RenderContext): QueryLanguage {
    const own = this.baseProps.queryLanguage;
    if (own !== undefined && own !== 'JSONPath' && own !== 'JSONata') {
      throw new Error(`State '${this.name}' queryLanguage: '${String(own)}' is not a query language; give 'JSONPath' or 'JSONata'.`);
    }
    if (context.queryLanguage === 'JSONata' && own === 'JSONPath') {
      throw new Error(
        `State '${this.name}' sets queryLanguage 'JSONPath', but the state machine is JSONata, and a JSONata state machine cannot hold JSONPath states ` +
          "(Developer Guide, \"Query languages\"). Make the state machine JSONPath and its other states JSONata, or rewrite this state in JSONata.",
      );
    }
    return own ?? context.queryLanguage;
  }

  protected header(): AslState {
    return {
      Type: this.type,
      ...(this.baseProps.comment !== undefined && { Comment: this.baseProps.comment }),
      ...(this.baseProps.queryLanguage !== undefined && { QueryLanguage: this.baseProps.queryLanguage }),
    };
  }
}

/** A state that ends in `Next` or `End: true` (everything but Choice, Succeed and Fail). */
export abstract class NextableState extends State implements INextable {
  private nextState?: State;

  get endStates(): INextable[] {
    return [this];
  }

  next(state: IChainable): Chain {
    if (this.nextState !== undefined) {
      throw new Error(
        `State '${this.name}' already continues with '${this.nextState.name}'; it cannot also continue with '${state.startState.name}'. Use a Choice state to branch.`,
      );
    }
    this.nextState = state.startState;
    return Chain.sequence(this, state);
  }

  successors(): State[] {
    return this.nextState ? [this.nextState] : [];
  }

  /** `Next` or `End`, rendered last so that a state reads top-down. */
  protected transition(): AslState {
    return this.nextState ? { Next: this.nextState.name } : { End: true };
  }
}

/**
 * An immutable sequence of states: `Chain.start(a).next(b).next(c)`. Every `next` returns a new chain whose
 * end is the end of what was added.
 */
export class Chain implements IChainable {
  static start(state: IChainable): Chain {
    return new Chain(state.startState, state.endStates, describe(state));
  }

  /** @internal */
  static sequence(first: IChainable, then: IChainable): Chain {
    return new Chain(first.startState, then.endStates, describe(then));
  }

  private constructor(
    readonly startState: State,
    readonly endStates: INextable[],
    private readonly lastDescription: string,
  ) {}

  next(state: IChainable): Chain {
    if (this.endStates.length === 0) {
      throw new Error(
        `Cannot continue with '${state.startState.name}' after ${this.lastDescription}: nothing can follow it. ` +
          `Attach '${state.startState.name}' to an earlier state instead (a Choice branch or a Catch handler), or, after a Choice, call .afterwards() first.`,
      );
    }
    for (const end of this.endStates) end.next(state);
    return new Chain(this.startState, state.endStates, describe(state));
  }
}

function describe(chainable: IChainable): string {
  const ends = chainable.endStates;
  if (ends.length === 1) return `'${ends[0].name}'`;
  const start = chainable.startState;
  if (ends.length === 0) {
    return ['Fail', 'Succeed', 'Choice'].includes(start.type)
      ? `'${start.name}' (a ${start.type} state)`
      : `the chain that starts at '${start.name}' (every path of it already ends)`;
  }
  return `the branches of '${start.name}'`;
}
