import type { ExecutionResult, LocalStack } from '../../../local';
import { factsOf } from '../stack-facts';

/**
 * Stacks whose workflow is started by one of their own functions (as on AWS; `entryFunction` in
 * scripts/lib/stack-facts.ts): the input goes to that function, and the execution it starts is the one reported.
 */

/** The result of starting a workflow through its entry function. */
export interface EntryResult {
  /** The function's answer (or its error). */
  readonly invocation: { readonly functionName: string; readonly payload: unknown; readonly error?: { errorType: string; errorMessage: string } };
  /** The execution it started; undefined when the function refused the input. */
  readonly execution?: ExecutionResult;
}

/** The stack's entry function, by its full name; undefined when the stack has none. */
export function entryFunctionOf(stack: LocalStack): string | undefined {
  const suffix = factsOf(stack.model.stackId)?.entryFunction;
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
    history: [],
    startDate: now,
    stopDate: now,
  };
}
