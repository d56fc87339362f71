import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { prepareDefinition, type PreparedDefinition } from './asl';
import { assertFaultsTarget, FaultInjector, type Fault } from './faults';
import type { StateMachineModel } from './stack-model';
import type { LocalServices } from './tasks/services';
import { planTask, type TaskFactory } from './tasks/registry';

/** One event of an execution's log (aws-local-stepfunctions' EventLog): StateEntered, StateFailed, … */
export type ExecutionEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionResult {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** States entered, nested ones (Map iterations, Parallel branches) included. */
  readonly transitions: number;
  readonly events: readonly ExecutionEvent[];
  readonly startDate: Date;
  readonly stopDate: Date;
}

export interface RunOptions {
  readonly executionArn: string;
  readonly name: string;
  readonly input: unknown;
  readonly faults?: readonly Fault[];
  /** Wait states and retry intervals take their real time. @default false (they are skipped) */
  readonly realWaits?: boolean;
  readonly onEvent?: (event: ExecutionEvent, executionName: string) => void;
}

export interface RunningExecution {
  readonly result: Promise<ExecutionResult>;
  abort(): void;
}

/**
 * A state machine ready to run on aws-local-stepfunctions: its definition checked and rewritten, and every Task
 * state bound to a local handler. Building one fails, before anything runs, on a Resource with no local stand-in.
 */
export class LocalWorkflow {
  readonly prepared: PreparedDefinition;
  private readonly factories = new Map<string, TaskFactory>();
  private readonly interpreter: StateMachine;

  constructor(
    readonly model: StateMachineModel,
    private readonly services: () => LocalServices,
  ) {
    this.prepared = prepareDefinition(model.name, model.definition);
    for (const [state, resource] of this.prepared.tasks) this.factories.set(state, planTask(resource, state, model.name));
    // Validated above with the project's asl-validator; the interpreter's older copy would only repeat it.
    this.interpreter = new StateMachine(this.prepared.definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  }

  assertFaults(faults: readonly Fault[]): void {
    assertFaultsTarget(faults, this.prepared.tasks, this.model.name);
  }

  /** Starts one execution. Faults naming states this machine does not have are ignored here (see assertFaults). */
  run(options: RunOptions): RunningExecution {
    const injector = new FaultInjector(options.faults ?? []);
    const services = this.services();
    const handlers = Object.fromEntries(
      [...this.factories].map(([state, factory]) => {
        const handler = factory(services);
        const faultyHandler = async (input: unknown) => {
          injector.check(state);
          return handler(input);
        };
        return [state, faultyHandler];
      }),
    );
    const skip = (names: readonly string[]) => (options.realWaits ? undefined : Object.fromEntries(names.map((n) => [n, 0])));
    const startDate = new Date();
    const execution = this.interpreter.run(options.input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        waitTimeOverrides: skip(this.prepared.waitStates),
        retryIntervalOverrides: skip(this.prepared.retryStates),
      },
      context: {
        Execution: { Id: options.executionArn, Name: options.name, RoleArn: this.model.roleArn },
        StateMachine: { Id: this.model.arn, Name: this.model.name },
      },
    });
    const events: ExecutionEvent[] = [];
    const collecting = (async () => {
      for await (const event of execution.eventLogs) {
        events.push(event);
        try {
          options.onEvent?.(event, options.name);
        } catch {
          // An observer's mistake must not change the execution's outcome.
        }
      }
    })();
    const result = (async (): Promise<ExecutionResult> => {
      const base = { executionArn: options.executionArn, stateMachineArn: this.model.arn, name: options.name, input: options.input, startDate };
      let outcome: Pick<ExecutionResult, 'status' | 'output' | 'error' | 'cause'>;
      try {
        outcome = { status: 'SUCCEEDED', output: await execution.result };
      } catch (err) {
        outcome = this.failure(err);
      }
      await collecting;
      const transitions = events.filter((e) => e.type === 'StateEntered').length;
      return { ...base, ...outcome, transitions, events, stopDate: new Date() };
    })();
    return { result, abort: () => execution.abort() };
  }

  private failure(err: unknown): Pick<ExecutionResult, 'status' | 'error' | 'cause'> {
    if (err instanceof ExecutionTimeoutError) {
      return { status: 'TIMED_OUT', error: 'States.Timeout', cause: `The execution ran longer than its TimeoutSeconds (${this.prepared.definition.TimeoutSeconds} s).` };
    }
    if (err instanceof ExecutionAbortedError) return { status: 'ABORTED' };
    const cause = err instanceof ExecutionError && err.cause instanceof Error ? err.cause : (err as Error);
    // A Fail state without Error/Cause: the interpreter fills in placeholders where AWS reports none.
    const error = cause.name === 'FailStateError' ? undefined : cause.name;
    const text = cause.message === 'Execution failed because of a Fail state' ? undefined : cause.message;
    return { status: 'FAILED', ...(error !== undefined && { error }), ...(text !== undefined && { cause: text }) };
  }
}
