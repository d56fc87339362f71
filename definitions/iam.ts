/**
 * An IAM permission a state needs, as plain data: the workflow construct in `stacks/` turns the statements of
 * every state into the state machine role's policy. Resources are ARNs (or Terraform references to them).
 */
export interface PolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * Merges statements: one statement per distinct set of resources, its actions sorted and de-duplicated, and the
 * statements ordered by their first action, so that the rendered policy is byte-stable.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const byResources = new Map<string, { actions: Set<string>; resources: string[] }>();
  for (const statement of statements) {
    const resources = [...new Set(statement.resources)].sort();
    const key = JSON.stringify(resources);
    const entry = byResources.get(key) ?? { actions: new Set<string>(), resources };
    statement.actions.forEach((a) => entry.actions.add(a));
    byResources.set(key, entry);
  }
  return [...byResources.values()]
    .map((e) => ({ actions: [...e.actions].sort(), resources: e.resources }))
    .sort((a, b) => (a.actions.join() + a.resources.join()).localeCompare(b.actions.join() + b.resources.join()));
}

/**
 * Stand-ins for the ARNs of the state machine that holds the state (a Distributed Map starts child executions of
 * its own state machine). The workflow construct replaces them: the ARN is not known while the definition is built.
 */
export const OWN_STATE_MACHINE_ARN = '<own-state-machine-arn>';
export const OWN_EXECUTIONS_ARN = '<own-executions-arn>';
