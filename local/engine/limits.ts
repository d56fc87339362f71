/**
 * Payload quotas (Developer Guide, "Step Functions service quotas", "Quotas related to state machine executions":
 * 262,144 bytes of data as a UTF-8 encoded string for the input or output of a task, state or execution; "Error
 * handling in Step Functions", States.DataLimitExceeded: a connector's output, a state's output, or a state's input
 * after Parameters processing larger than the quota). States.DataLimitExceeded is terminal: States.ALL does not catch
 * it.
 */
import { StatesError, STATES_ERRORS } from './errors';

export const MAX_PAYLOAD_BYTES = 262_144;

/** Inline Map runs at most this many iterations at once (Developer Guide, "Map state in Inline mode"). */
export const INLINE_MAP_MAX_CONCURRENCY = 40;

export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value === undefined ? null : value), 'utf8');
}

export type PayloadKind = 'result' | 'output' | 'input';

/**
 * Fails with States.DataLimitExceeded when `value` is over the quota, with the text AWS writes for a task's result
 * and for a state's output alike (recorded: a Pass whose Result is 257 KiB fails "The state/task 'State_1' returned a
 * result with a size exceeding the maximum number of bytes service limit."); for an input after Parameters, where no
 * recorded text was found, the sentence says input (an assumption).
 */
export function checkPayload(value: unknown, stateName: string, kind: PayloadKind): void {
  if (payloadBytes(value) <= MAX_PAYLOAD_BYTES) return;
  const what =
    kind === 'input' ? 'has an input' : 'returned a result';
  throw new StatesError(
    STATES_ERRORS.DataLimitExceeded,
    `The state/task '${stateName}' ${what} with a size exceeding the maximum number of bytes service limit.`,
  );
}
