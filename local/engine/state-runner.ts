/**
 * Running a line of states: enter a state (its <Type>StateEntered event), run it by its kind, leave it (its
 * <Type>StateExited event, with the variables its Assign set), and follow Next until a state ends the line
 * (ASL specification, "Transitions").
 */
import type { StateDefinition } from './definition';
import { queryLanguageOf } from './definition';
import { json, NOT_TRUNCATED } from './history';
import { assignedVariablesDetails } from './io';
import { checkPayload } from './limits';
import { throwIfAborted, type Frame } from './runtime';
import { StateContext } from './state-context';
import type { StateKind, StateOutcome, StatesMachine } from './state-kind';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import { runWait } from './states/wait';

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

/** Runs `machine` from its StartAt (or, continuing an execution, from `startAt`). */
export async function runStates(machine: StatesMachine, input: unknown, frame: Frame, startAt = machine.StartAt): Promise<unknown> {
  let name = startAt;
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
