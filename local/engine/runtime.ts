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
import type { ExecutionType, QueryLanguageName, TaskHandler } from './types';
import { VariableScope } from './variables';

/** The seam where a Distributed Map's item source and child runner plug in (./distributed-map). */
export interface DistributedMapRunner {
  /** Reads the items an ItemReader names (S3 JSON, JSON Lines, CSV, manifests, object listings). */
  readItems(reader: Readonly<Record<string, unknown>>, input: unknown, stateName: string): Promise<unknown[]>;
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
  readonly distributedMap?: DistributedMapRunner;
}

export class Frame {
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
