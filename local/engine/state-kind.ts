/**
 * What every state kind (./states) shares with the runner: the outcome of running a state, how a Parallel or Map runs
 * its nested states, and where a state goes next (ASL specification, "Transitions").
 */
import type { StateDefinition } from './definition';
import type { Frame } from './runtime';
import type { StateContext } from './state-context';
import type { QueryLanguageName } from './types';

/** What running a state gives: its output, the state to go to (none: the line ends), the variables it assigns. */
export interface StateOutcome {
  readonly output: unknown;
  readonly next?: string;
  readonly assigned?: Record<string, unknown>;
}

/** A nested machine: a Parallel branch or a Map's ItemProcessor. */
export interface StatesMachine {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateDefinition>>;
  readonly QueryLanguage?: QueryLanguageName;
}

export type RunStates = (machine: StatesMachine, input: unknown, frame: Frame) => Promise<unknown>;
export type StateKind = (ctx: StateContext, runStates: RunStates) => Promise<StateOutcome>;

/** Where a state goes when it does not end its line. */
export function transition(ctx: StateContext): string | undefined {
  return ctx.state.End === true ? undefined : (ctx.state.Next as string);
}
