/**
 * RedriveExecution's rules (API Reference, "RedriveExecution", "DescribeExecution" redriveStatus and
 * redriveStatusReason): which executions may be redriven, the reason one may not (the same text DescribeExecution's
 * redriveStatusReason gives and ExecutionNotRedrivable's message carries), and the client tokens that make a redrive
 * idempotent.
 */
import { SfnApiError } from './emulators/sfn-errors';
import type { ExecutionStatus } from './workflow-engine';

/** "Your workflow execution has not exceeded the redrivable period of 14 days" (from the execution's end). */
export const REDRIVABLE_PERIOD_MS = 14 * 24 * 60 * 60 * 1000;
/** "The workflow execution has not exceeded the maximum open time of one year." */
export const MAX_OPEN_TIME_MS = 365 * 24 * 60 * 60 * 1000;
/** "The execution event history count is less than 24,999." */
export const MAX_REDRIVABLE_EVENTS = 24_999;

export type RedriveStatus = 'REDRIVABLE' | 'NOT_REDRIVABLE';

/** What decides whether an execution can be redriven now. */
export interface RedriveFacts {
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  /** When it ended (wall clock of this process, or the recorded stop date). */
  readonly stopDate?: Date;
  /** Its history, when this process has it (none for an execution read back without one). */
  readonly historyLength?: number;
}

/** DescribeExecution's redriveStatus and (when NOT_REDRIVABLE) redriveStatusReason. */
export function redriveStatusOf(facts: RedriveFacts, now = Date.now()): { redriveStatus: RedriveStatus; redriveStatusReason?: string } {
  const reason = notRedrivableReason(facts, now);
  return reason ? { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason } : { redriveStatus: 'REDRIVABLE' };
}

function notRedrivableReason(facts: RedriveFacts, now: number): string | undefined {
  // Reasons in AWS's words (DescribeExecution, redriveStatusReason), except the EXPRESS and no-history ones.
  if (facts.type === 'EXPRESS') return 'Execution is EXPRESS and cannot be redriven (RedriveExecution is not supported by EXPRESS state machines)';
  if (facts.status === 'RUNNING' || facts.status === 'SUCCEEDED') return `Execution is ${facts.status} and cannot be redriven`;
  if (facts.historyLength === undefined) {
    return 'Execution history is not available: this execution was read back from an earlier run of the local runner, which kept no history to redrive from';
  }
  if (facts.historyLength >= MAX_REDRIVABLE_EVENTS) return 'Execution history event limit exceeded';
  if (now - facts.startDate.getTime() > MAX_OPEN_TIME_MS) return 'Execution has exceeded the max execution time';
  if (facts.stopDate && now - facts.stopDate.getTime() > REDRIVABLE_PERIOD_MS) return 'Execution redrivable period exceeded';
  return undefined;
}

/** Throws ExecutionNotRedrivable (HTTP 400) with the reason when the execution cannot be redriven now. */
export function assertRedrivable(facts: RedriveFacts, now = Date.now()): void {
  const reason = notRedrivableReason(facts, now);
  if (reason) throw new SfnApiError('ExecutionNotRedrivable', reason);
}

/** ClientToken: 1 to 64 characters from `!` to `~` (the API model's constraints). */
export function checkClientToken(token: string): void {
  if (token.length < 1 || token.length > 64) {
    const bound = token.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 64';
    throw new SfnApiError('ValidationException', `1 validation error detected: Value '${token}' at 'clientToken' failed to satisfy constraint: Member must have length ${bound}`);
  }
  if (!/^[!-~]+$/.test(token)) {
    throw new SfnApiError('ValidationException', `1 validation error detected: Value '${token}' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+`);
  }
}

/** How many recent client tokens answer idempotently, and for how long. */
export const CLIENT_TOKENS_KEPT = 10;
export const CLIENT_TOKEN_TTL_MS = 15 * 60 * 1000;

/**
 * "The API will return idempotent responses for the last 10 client tokens used to successfully redrive the
 * execution. These client tokens are valid for up to 15 minutes after they are first used."
 */
export class RedriveTokens {
  private readonly byExecution = new Map<string, { token: string; firstUsed: number; redriveDate: Date }[]>();

  /** The redrive date an earlier successful redrive with `token` answered, if it still counts. */
  earlier(executionArn: string, token: string, now = Date.now()): Date | undefined {
    const used = this.byExecution.get(executionArn) ?? [];
    return used.find((u) => u.token === token && now - u.firstUsed <= CLIENT_TOKEN_TTL_MS)?.redriveDate;
  }

  /** The execution left memory (see ExecutionRetention): its tokens go with it. */
  forget(executionArn: string): void {
    this.byExecution.delete(executionArn);
  }

  remember(executionArn: string, token: string, redriveDate: Date, now = Date.now()): void {
    const used = this.byExecution.get(executionArn) ?? [];
    used.push({ token, firstUsed: now, redriveDate });
    this.byExecution.set(executionArn, used.slice(-CLIENT_TOKENS_KEPT));
  }
}
