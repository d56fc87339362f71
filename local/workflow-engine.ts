import { AuthorizedObjectStore } from './authorized-object-store';
import { S3ClientStore } from './engine/distributed-map/s3-client-store';
import { authorizeChildExecutions } from './map-run-access';
import { checkDefinition } from './asl';
import { AWAIT_CALLBACK, StateMachine, type Execution, type ExecutionOptions, type ExecutionOutcome, type HistoryEvent, type RedriveFrom, type TaskHandler as EngineTaskHandler } from './engine';
import { assertFaultsTarget, FaultInjector, type Fault } from './faults';
import { isStateEntered } from './history-events';
import type { CallerAccess, StackAuthorizer } from './iam';
import type { StateMachineModel } from './stack-model';
import { planTask, type TaskFactory } from './tasks/registry';
import type { LocalServices } from './tasks/services';

export type { HistoryEvent } from './engine';

/**
 * How long (real ms) an awaited task token holds the virtual clock before the clock may jump to the next timer, such
 * as that Task's TimeoutSeconds. Longer than the engine's default: here a token is often answered by a person or a
 * test over the local Step Functions API. A running Task handler holds the clock until it settles (every local
 * handler does: the Lambda host ends a function at its timeout, counted from when it runs, and the emulators
 * answer), so time a call spends queued behind busy function environments, or a slow machine, never lets the clock
 * jump past a timeout that AWS would not have reached.
 */
export const VIRTUAL_CLOCK_HOLD_MS = 10_000;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** An ended execution: DescribeExecution's answer, GetExecutionHistory's events, and the transitions AWS bills. */
export interface ExecutionResult {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** States entered (`…StateEntered` events), nested ones (Map iterations, Parallel branches) included. */
  readonly transitions: number;
  /** The execution's history, as GetExecutionHistory gives it. */
  readonly history: readonly HistoryEvent[];
  /** On the execution's clock (virtual unless real waits): what DescribeExecution would say. */
  readonly startDate: Date;
  readonly stopDate: Date;
  /** The run's wall time, in ms (absent in records read back from a data folder). */
  readonly wallMs?: number;
}

export interface RunOptions {
  readonly name: string;
  readonly input: unknown;
  readonly faults?: readonly Fault[];
  /** Wait states, retry intervals and timeouts take their real time. @default false (the engine's virtual clock) */
  readonly realWaits?: boolean;
  /** Task handlers that answer instead of the local ones (a mock configuration's test case), by state name. */
  readonly taskHandlers?: Readonly<Record<string, EngineTaskHandler>>;
  readonly onEvent?: (event: HistoryEvent, executionName: string) => void;
  /** Continue this earlier execution from its history (RedriveExecution): the engine's ExecutionOptions.redriveFrom. */
  readonly redriveFrom?: RedriveFrom;
  /** Counts the faults' attempts; an execution and its redrives share one. @default a new one over `faults` */
  readonly faultInjector?: FaultInjector;
  /** Told of each Distributed Map's Map Run (DescribeMapRun, ListMapRuns). */
  readonly onMapRun?: ExecutionOptions['onMapRun'];
  /** Told of each ended child execution of a Distributed Map. */
  readonly onChildExecution?: ExecutionOptions['onChildExecution'];
}

export interface RunningExecution {
  /** The engine's handle: StopExecution and SendTask* go to it. */
  readonly execution: Execution;
  readonly result: Promise<ExecutionResult>;
  abort(): void;
}

/**
 * A state machine ready to run on the project's engine (local/engine): its definition checked, and every Task state
 * (nested ones included) bound to a local handler. Building one fails, before anything runs, on a Resource with no
 * local stand-in. Its service calls (Tasks, a Distributed Map's S3) are made as a session of its role, authorized
 * by `authorizer` (`--iam`).
 */
export class LocalWorkflow {
  readonly tasks: ReadonlyMap<string, string>;
  private readonly factories = new Map<string, TaskFactory>();
  private readonly machine: StateMachine;
  /** The state machine's role session (Step Functions assumes the role for the calls it makes). */
  private readonly access: CallerAccess;

  constructor(
    readonly model: StateMachineModel,
    private readonly services: () => LocalServices,
    authorizer: StackAuthorizer,
  ) {
    this.access = authorizer.forRole(model.roleArn, `state machine ${model.name}`);
    this.tasks = checkDefinition(model.name, model.definition).tasks;
    for (const [state, resource] of this.tasks) this.factories.set(state, planTask(resource, state, model.name));
    this.machine = new StateMachine(model.definition, {
      name: model.name,
      arn: model.arn,
      roleArn: model.roleArn,
      type: model.type,
      // A Distributed Map reads and writes the local S3 (the emulators start after the workflows are built).
      objectStore: new AuthorizedObjectStore(new S3ClientStore(() => this.services().s3), () => this.access, 'Distributed Map'),
      // A Map Run starts executions of this state machine as its role.
      authorizeChildExecutions: authorizeChildExecutions(() => this.access),
      virtualClockHoldMs: VIRTUAL_CLOCK_HOLD_MS,
      virtualClockWorkHoldMs: Infinity,
    });
  }

  get executionArnPrefix(): string {
    return this.model.arn.replace(':stateMachine:', this.model.type === 'EXPRESS' ? ':express:' : ':execution:');
  }

  assertFaults(faults: readonly Fault[]): void {
    assertFaultsTarget(faults, this.tasks, this.model.name);
  }

  /** Starts one execution. Faults naming states this machine does not have are ignored here (see assertFaults). */
  run(options: RunOptions): RunningExecution {
    const injector = options.faultInjector ?? new FaultInjector(options.faults ?? []);
    const services = this.services();
    const caller = { access: this.access, region: this.model.arn.split(':')[3] };
    const local = [...this.factories].map(([state, factory]) => [state, factory(services, caller)] as const);
    const handlers: Record<string, EngineTaskHandler> = {};
    for (const [state, handler] of local) {
      // `.waitForTaskToken`: the call delivers the token; SendTaskSuccess/Failure on the local API ends the wait.
      handlers[state] = async (request) => {
        const answer = await handler(request.input, request.signal);
        return request.pattern === 'waitForTaskToken' ? AWAIT_CALLBACK : answer;
      };
    }
    Object.assign(handlers, options.taskHandlers);
    for (const [state, handler] of Object.entries(handlers)) {
      handlers[state] = async (request) => {
        injector.check(state);
        return handler(request);
      };
    }
    const execution = this.machine.start({
      name: options.name,
      input: options.input,
      taskHandlers: handlers,
      clock: options.realWaits ? 'real' : 'virtual',
      onEvent: (event) => options.onEvent?.(event, options.name),
      ...(options.redriveFrom && { redriveFrom: options.redriveFrom }),
      ...(options.onMapRun && { onMapRun: options.onMapRun }),
      ...(options.onChildExecution && { onChildExecution: options.onChildExecution }),
    });
    const started = performance.now();
    const result = execution.done.then((outcome) => ({ ...toResult(outcome), wallMs: Math.round(performance.now() - started) }));
    return { execution, result, abort: () => execution.stop() };
  }
}

function toResult(outcome: ExecutionOutcome): ExecutionResult {
  const { history } = outcome;
  return {
    executionArn: outcome.executionArn,
    stateMachineArn: outcome.stateMachineArn,
    name: outcome.name,
    status: outcome.status,
    input: outcome.input,
    ...(outcome.output !== undefined && { output: outcome.output }),
    ...(outcome.error !== undefined && { error: outcome.error }),
    ...(outcome.cause !== undefined && { cause: outcome.cause }),
    transitions: history.filter(isStateEntered).length,
    history,
    startDate: outcome.startDate,
    stopDate: outcome.stopDate,
  };
}
