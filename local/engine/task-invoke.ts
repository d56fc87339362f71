/**
 * One attempt of a Task: the handler called, the Task's timeouts kept, the history events recorded (Developer Guide,
 * "Task state": TimeoutSeconds, HeartbeatSeconds; "Wait for a Callback with Task Token"; "Error handling":
 * States.Timeout, States.HeartbeatTimeout, States.DataLimitExceeded for a result over the quota).
 */
import { StatesError, STATES_ERRORS } from './errors';
import { json, NOT_TRUNCATED } from './history';
import { checkPayload } from './limits';
import type { ResourceInfo } from './resource';
import { throwIfAborted } from './runtime';
import type { StateContext } from './state-context';
import type { TaskHandler, TaskRequest } from './types';

/** Why an ended attempt's leftover work stops (one shared reason: an Error per attempt costs its stack). */
const ATTEMPT_ENDED = new Error('task attempt ended');

export interface TaskAttempt {
  readonly info: ResourceInfo;
  readonly parameters: unknown;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  /** The token issued for this attempt (`.waitForTaskToken`) and the promise SendTask* settles. */
  readonly callback?: { token: string; settled: Promise<unknown> };
}

class TaskTimedOut extends StatesError {}

/**
 * What a `.waitForTaskToken` Task's handler returns when it only delivered the token: the Task then waits for
 * SendTaskSuccess / SendTaskFailure on the Execution (any other value completes the Task with that value).
 */
export const AWAIT_CALLBACK: unique symbol = Symbol.for('local-engine.await-callback');

/** A handler's rejection as a StatesError (types.ts, TaskHandler). */
export function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof Error) return new StatesError(error.name, error.message);
  return new StatesError('Error', typeof error === 'string' ? error : JSON.stringify(error) ?? String(error));
}

export function findHandler(ctx: StateContext, resource: string): TaskHandler | undefined {
  const handlers = ctx.runtime.taskHandlers;
  return Object.hasOwn(handlers, ctx.name) ? handlers[ctx.name] : Object.hasOwn(handlers, resource) ? handlers[resource] : undefined;
}

function failureDetails(info: ResourceInfo, error: StatesError): Record<string, unknown> {
  const details: Record<string, unknown> = info.lambdaFunction ? {} : { resourceType: info.resourceType, resource: info.resource };
  details.error = error.error;
  if (error.cause !== '') details.cause = error.cause;
  return details;
}

/** Runs the attempt and returns the Task's raw result (before ResultSelector). */
export async function invokeTask(ctx: StateContext, attempt: TaskAttempt): Promise<unknown> {
  const { info, parameters } = attempt;
  const handler = findHandler(ctx, info.arn);
  if (!handler && !attempt.callback) {
    throw ctx.runtimeError(
      `No task handler for the state '${ctx.name}' or the resource '${info.arn}': give one in ExecutionOptions.taskHandlers.`,
    );
  }
  const frame = ctx.frame;
  const clock = ctx.runtime.clock;
  if (info.lambdaFunction) {
    const scheduled: Record<string, unknown> = { resource: info.arn, input: json(parameters), inputDetails: NOT_TRUNCATED };
    if (attempt.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = attempt.timeoutSeconds;
    frame.emit('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', scheduled);
    frame.emit('LambdaFunctionStarted');
  } else {
    const scheduled: Record<string, unknown> = {
      resourceType: info.resourceType,
      resource: info.resource,
      region: ctx.runtime.region,
      parameters: json(parameters),
    };
    if (attempt.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = attempt.timeoutSeconds;
    if (attempt.heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = attempt.heartbeatSeconds;
    frame.emit('TaskScheduled', 'taskScheduledEventDetails', scheduled);
    frame.emit('TaskStarted', 'taskStartedEventDetails', { resourceType: info.resourceType, resource: info.resource });
  }

  const control = new AbortController();
  const onOuterAbort = (): void => control.abort(frame.signal.reason);
  frame.signal.addEventListener('abort', onOuterAbort, { once: true });
  const stopped = new Promise<never>((_, reject) => {
    control.signal.addEventListener('abort', () => reject(control.signal.reason), { once: true });
  });
  stopped.catch(() => undefined);
  const guards: Promise<never>[] = [stopped];
  if (attempt.timeoutSeconds !== undefined) {
    guards.push(
      clock.sleep(attempt.timeoutSeconds * 1000, control.signal).then(() => {
        throw new TaskTimedOut(STATES_ERRORS.Timeout, '');
      }),
    );
  }
  try {
    let result: unknown;
    if (attempt.callback) {
      // The request was sent (TaskSubmitted); the task now waits for its token. A handler stands in for whoever
      // answers: its value completes the task, unless it returns AWAIT_CALLBACK (then SendTaskSuccess/Failure does).
      if (!info.lambdaFunction) {
        frame.emit('TaskSubmitted', 'taskSubmittedEventDetails', { resourceType: info.resourceType, resource: info.resource });
      }
      if (attempt.heartbeatSeconds !== undefined) guards.push(heartbeatGuard(ctx, attempt.callback.token, attempt.heartbeatSeconds, control.signal));
      const never = new Promise<never>(() => undefined);
      const answered = handler
        ? clock.track(call(handler, ctx, info, parameters, control.signal)).then((value) => (value === AWAIT_CALLBACK ? never : value))
        : never;
      result = await Promise.race([answered, clock.track(attempt.callback.settled, 'callback'), ...guards]);
    } else {
      result = await Promise.race([clock.track(call(handler!, ctx, info, parameters, control.signal)), ...guards]);
    }
    throwIfAborted(frame.signal);
    checkPayload(result, ctx.name, 'result');
    if (info.lambdaFunction) {
      frame.emit('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', { output: json(result), outputDetails: NOT_TRUNCATED });
    } else {
      frame.emit('TaskSucceeded', 'taskSucceededEventDetails', {
        resourceType: info.resourceType,
        resource: info.resource,
        output: json(result),
        outputDetails: NOT_TRUNCATED,
      });
    }
    return result;
  } catch (thrown) {
    throwIfAborted(frame.signal);
    const error = toStatesError(thrown);
    const timedOut = thrown instanceof TaskTimedOut;
    const type = info.lambdaFunction ? (timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed') : timedOut ? 'TaskTimedOut' : 'TaskFailed';
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    frame.emit(type, key, failureDetails(info, error));
    throw error;
  } finally {
    frame.signal.removeEventListener('abort', onOuterAbort);
    control.abort(ATTEMPT_ENDED);
    if (attempt.callback) ctx.runtime.tokens.close(attempt.callback.token);
  }
}

function call(handler: TaskHandler, ctx: StateContext, info: ResourceInfo, input: unknown, signal: AbortSignal): Promise<unknown> {
  const request: TaskRequest = {
    stateName: ctx.name,
    resource: info.arn,
    pattern: info.pattern,
    input,
    context: ctx.context(),
    retryCount: ctx.retryCount,
    signal,
  };
  try {
    return Promise.resolve(handler(request));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Rejects when no SendTaskHeartbeat (or success/failure) comes for `seconds`: with States.Timeout, as recorded AWS
 * executions show (the guide also names States.HeartbeatTimeout; AWS reports a missed heartbeat as States.Timeout).
 */
function heartbeatGuard(ctx: StateContext, token: string, seconds: number, signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    let beat = new AbortController();
    const arm = (): void => {
      ctx.runtime.clock.sleep(seconds * 1000, AbortSignal.any([signal, beat.signal])).then(
        () => reject(new TaskTimedOut(STATES_ERRORS.Timeout, '')),
        () => undefined,
      );
    };
    ctx.runtime.tokens.onHeartbeat(token, () => {
      beat.abort();
      beat = new AbortController();
      arm();
    });
    arm();
  });
}
