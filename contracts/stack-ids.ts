/**
 * The stack ids: one per system, in the order `npm start` runs them and the README introduces them. They name the
 * stacks on the command line, the folders in `cdktf.out/stacks/<id>/`, and the entries every per-stack table in the
 * project keys by `StackId` (so the compiler lists what a new id needs). Imports nothing.
 */
export const STACK_IDS = ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map'] as const;

export type StackId = (typeof STACK_IDS)[number];

/** True when `id` is one of the stack ids. */
export function isStackId(id: string): id is StackId {
  return (STACK_IDS as readonly string[]).includes(id);
}
