/**
 * A state machine: a definition the engine can run (checked when constructed), and its executions.
 *
 *   const machine = new StateMachine(definition, { name: 'Orders' });
 *   const outcome = await machine.run({ input: { id: 1 }, taskHandlers: { Charge: async ({ input }) => ({ ok: true }) } });
 */
import type { MachineDefinition } from './definition';
import { InvalidStateMachineDefinition, readDefinition } from './definition';
import { RunningExecution, type MachineFacts } from './execution';
import { defaultLanguages, type QueryLanguages } from './languages';
import type { ObjectStore } from './distributed-map/object-store';
import type { ChildrenStart } from './distributed-map/run-distributed-map';
import type { Execution, ExecutionOptions, ExecutionOutcome, StateMachineOptions } from './types';

/** What the engine itself needs beyond what CreateStateMachine fixes. */
export interface EngineOptions {
  /** The query languages. @default the engine's own (./jsonpath, ./jsonata) */
  readonly languages?: QueryLanguages;
  /**
   * The S3 a Distributed Map reads its items from (ItemReader) and writes its results to (ResultWriter): an
   * `InMemoryObjectStore`, or `S3ClientStore` (`./distributed-map/s3-client-store`) over an AWS SDK v3 S3Client.
   * Without one, a Map with an ItemReader or a ResultWriter that exports is refused when the machine is constructed.
   */
  readonly objectStore?: ObjectStore;
  /**
   * Called before a Distributed Map's Map Run starts its first child execution: the state machine's role must be
   * allowed to start executions of its own state machine (Developer Guide, "IAM policies for using Distributed Map
   * states"). Reject with a StatesError to fail the Map Run with it. @default nothing is checked
   */
  readonly authorizeChildExecutions?: (start: ChildrenStart) => Promise<void>;
  /**
   * Virtual clock: how long (real ms) an awaited task token, and unless `virtualClockWorkHoldMs` says otherwise a
   * running Task handler, holds the clock before it may jump to the next timer (such as that Task's own timeout).
   * @default 1500
   */
  readonly virtualClockHoldMs?: number;
  /**
   * Virtual clock: how long (real ms) a running Task handler (or object store I/O) holds the clock; `Infinity` for
   * handlers that always settle, so that time spent queued or working never lets the clock jump past a timeout.
   * @default virtualClockHoldMs
   */
  readonly virtualClockWorkHoldMs?: number;
  /**
   * The history quota: the execution fails with States.Runtime when it would record more events. For measuring the
   * engine beyond AWS's quota only. @default 25,000 for a STANDARD workflow (AWS's quota), none for EXPRESS
   */
  readonly maxHistoryEvents?: number;
}

export type MachineOptions = StateMachineOptions & EngineOptions;

/** A definition the engine reads but cannot run here (named error, the state and what to do). */
export class UnsupportedDefinition extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDefinition';
  }
}

const DEFAULT_ARN_PREFIX = 'arn:aws:states:us-east-1:123456789012:stateMachine:';

function refuseUnrunnable(definition: MachineDefinition, options: MachineOptions): void {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Map') {
      const writer = state.ResultWriter as { Resource?: unknown } | undefined;
      const field = state.ItemReader !== undefined ? 'an ItemReader' : writer?.Resource !== undefined ? 'a ResultWriter that writes to S3' : undefined;
      if (field && !options.objectStore) {
        throw new UnsupportedDefinition(
          `State '${name}': a Distributed Map with ${field} needs S3; give the engine an object store (EngineOptions.objectStore: an InMemoryObjectStore, or an S3ClientStore over an S3 client).`,
        );
      }
      refuseUnrunnable((state.ItemProcessor ?? state.Iterator) as MachineDefinition, options);
    }
    if (state.Type === 'Parallel') for (const branch of state.Branches as MachineDefinition[]) refuseUnrunnable(branch, options);
  }
}

export class StateMachine {
  readonly definition: MachineDefinition;
  readonly name: string;
  readonly arn: string;
  readonly roleArn: string;
  private readonly facts: MachineFacts;

  /** @throws InvalidStateMachineDefinition, UnsupportedDefinition (each naming the state and what to change) */
  constructor(definition: unknown, options: MachineOptions = {}) {
    this.definition = readDefinition(definition);
    refuseUnrunnable(this.definition, options);
    this.name = options.name ?? (options.arn ? options.arn.split(':').pop()! : 'StateMachine');
    this.arn = options.arn ?? `${DEFAULT_ARN_PREFIX}${this.name}`;
    const parts = this.arn.split(':');
    if (parts.length < 7 || parts[2] !== 'states') {
      throw new InvalidStateMachineDefinition(`The state machine ARN '${this.arn}' is not valid: use arn:<partition>:states:<region>:<account>:stateMachine:<name>.`);
    }
    const [, partition, , region, account] = parts;
    this.roleArn = options.roleArn ?? `arn:${partition}:iam::${account}:role/${this.name}-role`;
    this.facts = {
      definition: this.definition,
      name: this.name,
      arn: this.arn,
      roleArn: this.roleArn,
      type: options.type ?? 'STANDARD',
      region,
      languages: options.languages ?? defaultLanguages(),
      objectStore: options.objectStore,
      authorizeChildExecutions: options.authorizeChildExecutions,
      virtualClockHoldMs: options.virtualClockHoldMs,
      virtualClockWorkHoldMs: options.virtualClockWorkHoldMs,
      maxHistoryEvents: options.maxHistoryEvents,
    };
  }

  /** StartExecution: the execution runs at once; its `done` settles with the outcome. */
  start(options: ExecutionOptions = {}): Execution {
    return new RunningExecution(this.facts, options);
  }

  /** Starts an execution and waits for its outcome. */
  run(options: ExecutionOptions = {}): Promise<ExecutionOutcome> {
    return this.start(options).done;
  }
}

/** runExecution's options: `name` is the execution's name; the machine's is `stateMachineName` (or the ARN's). */
export type RunExecutionOptions = ExecutionOptions & Omit<MachineOptions, 'name'> & { readonly stateMachineName?: string };

/** Runs one execution of a definition: `runExecution(definition, { input, taskHandlers })`. */
export function runExecution(definition: unknown, options: RunExecutionOptions = {}): Promise<ExecutionOutcome> {
  const { name: _executionName, stateMachineName, ...machineOptions } = options;
  return new StateMachine(definition, { ...machineOptions, name: stateMachineName }).run(options);
}
