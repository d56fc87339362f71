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
 * Fails with States.DataLimitExceeded when `value` is over the quota. The cause for a result is the text AWS writes
 * ("The state/task 'X' returned a result with a size exceeding the maximum number of bytes service limit."); for
 * input and output, where no recorded text was found, the same sentence names what was too large (an assumption).
 */
export function checkPayload(value: unknown, stateName: string, kind: PayloadKind): void {
  if (payloadBytes(value) <= MAX_PAYLOAD_BYTES) return;
  const what =
    kind === 'result' ? 'returned a result' : kind === 'output' ? 'has an output' : 'has an input';
  throw new StatesError(
    STATES_ERRORS.DataLimitExceeded,
    `The state/task '${stateName}' ${what} with a size exceeding the maximum number of bytes service limit.`,
  );
}
