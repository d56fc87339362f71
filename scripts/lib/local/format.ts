import { detailsOf, enteredStateType, type ExecutionResult, type HistoryEvent, type LambdaLogLine, type Snapshot, type SnapshotDiff } from '../../../local';

/** The `--json` contract of `npm run local`: one object, every key always present. */
export interface JsonReport {
  readonly status: ExecutionResult['status'];
  readonly output: unknown;
  readonly error: string | null;
  readonly cause: string | null;
  readonly transitions: number;
  readonly tables: Snapshot['tables'];
  readonly buckets: Snapshot['buckets'];
  readonly messages: Snapshot['messages'];
}

export function jsonReport(result: ExecutionResult, after: Snapshot): JsonReport {
  return {
    status: result.status,
    output: result.output ?? null,
    error: result.error ?? null,
    cause: result.cause ?? null,
    transitions: result.transitions,
    tables: after.tables,
    buckets: after.buckets,
    messages: after.messages,
  };
}

/** JSON on one line, cut at `max` characters. */
export function compact(value: unknown, max = 160): string {
  return cut(JSON.stringify(value) ?? 'undefined', max);
}

/** Text on one line, cut at `max` characters. */
function cut(text: string, max: number): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What one line of work (the execution, a branch, a Map iteration) was doing at an event. */
interface Line {
  readonly state?: string;
  readonly item?: number;
  /** The error of the failure event this one follows. */
  readonly failure?: string;
  /** Failed attempts of the current state so far. */
  readonly attempts: number;
  /** This event left a state after a failure (a Catch). */
  readonly caught?: boolean;
}

const FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStartFailed', 'MapStateFailed', 'ParallelStateFailed']);
const RESTARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'MapStateStarted', 'ParallelStateStarted']);

/**
 * Progress lines from an execution's history events (GetExecutionHistory's shape), as they are recorded: states
 * entered with their type, failures with their error and the first line of their cause, retries (a failed attempt
 * followed by the state's next attempt), catches (a state left after a failure), Map iteration failures. Events
 * inside a Map iteration carry its index; events of another execution (one a function started) carry its name.
 * One tracker per run: it follows each line of work through `previousEventId`.
 */
export class ProgressTracker {
  private readonly lines = new Map<string, Map<number, Line>>();

  format(event: HistoryEvent, executionName: string, mainExecution: string): string | undefined {
    const where = executionName === mainExecution ? '' : `[${executionName}] `;
    const lines = this.lines.get(executionName) ?? new Map<number, Line>();
    this.lines.set(executionName, lines);
    const before: Line = lines.get(event.previousEventId) ?? { attempts: 0 };
    const details = detailsOf(event);
    const iteration = (line: Line) => (line.item !== undefined ? ` [item ${line.item}]` : '');
    const say = (text: string, line: Line = before) => `  ${where}${text}${iteration(line)}`;
    const kind = enteredStateType(event);
    if (kind !== undefined) {
      const line: Line = { state: String(details.name), item: before.item, attempts: 0 };
      lines.set(event.id, line);
      const entered = say(`→ ${line.state} (${kind})`, line);
      return before.caught ? `${say(`    ⤷ caught, going to ${line.state}`)}\n${entered}` : entered;
    }
    if (event.type === 'MapIterationStarted') {
      lines.set(event.id, { item: typeof details.index === 'number' ? details.index : undefined, attempts: 0 });
      return undefined;
    }
    if (FAILURES.has(event.type)) {
      // MapStateFailed and ParallelStateFailed carry no error: the failure that caused them was shown already.
      if (details.error === undefined) {
        lines.set(event.id, { ...before, failure: before.failure ?? event.type, attempts: before.attempts + 1 });
        return undefined;
      }
      const error = String(details.error);
      lines.set(event.id, { ...before, failure: error, attempts: before.attempts + 1 });
      return say(`    ✗ ${error}${typeof details.cause === 'string' && details.cause !== '' ? `: ${firstLine(details.cause)}` : ''}`);
    }
    if (RESTARTS.has(event.type) && before.failure !== undefined) {
      lines.set(event.id, { ...before, failure: undefined });
      return say(`    ↻ retry ${before.attempts} of ${before.state ?? 'the state'}`);
    }
    if (event.type.endsWith('StateExited')) {
      lines.set(event.id, { ...before, caught: before.failure !== undefined, failure: undefined });
      return undefined;
    }
    if (event.type === 'MapIterationFailed') {
      lines.set(event.id, { ...before, item: undefined });
      return say(`    ✗ item ${String(details.index)} of ${String(details.name)} failed${before.failure ? `: ${before.failure}` : ''}`, { attempts: 0 });
    }
    lines.set(event.id, before);
    if (!where) return undefined;
    if (event.type === 'ExecutionStarted') return `  ${where}started with ${cut(String(details.input), 160)}`;
    if (event.type === 'ExecutionSucceeded') return `  ${where}succeeded`;
    if (event.type === 'ExecutionFailed' || event.type === 'ExecutionTimedOut' || event.type === 'ExecutionAborted') {
      const what = { ExecutionFailed: 'failed', ExecutionTimedOut: 'timed out', ExecutionAborted: 'aborted' }[event.type];
      return `  ${where}${what}${details.error !== undefined ? `: ${String(details.error)}` : ''}`;
    }
    return undefined;
  }
}

export function formatLog(line: LambdaLogLine): string {
  return `      │ ${line.functionName}: ${line.line}`;
}

/**
 * How long the execution took: on its own clock (what AWS would report), and the wall time when the virtual clock
 * made them differ (`6044 ms on the execution's clock, 9 ms of wall time`).
 */
export function durationText(result: ExecutionResult): string {
  const ms = result.stopDate.getTime() - result.startDate.getTime();
  if (result.wallMs === undefined || Math.abs(ms - result.wallMs) < 50) return `${ms} ms`;
  return `${ms} ms on the execution's clock, ${result.wallMs} ms of wall time`;
}

export function formatResult(result: ExecutionResult): string[] {
  const mark = result.status === 'SUCCEEDED' ? '✓' : '✗';
  const lines = [`${mark} ${result.status} in ${durationText(result)}, ${result.transitions} state${result.transitions === 1 ? '' : 's'} entered`];
  if (result.output !== undefined) lines.push(`  output: ${indent(JSON.stringify(result.output, null, 2), '  ')}`);
  if (result.error !== undefined) lines.push(`  error:  ${result.error}`);
  if (result.cause !== undefined) lines.push(`  cause:  ${result.cause}`);
  return lines;
}

export function formatChanges(diff: SnapshotDiff, counts: { tables: number; buckets: number; topics: number }): string[] {
  const lines = ['  changes:'];
  for (const [table, changes] of Object.entries(diff.tables)) {
    lines.push(`    table ${table}:`);
    for (const c of changes) lines.push(`      ${sign(c.kind)} ${compact(c.after ?? c.before, 200)}`);
  }
  for (const [bucket, changes] of Object.entries(diff.buckets)) {
    lines.push(`    bucket ${bucket}:`);
    for (const c of changes) lines.push(`      ${sign(c.kind)} ${c.key}${c.after !== undefined ? ` (${Buffer.byteLength(c.after)} bytes): ${cut(c.after, 120)}` : ''}`);
  }
  for (const m of diff.messages) {
    lines.push(`    topic ${m.topicArn.split(':').pop()}: ${m.subject ? `[${m.subject}] ` : ''}${cut(m.message, 160)}`);
  }
  const untouched = [
    counts.tables > 0 && Object.keys(diff.tables).length === 0 && 'tables',
    counts.buckets > 0 && Object.keys(diff.buckets).length === 0 && 'buckets',
    counts.topics > 0 && diff.messages.length === 0 && 'topics',
  ].filter(Boolean);
  if (untouched.length > 0) lines.push(`    (no change in ${untouched.join(', ')})`);
  if (lines.length === 1) lines.push('    (the stack has no tables, buckets or topics)');
  return lines;
}

function sign(kind: 'added' | 'changed' | 'removed'): string {
  return kind === 'added' ? '+' : kind === 'changed' ? '~' : '-';
}

function firstLine(cause: unknown): string {
  const text = typeof cause === 'string' ? cause : JSON.stringify(cause);
  return (text ?? '').split('\n')[0].slice(0, 300);
}

function indent(text: string, prefix: string): string {
  return text.split('\n').join(`\n${prefix}`);
}
