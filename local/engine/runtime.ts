/**
 * What every state of one execution shares (the Runtime) and what one line of states shares (a Frame: the top-level
 * states, one Parallel branch, one Map iteration): its variables, its abort signal, and the last history event it
 * recorded (the next event's previousEventId).
 */
import type { Clock } from './clock';
import type { ExecutionFacts } from './context-object';
import type { QueryLanguages } from './languages';
import type { History } from './history';
import type { TaskTokens } from './task-tokens';
import type { ObjectStore } from './distributed-map/object-store';
import type { ChildrenStart } from './distributed-map/run-distributed-map';
import type { MachineDefinition } from './definition';
import type { ExecutionOptions, ExecutionOutcome, ExecutionType, QueryLanguageName, TaskHandler } from './types';
import { VariableScope } from './variables';

/** A redrive's outputs of the iterations (by index) or branches (by position) not to run again (./redrive-nested.ts). */
export interface NestedResults {
  readonly stateName: string;
  readonly outputs: ReadonlyMap<number, unknown>;
  /** Map: the number of items the earlier run had (a different count runs every item again). */
  readonly itemCount?: number;
}

/** A child workflow execution a Distributed Map starts (Developer Guide, "Map state in Distributed mode"). */
export interface ChildExecutionRequest {
  /** The ItemProcessor, as the child's state machine (its QueryLanguage resolved). */
  readonly definition: MachineDefinition;
  readonly input: unknown;
  readonly name: string;
  readonly executionArn: string;
  /** `…:stateMachine:<parent machine>/<label>` and `<parent machine>/<label>`. */
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly type: ExecutionType;
  readonly mapRunArn: string;
  readonly index: number;
  readonly itemCount: number;
  /** Aborted when the Map Run fails or the parent stops: the child ends ABORTED. */
  readonly signal: AbortSignal;
}

export interface Runtime {
  readonly clock: Clock;
  readonly history: History;
  readonly languages: QueryLanguages;
  readonly facts: ExecutionFacts;
  readonly taskHandlers: Readonly<Record<string, TaskHandler>>;
  readonly type: ExecutionType;
  readonly region: string;
  readonly tokens: TaskTokens;
  /** S3, for a Distributed Map's ItemReader and ResultWriter. */
  readonly objectStore?: ObjectStore;
  /** EngineOptions.authorizeChildExecutions, its time holding the clock as work does. */
  readonly authorizeChildExecutions?: (start: ChildrenStart) => Promise<void>;
  /** ExecutionOptions.onMapRun: told when a Distributed Map's Map Run starts and ends. */
  readonly onMapRun?: ExecutionOptions['onMapRun'];
  /** Runs a child workflow execution to its end, with its own context object, history and quota. */
  runChildExecution(request: ChildExecutionRequest): Promise<ExecutionOutcome>;
}

export class Frame {
  /** A continued execution's top-level frame: the iterations or branches its first state need not run again. */
  nested: NestedResults | undefined;

  constructor(
    readonly runtime: Runtime,
    readonly variables: VariableScope,
    readonly signal: AbortSignal,
    /** The query language of the machine (or branch, or item processor) these states belong to. */
    readonly language: QueryLanguageName | undefined,
    public lastEventId: number,
  ) {}

  /** Records an event after this frame's last one. */
  emit(type: string, detailsKey?: string, details?: Record<string, unknown>): number {
    const id = this.runtime.history.add(type, this.lastEventId, detailsKey, details);
    this.lastEventId = id;
    return id;
  }

  /** A nested line of states (a branch, an iteration) starting after `afterEventId`. */
  child(signal: AbortSignal, language: QueryLanguageName | undefined, afterEventId: number, variables?: VariableScope): Frame {
    return new Frame(this.runtime, variables ?? this.variables.child(), signal, language, afterEventId);
  }
}

/** Why a frame stopped without failing: the execution was stopped or timed out, or a sibling failed. */
export class Interrupted extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Interrupted';
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Interrupted(String(signal.reason));
}
