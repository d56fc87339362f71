import { ExecutionNotContinuable } from './engine';
import { endedRecord, failedHistory, INTERRUPTED_ERROR } from './execution-durability';
import type { JournaledExecution } from './execution-journal';
import type { ExecutionRecord } from './execution-store';
import type { LocalWorkflow } from './workflow-engine';

/**
 * After a restart on the same data folder: every execution the earlier process had accepted and not ended goes on.
 * It continues from its last completed state (the engine's redriveFrom, with no ExecutionRedriven event: the
 * unfinished top-level state runs again, so a Task whose call completed but whose completion was not yet written runs
 * twice: at-least-once). One whose state machine is gone or whose definition changed since it started (another
 * fingerprint), or whose history the engine cannot continue, is FAILED with the error Local.ProcessEnded and a cause
 * that says why; it keeps its history, so RedriveExecution can take it. None is dropped, none silently ABORTED.
 */

export interface RecoveryHooks {
  workflow(stateMachineArn: string): LocalWorkflow | undefined;
  fingerprint(workflow: LocalWorkflow): string;
  /** Runs it on, from its history (or anew when it has none). Throws ExecutionNotContinuable when it cannot. */
  launch(workflow: LocalWorkflow, execution: JournaledExecution): ExecutionRecord;
  /** Keeps (and journals) an execution that ended FAILED here. */
  keep(record: ExecutionRecord): void;
}

/** Answers one line per execution and a summary, or nothing when there was nothing to recover. */
export function recoverExecutions(unended: readonly JournaledExecution[], truncatedTail: boolean, hooks: RecoveryHooks): string[] {
  const lines: string[] = [];
  if (truncatedTail) lines.push('The execution journal ended in a line cut short when the earlier process was killed; that line was left out (at most one history event).');
  let continued = 0;
  let failed = 0;
  for (const execution of unended) {
    const why = continueOrWhyNot(execution, hooks);
    if (why === undefined) {
      continued++;
      lines.push(`Recovered ${execution.executionArn}: continues from ${resumeWhere(execution)}.`);
      continue;
    }
    failed++;
    const cause = `The local runner ended while this execution ran, and ${why}. Redrive it (RedriveExecution) to run it on from its last completed state, or start it again.`;
    const history = failedHistory(execution.history, cause, new Date());
    const end = { status: 'FAILED' as const, error: INTERRUPTED_ERROR, cause, transitions: 0, startDate: execution.startDate, stopDate: history.at(-1)!.timestamp };
    hooks.keep(endedRecord(execution, end, history));
    lines.push(`Recovered ${execution.executionArn}: FAILED (${INTERRUPTED_ERROR}): ${why}.`);
  }
  if (unended.length > 0) lines.push(`Recovered ${unended.length} execution(s) left running by the earlier process: ${continued} continue, ${failed} FAILED and redrivable.`);
  return lines;
}

/** Undefined when it was launched; else why it cannot continue. */
function continueOrWhyNot(execution: JournaledExecution, hooks: RecoveryHooks): string | undefined {
  const workflow = hooks.workflow(execution.stateMachineArn);
  if (!workflow) return `its state machine ${execution.stateMachineArn} is no longer in the stack`;
  if (hooks.fingerprint(workflow) !== execution.fingerprint) return `the definition of ${workflow.model.name} changed since it started, so its history cannot be continued on it`;
  try {
    hooks.launch(workflow, execution);
    return undefined;
  } catch (err) {
    if (err instanceof ExecutionNotContinuable) return `its history cannot be continued: ${err.message}`;
    throw err;
  }
}

function resumeWhere(execution: JournaledExecution): string {
  if (execution.history.length === 0) return 'the beginning (no event of it had been written)';
  const entered = execution.history.filter((e) => e.type.endsWith('StateEntered')).at(-1);
  const name = (entered?.stateEnteredEventDetails as { name?: string } | undefined)?.name;
  return name ? `its state ${name} (event ${execution.history.length})` : `event ${execution.history.length}`;
}
