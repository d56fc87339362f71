/**
 * Runs a conformance case on an engine and says how its outcome differs from AWS's (the case's expectation).
 * The engine is passed in (`runExecution`), so that this file needs only the engine's types; the test file gives it
 * the engine's public API. (A baseline script gave it aws-local-stepfunctions 3.0 before that interpreter was
 * removed: 303 of these 495 cases ended as AWS ends them there, 0 of the JSONata ones.)
 */
import { StatesError } from '../../../../local/engine/errors';
import type { ExecutionOptions, ExecutionOutcome, ExecutionStatus, TaskHandler, TaskRequest } from '../../../../local/engine/types';
import { RUN, type ConformanceCase, type TaskStep } from './case';
import { compareJson, jsonEquals } from './match';

/** The engine's public entry point, as `local/engine/index.ts` exports it. */
export type RunExecution = (definition: Readonly<Record<string, unknown>>, options: ExecutionOptions) => Promise<ExecutionOutcome>;

/** What any engine answered, reduced to what a case checks. */
export interface Observed {
  readonly status: ExecutionStatus | string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** The history's event types in order; undefined when the engine records none. */
  readonly historyTypes?: readonly string[];
  readonly wallMs: number;
}

/** A Task state's scripted attempts: each call takes the next step; the last step repeats. */
export class TaskScript {
  private calls = 0;
  constructor(private readonly steps: readonly TaskStep[]) {}

  next(input: unknown): Exclude<TaskStep, { when: unknown }> {
    const step = this.steps[Math.min(this.calls, this.steps.length - 1)];
    this.calls += 1;
    if (step === undefined) throw new Error('a Task script needs at least one step');
    return resolveStep(step, input);
  }
}

function resolveStep(step: TaskStep, input: unknown): Exclude<TaskStep, { when: unknown }> {
  if (!('when' in step)) return step;
  const chosen = step.when.find((w) => jsonEquals(w.input, input));
  return resolveStep(chosen?.then ?? step.else, input);
}

/** The case's Task scripts as the new engine's TaskHandlers (keyed by state name). */
export function engineHandlers(c: ConformanceCase): Record<string, TaskHandler> {
  return Object.fromEntries(
    Object.entries(c.taskResults ?? {}).map(([state, steps]) => {
      const script = new TaskScript(steps);
      const handler: TaskHandler = (request: TaskRequest) => {
        const step = script.next(request.input);
        if ('return' in step) return Promise.resolve(step.return);
        if ('echo' in step) return Promise.resolve(request.input);
        if ('throw' in step) return Promise.reject(new StatesError(step.throw.error, step.throw.cause));
        return new Promise<unknown>((_resolve, reject) => {
          const give = () => reject(new StatesError('Hang.Aborted', 'the engine gave up on this attempt'));
          if (request.signal.aborted) give();
          else request.signal.addEventListener('abort', give, { once: true });
        });
      };
      return [state, handler];
    }),
  );
}

/** The differences between what an engine answered and what AWS answers; empty when they agree. */
export function checkOutcome(c: ConformanceCase, seen: Observed): string[] {
  const { expect } = c;
  const problems: string[] = [];
  if (seen.status !== expect.status) {
    problems.push(`status: expected ${expect.status}, got ${seen.status} (error ${JSON.stringify(seen.error)}, cause ${JSON.stringify(seen.cause)?.slice(0, 300)})`);
  }
  if (expect.output !== undefined) problems.push(...compareJson(expect.output, seen.output, expect.keyOrder ?? false, 'output'));
  const absentOr = (v: string | undefined) => (v === undefined ? null : v);
  if (expect.error !== undefined && absentOr(seen.error) !== expect.error) {
    problems.push(`error: expected ${JSON.stringify(expect.error)}, got ${JSON.stringify(seen.error)}`);
  }
  if (expect.cause !== undefined && absentOr(seen.cause) !== expect.cause) {
    problems.push(`cause: expected ${JSON.stringify(expect.cause)}, got ${JSON.stringify(seen.cause)}`);
  }
  if (expect.causeMatches !== undefined && !(typeof seen.cause === 'string' && new RegExp(expect.causeMatches).test(seen.cause))) {
    problems.push(`cause: expected to match /${expect.causeMatches}/, got ${JSON.stringify(seen.cause)}`);
  }
  problems.push(...checkHistory(c, seen.historyTypes));
  const maxWallMs = c.maxWallMs ?? 10_000;
  if (seen.wallMs > maxWallMs) problems.push(`wall time: ${Math.round(seen.wallMs)} ms, more than ${maxWallMs} ms`);
  return problems;
}

function checkHistory(c: ConformanceCase, types: readonly string[] | undefined): string[] {
  const h = c.history;
  if (h === undefined) return [];
  if (types === undefined) return ['history: the engine recorded none'];
  const problems: string[] = [];
  if (h.types !== undefined && h.types.join(',') !== types.join(',')) {
    problems.push(`history: expected ${JSON.stringify(h.types)}, got ${JSON.stringify(types)}`);
  }
  if (h.includes !== undefined) {
    let at = 0;
    for (const wanted of h.includes) {
      const found = types.indexOf(wanted, at);
      if (found < 0) {
        problems.push(`history: expected ${JSON.stringify(h.includes)} in this order, missing ${wanted} (from event ${at + 1}) in ${JSON.stringify(types)}`);
        break;
      }
      at = found + 1;
    }
  }
  for (const banned of h.excludes ?? []) if (types.includes(banned)) problems.push(`history: ${banned} must not occur, got ${JSON.stringify(types)}`);
  return problems;
}

/** Runs a case on the new engine and returns the differences from AWS. */
export async function runCase(c: ConformanceCase, runExecution: RunExecution): Promise<{ problems: string[]; outcome: ExecutionOutcome }> {
  const started = performance.now();
  const outcome = await runExecution(c.definition, {
    input: c.input ?? {},
    name: RUN.executionName,
    taskHandlers: engineHandlers(c),
    clock: 'virtual',
    startTime: new Date(RUN.startTime),
  });
  const seen: Observed = {
    status: outcome.status,
    output: outcome.output,
    error: outcome.error,
    cause: outcome.cause,
    historyTypes: outcome.history.map((e) => e.type),
    wallMs: performance.now() - started,
  };
  return { problems: checkOutcome(c, seen), outcome };
}
