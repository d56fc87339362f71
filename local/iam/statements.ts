import { listOf } from './policy-document';
import type { RoleIam } from './stack-iam';

/**
 * One statement of a role's identity policies, flat: what the least-privilege table lists per role (each
 * statement, and each action within it, is removed once to prove it necessary).
 */
export interface RoleStatement {
  /** `aws_iam_role_policy.x.policy Statement[2]`. */
  readonly where: string;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `Action`, or `NotAction` as `not <action>`. */
  readonly actions: readonly string[];
  /** `Resource`, or `NotResource` as `not <arn>`. */
  readonly resources: readonly string[];
  readonly conditions: boolean;
}

export function roleStatements(role: RoleIam): RoleStatement[] {
  return role.policies.flatMap((policy) =>
    policy.document.Statement.map((s, i) => ({
      where: `${policy.source} Statement[${i}]`,
      ...(s.Sid !== undefined && { sid: s.Sid }),
      effect: s.Effect,
      actions: s.Action !== undefined ? listOf(s.Action) : listOf(s.NotAction).map((a) => `not ${a}`),
      resources: s.Resource !== undefined ? listOf(s.Resource) : listOf(s.NotResource).map((r) => `not ${r}`),
      conditions: s.Condition !== undefined,
    })),
  );
}
