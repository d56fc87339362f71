/**
 * Running a line of states: enter a state (its <Type>StateEntered event), run it by its kind, leave it (its
 * <Type>StateExited event, with the variables its Assign set), and follow Next until a state ends the line
 * (ASL specification, "Transitions").
 */
import type { StateDefinition } from './definition';
import { queryLanguageOf } from './definition';
import { StatesError } from './errors';
import { json, NOT_TRUNCATED } from './history';
import { assignedVariablesDetails } from './io';
import { checkPayload } from './limits';
import { RetryCounter, type Retrier } from './retry';
import { applyCatch } from './catch';
import { throwIfAborted, type Frame } from './runtime';
import { StateContext } from './state-context';
import type { QueryLanguageName } from './types';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import { runWait } from './states/wait';

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

const KINDS: Readonly<Record<string, StateKind>> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

export async function runStates(machine: StatesMachine, input: unknown, frame: Frame): Promise<unknown> {
  let name = machine.StartAt;
  let value = input;
  for (;;) {
    throwIfAborted(frame.signal);
    const outcome = await runState(name, machine.States[name], value, frame);
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    value = outcome.output;
  }
}

async function runState(name: string, state: StateDefinition, input: unknown, frame: Frame): Promise<StateOutcome> {
  const type = state.Type as string;
  const enteredId = frame.emit(`${type}StateEntered`, 'stateEnteredEventDetails', {
    name,
    input: json(input),
    inputDetails: NOT_TRUNCATED,
  });
  const ctx = new StateContext(name, state, input, queryLanguageOf(state, frame.language), frame, enteredId, frame.runtime.clock.now());
  const outcome = await KINDS[type](ctx, runStates);
  checkPayload(outcome.output, name, 'output');
  const exited: Record<string, unknown> = { name, output: json(outcome.output), outputDetails: NOT_TRUNCATED };
  if (outcome.assigned) {
    frame.variables.assign(outcome.assigned);
    Object.assign(exited, assignedVariablesDetails(outcome.assigned));
  }
  frame.emit(`${type}StateExited`, 'stateExitedEventDetails', exited);
  return outcome;
}

/** Where a state goes when it does not end its line. */
export function transition(ctx: StateContext): string | undefined {
  return ctx.state.End === true ? undefined : (ctx.state.Next as string);
}

/** Runs `attempt` under the state's Retry and Catch (Task, Parallel, Map). */
export async function withRetryAndCatch(ctx: StateContext, attempt: () => Promise<StateOutcome>): Promise<StateOutcome> {
  const retries = new RetryCounter((ctx.state.Retry ?? []) as readonly Retrier[]);
  for (;;) {
    try {
      return await attempt();
    } catch (thrown) {
      if (!(thrown instanceof StatesError)) throw thrown;
      throwIfAborted(ctx.frame.signal);
      const retry = retries.next(thrown);
      if (retry) {
        await ctx.runtime.clock.sleep(retry.delayMs, ctx.frame.signal);
        ctx.retryCount += 1;
        continue;
      }
      const caught = await applyCatch(ctx, thrown);
      if (caught) return caught;
      throw thrown;
    }
  }
}
