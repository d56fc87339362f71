import type { LocalStack } from './runner';
import type { ExecutionResult } from './workflow-engine';

/**
 * Stacks whose workflow is started by one of their own functions (as on AWS): the input goes to that function,
 * and the execution it starts is the one reported. Matched by the function name's ending, so any namePrefix works.
 */
export const ENTRY_FUNCTIONS: Readonly<Record<string, string>> = {
  'task-status': 'task-status-start-task',
};

/** The result of starting a workflow through its entry function. */
export interface EntryResult {
  /** The function's answer (or its error). */
  readonly invocation: { readonly functionName: string; readonly payload: unknown; readonly error?: { errorType: string; errorMessage: string } };
  /** The execution it started; undefined when the function refused the input. */
  readonly execution?: ExecutionResult;
}

export function entryFunctionOf(stack: LocalStack): string | undefined {
  const suffix = ENTRY_FUNCTIONS[stack.model.stackId];
  return suffix === undefined ? undefined : stack.model.functions.find((f) => f.name.endsWith(suffix))?.name;
}

/** Invokes the entry function with `input`, then waits for the execution it started and answers both. */
export async function startThroughEntry(stack: LocalStack, functionName: string, input: unknown, timeoutMs: number): Promise<EntryResult> {
  const known = new Set(stack.executions().map((e) => e.executionArn));
  const invoked = await stack.invoke(functionName, input);
  const invocation = { functionName, payload: invoked.payload, ...(invoked.functionError && { error: invoked.functionError }) };
  await stack.waitForExecutions(timeoutMs);
  const started = stack.executions().filter((e) => !known.has(e.executionArn));
  return { invocation, execution: started.at(-1)?.result };
}

/** A FAILED result for an input the entry function refused: no execution was started. */
export function refusedByEntry(entry: EntryResult, input: unknown): ExecutionResult {
  const now = new Date();
  return {
    executionArn: '',
    stateMachineArn: '',
    name: '',
    status: 'FAILED',
    input,
    error: entry.invocation.error?.errorType ?? 'NoExecutionStarted',
    cause: entry.invocation.error?.errorMessage ?? `${entry.invocation.functionName} answered without starting an execution.`,
    transitions: 0,
    events: [],
    startDate: now,
    stopDate: now,
  };
}
