import { mergeStatements, type PolicyStatement } from './iam';
import { partitionOf } from './partition';
import { nonNegativeInteger } from './states/error-handling';
import type { AslGraph, AslState, IChainable, QueryLanguage, RenderContext, State } from './states/state';
import { assertValidAsl } from './validate';
import { variableErrors } from './variables';

export interface StateMachineDefinitionProps {
  /** A name for messages (the stack's workflow name). */
  readonly name: string;
  /** The Region the state machine is deployed to: its partition goes into every integration's Resource ARN. */
  readonly region: string;
  /** The first state, or a chain of states. */
  readonly startWith: IChainable;
  /** Seconds before the execution fails with States.Timeout; every workflow sets one. */
  readonly timeoutSeconds: number;
  /** @default no comment */
  readonly comment?: string;
  /**
   * The language every state that names none is evaluated in. A JSONPath machine may hold JSONata states; a JSONata
   * machine only JSONata states (Developer Guide, "Query languages"). @default 'JSONPath' (rendered only when given)
   */
  readonly queryLanguage?: QueryLanguage;
}

export interface AslDefinition extends AslGraph {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly TimeoutSeconds: number;
}

/**
 * A whole state machine: walks the graph from its start, rejects graphs ASL cannot express (two states with
 * one name, a transition that crosses a Map/Parallel boundary), renders the ASL, checks it as AWS would (validate.ts),
 * and gathers the IAM statements of every state.
 */
export class StateMachineDefinition {
  readonly asl: AslDefinition;
  /** What the state machine's role must allow, merged and sorted. */
  readonly policyStatements: PolicyStatement[];

  constructor(props: StateMachineDefinitionProps) {
    nonNegativeInteger(props.timeoutSeconds, `State machine '${props.name}' timeoutSeconds`, 1);
    const queryLanguage = props.queryLanguage ?? 'JSONPath';
    if (queryLanguage !== 'JSONPath' && queryLanguage !== 'JSONata') {
      throw new Error(`State machine '${props.name}' queryLanguage: '${String(queryLanguage)}' is not a query language; give 'JSONPath' or 'JSONata'.`);
    }
    const walker = new GraphWalker({ partition: partitionOf(props.region), queryLanguage });
    const graph = walker.render(props.startWith, 'the top level');
    this.asl = {
      ...(props.comment !== undefined && { Comment: props.comment }),
      ...(props.queryLanguage !== undefined && { QueryLanguage: props.queryLanguage }),
      StartAt: graph.StartAt,
      States: graph.States,
      TimeoutSeconds: props.timeoutSeconds,
    };
    const variableProblems = variableErrors(this.asl);
    if (variableProblems.length > 0) {
      throw new Error(`The state machine definition '${props.name}' uses workflow variables wrongly:\n${variableProblems.map((p) => `  - ${p}`).join('\n')}`);
    }
    assertValidAsl(props.name, this.asl);
    this.policyStatements = mergeStatements(walker.statements);
  }

  /** The definition as Step Functions takes it; byte-stable for the same builders. */
  toJson(): string {
    return JSON.stringify(this.asl);
  }
}

class GraphWalker {
  readonly statements: PolicyStatement[] = [];
  private readonly byName = new Map<string, State>();
  private readonly scopeOf = new Map<State, string>();

  constructor(private readonly context: RenderContext) {}

  render(chain: IChainable, scope: string): AslGraph {
    const start = chain.startState;
    const cameFrom = new Map<State, State | undefined>([[start, undefined]]);
    const queue: State[] = [start];
    const states: Record<string, AslState> = {};
    while (queue.length > 0) {
      const state = queue.shift() as State;
      this.claim(state, scope, cameFrom.get(state));
      const children = state
        .childGraphs()
        .map((child, i) => this.render(child, state.type === 'Parallel' ? `branch ${i + 1} of Parallel '${state.name}'` : `the item processor of Map '${state.name}'`));
      states[state.name] = state.toAsl(children, this.context);
      this.statements.push(...state.policyStatements());
      for (const successor of state.successors()) {
        if (!cameFrom.has(successor)) {
          cameFrom.set(successor, state);
          queue.push(successor);
        }
      }
    }
    return { StartAt: start.name, States: states };
  }

  private claim(state: State, scope: string, from: State | undefined): void {
    const named = this.byName.get(state.name);
    if (named !== undefined && named !== state) {
      throw new Error(
        `Two different states are named '${state.name}'. State names must be unique in a state machine (Map and Parallel branches included); rename one of them.`,
      );
    }
    const owner = this.scopeOf.get(state);
    if (owner !== undefined && owner !== scope) {
      throw new Error(
        `State '${state.name}' belongs to ${owner}, but ${from ? `'${from.name}' in ${scope}` : scope} transitions to it. ` +
          'A transition cannot cross into or out of a Map item processor or Parallel branch (it would dangle); give each scope its own state.',
      );
    }
    this.byName.set(state.name, state);
    this.scopeOf.set(state, scope);
  }
}
