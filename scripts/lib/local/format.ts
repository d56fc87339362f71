import type { ExecutionEvent, ExecutionResult, LambdaLogLine, Snapshot, SnapshotDiff } from '../../../local';

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

/**
 * One line per interesting event, as it happens: states entered, failures, retries, catches. Events of a Map
 * iteration carry its index; events of another execution (one a function started) carry its name.
 */
export function formatEvent(event: ExecutionEvent, executionName: string, mainExecution: string): string | undefined {
  const where = executionName === mainExecution ? '' : `[${executionName}] `;
  const iteration = 'index' in event && event.index !== undefined && event.type.startsWith('State') ? ` [item ${event.index}]` : '';
  switch (event.type) {
    case 'StateEntered':
      return `  ${where}→ ${event.state.name} (${event.state.type})${iteration}`;
    case 'StateFailed':
      return `  ${where}    ✗ ${event.Error}: ${firstLine(event.Cause)}`;
    case 'StateRetried':
      return `  ${where}    ↻ retry ${event.retry.attempt} of ${event.retry.retrier.MaxAttempts ?? 3}`;
    case 'StateCaught':
      return `  ${where}    ⤷ caught, going to ${event.catch.catcher.Next}`;
    case 'MapIterationFailed':
      return `  ${where}    ✗ item ${event.index} of ${event.parentState.name} failed: ${event.Error}`;
    case 'ExecutionStarted':
      return where ? `  ${where}started with ${compact(event.input)}` : undefined;
    case 'ExecutionSucceeded':
    case 'ExecutionFailed':
      return where ? `  ${where}${event.type === 'ExecutionSucceeded' ? 'succeeded' : `failed: ${event.Error}`}` : undefined;
    default:
      return undefined;
  }
}

export function formatLog(line: LambdaLogLine): string {
  return `      │ ${line.functionName}: ${line.line}`;
}

export function formatResult(result: ExecutionResult): string[] {
  const ms = result.stopDate.getTime() - result.startDate.getTime();
  const mark = result.status === 'SUCCEEDED' ? '✓' : '✗';
  const lines = [`${mark} ${result.status} in ${ms} ms, ${result.transitions} state${result.transitions === 1 ? '' : 's'} entered`];
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
