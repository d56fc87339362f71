import * as fs from 'node:fs';
import * as path from 'node:path';
import { detailsOf, type HistoryEvent } from '../../local';

// A deliberately broken copy of a synthesized stack (issue 16): one action out of its state machine role's policy.

interface Policy {
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
}

/**
 * Copies the synthesized stack's folder `from` to `to` and removes `action` from its state machine role's policy (from the statements whose
 * Resource mentions `onResource`, when given); a statement left with no action goes. `policyName`: the start of another aws_iam_role_policy's
 * Terraform name (a function's role, `put-item_role_policy`).
 */
export function brokenCopy(from: string, to: string, action: string, onResource?: string, policyName = 'workflow_role_policy'): string {
  const stackId = path.basename(from);
  fs.cpSync(from, to, { recursive: true });
  const file = path.join(to, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, { policy: string; role: string }>> };
  // The policy named `policyName`; for the state machine role's, also (a Distributed Map) the one about its own state
  // machine and executions.
  const names = policyName === 'workflow_role_policy' ? [policyName, 'workflow_self-policy'] : [policyName];
  const blocks = Object.entries(tf.resource.aws_iam_role_policy).filter(([n]) => names.some((p) => n.startsWith(p)));
  let removed = 0;
  for (const [name, block] of blocks) {
    const policy = JSON.parse(block.policy) as Policy;
    policy.Statement = policy.Statement.flatMap((s) => {
      const actions = [s.Action].flat();
      if (!actions.includes(action) || (onResource && !JSON.stringify(s.Resource).includes(onResource))) return [s];
      removed += 1;
      const left = actions.filter((a) => a !== action);
      return left.length > 0 ? [{ ...s, Action: left }] : [];
    });
    // A policy of no statement is not valid IAM: the role then goes without the policy.
    if (policy.Statement.length === 0) delete tf.resource.aws_iam_role_policy[name];
    else block.policy = JSON.stringify(policy);
  }
  if (removed === 0) throw new Error(`${stackId}: the policies ${blocks.map(([n]) => `aws_iam_role_policy.${n}`).join(', ') || `named ${policyName}*`} have no ${action}${onResource ? ` on ${onResource}` : ''} to remove`);
  fs.writeFileSync(file, JSON.stringify(tf, null, 2));
  return to;
}

export /** Each failed Task of a history with its state (followed through previousEventId) and its error and cause. */
function failedTasks(history: readonly HistoryEvent[]): { state: string; error: string; cause: string }[] {
  const stateOf = new Map<number, string>();
  const failed: { state: string; error: string; cause: string }[] = [];
  for (const event of history) {
    const state = event.type === 'TaskStateEntered' ? String(detailsOf(event).name) : stateOf.get(event.previousEventId);
    if (state !== undefined) stateOf.set(event.id, state);
    if (event.type === 'TaskFailed') failed.push({ state: state ?? '?', error: String(detailsOf(event).error), cause: String(detailsOf(event).cause) });
  }
  return failed;
}

