import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HistoryEvent } from './engine';
import type { ExecutionRecord } from './execution-store';
import type { ExecutionResult } from './workflow-engine';

/**
 * An ended execution as it stays in memory (see ExecutionRetention): its input and output as JSON text, its history as
 * JSON text deflated, parsed again each time they are read. A skip-the-line execution's history held ~13 KB of heap as
 * objects, ~10 KB as text (each event repeats the order in its input and output), ~1–2 KB deflated (~40 µs at level 1),
 * in one string the collector never walks. DescribeExecution and ListExecutions read only the fields kept as they are
 * (and the history's length); GetExecutionHistory, a redrive and the archive inflate and parse the history again.
 */

const HISTORY_LENGTH = Symbol('historyLength');
const TEXT_BYTES = Symbol('textBytes');

type Kept = ExecutionResult & { readonly [HISTORY_LENGTH]: number; readonly [TEXT_BYTES]: number };

/**
 * The same result with `input`, `output` and `history` kept as text: they are getters (enumerable, so that a spread
 * copies their values) that parse it again each time. Timestamps come back as Dates.
 */
export function keptResult(result: ExecutionResult): ExecutionResult {
  if (isKept(result)) return result;
  const { input, output, history, ...rest } = result;
  const inputText = JSON.stringify(input ?? null);
  const outputText = output === undefined ? undefined : JSON.stringify(output);
  // Deflated bytes as a Latin-1 string: a byte a character on the heap, without a Buffer's own overhead.
  const historyPacked = deflateRawSync(JSON.stringify(history), { level: 1 }).toString('latin1');
  const kept = { ...rest } as Record<string | symbol, unknown>;
  Object.defineProperty(kept, 'input', { enumerable: true, get: () => JSON.parse(inputText) as unknown });
  if (outputText !== undefined) Object.defineProperty(kept, 'output', { enumerable: true, get: () => JSON.parse(outputText) as unknown });
  Object.defineProperty(kept, 'history', { enumerable: true, get: () => reviveHistory(historyPacked) });
  Object.defineProperty(kept, HISTORY_LENGTH, { value: history.length });
  Object.defineProperty(kept, TEXT_BYTES, { value: inputText.length + (outputText?.length ?? 0) + historyPacked.length });
  return kept as unknown as ExecutionResult;
}

/** The ended record as it stays in memory: its result kept as text, `done` settled with it. */
export function keptRecord(record: ExecutionRecord): ExecutionRecord {
  if (!record.result) return record;
  const { done: _done, handle: _handle, events: _events, result, ...rest } = record;
  const kept = keptResult(result);
  return { ...rest, result: kept, done: Promise.resolve(kept) };
}

/** How many events the result's history has, without parsing a kept one. */
export function historyLengthOf(result: ExecutionResult): number {
  return isKept(result) ? result[HISTORY_LENGTH] : result.history.length;
}

/** About what a kept record holds in memory (its texts and fields); a result not kept as text counts its history's JSON text. */
export function keptBytes(record: ExecutionRecord): number {
  const fields = 400 + record.input.length + record.executionArn.length * 2;
  const result = record.result;
  if (!result) return fields;
  return fields + (isKept(result) ? result[TEXT_BYTES] : JSON.stringify(result.history).length);
}

function isKept(result: ExecutionResult): result is Kept {
  return HISTORY_LENGTH in result;
}

function reviveHistory(packed: string): HistoryEvent[] {
  const text = inflateRawSync(Buffer.from(packed, 'latin1')).toString('utf8');
  return (JSON.parse(text) as (HistoryEvent & { timestamp: string })[]).map((e) => ({ ...e, timestamp: new Date(e.timestamp) }));
}
