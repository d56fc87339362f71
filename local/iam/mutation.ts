import { listOf } from './policy-document';
import type { StackIam } from './stack-iam';
import { roleStatements } from './statements';

/**
 * Least privilege proven by mutation (issue 16): each statement of a role's identity policies, then each action
 * within a statement of more than one, is removed once in a copy of the synthesized JSON. A run of the stack's sample
 * that then meets a denial naming the removed action proves it necessary; one that meets none shows an over-grant.
 */
export interface Mutation {
  readonly role: string;
  readonly roleArn: string;
  /** `aws_iam_role_policy.x` */
  readonly policy: string;
  readonly statement: number;
  /** The action removed; undefined when the whole statement is. */
  readonly action?: string;
  /** The statement's actions: a denial naming one of them (or `action`) is what the mutation must cause. */
  readonly expects: readonly string[];
  /** Why the mutation is not run, when it is not (log delivery, a Deny statement). */
  readonly classified?: string;
}

/**
 * Statements of `logs:*` and `xray:*` actions only: AWS's log delivery and X-Ray tracing for a state machine need
 * them (Step Functions Developer Guide: "IAM policies for logging to CloudWatch Logs", dg/cw-logs.html; "IAM
 * policies for AWS X-Ray", dg/xray-iam.html); neither runs locally, so no local call can prove them.
 */
export const LOG_DELIVERY_NOTE =
  "log delivery / X-Ray tracing: needed by AWS (Step Functions Developer Guide: 'IAM policies for logging to CloudWatch Logs', dg/cw-logs.html; 'IAM policies for AWS X-Ray', dg/xray-iam.html); neither runs locally";

export function isLogDeliveryStatement(actions: readonly string[]): boolean {
  return actions.length > 0 && actions.every((a) => /^(logs|xray):/i.test(a));
}

/**
 * The actions a Distributed Map's ResultWriter needs besides s3:PutObject on its prefix: AWS writes the result files
 * in multipart uploads (Step Functions Developer Guide, "ResultWriter (Map)", its IAM policy: s3:PutObject,
 * s3:GetObject, s3:ListMultipartUploadParts, s3:AbortMultipartUpload); the local writer puts each file whole.
 */
export const MULTIPART_NOTE =
  "ResultWriter multipart upload: needed by AWS (Step Functions Developer Guide, 'ResultWriter (Map)', input-output-resultwriter.html); the local writer puts each file whole";
const MULTIPART_ACTIONS = ['s3:getobject', 's3:listmultipartuploadparts', 's3:abortmultipartupload'];

/** A statement of a ResultWriter's grants: s3:PutObject with s3:AbortMultipartUpload. */
function isResultWriterStatement(actions: readonly string[]): boolean {
  const lower = actions.map((a) => a.toLowerCase());
  return lower.includes('s3:putobject') && lower.includes('s3:abortmultipartupload');
}

/** Every mutation of the roles `roleArns` (the roles the state machines assume), statement by statement. */
export function mutationsOf(iam: StackIam, roleArns: readonly string[]): Mutation[] {
  return iam.roles
    .filter((role) => roleArns.includes(role.arn))
    .flatMap((role) =>
      roleStatements(role).flatMap((s) => {
        const [policy, index] = s.where.split(' Statement[') as [string, string];
        const statement = Number.parseInt(index, 10);
        const base = { role: role.name, roleArn: role.arn, policy, statement, expects: s.actions };
        const classified = s.effect === 'Deny' ? 'a Deny statement: removing it cannot cause a denial' : isLogDeliveryStatement(s.actions) ? LOG_DELIVERY_NOTE : undefined;
        if (classified) return [{ ...base, classified }];
        const whole: Mutation = base;
        const multipart = isResultWriterStatement(s.actions);
        const each =
          s.actions.length > 1
            ? s.actions.map((action): Mutation => ({
                ...base,
                action,
                expects: [action],
                ...(multipart && MULTIPART_ACTIONS.includes(action.toLowerCase()) && { classified: MULTIPART_NOTE }),
              }))
            : [];
        return [whole, ...each];
      }),
    );
}

/** What one mutation removes, in words: `Statement[0]` or `dynamodb:GetItem of Statement[0]`. */
export function describeMutation(m: Mutation): string {
  return `${m.action ? `${m.action} of ` : ''}${m.policy} Statement[${m.statement}]`;
}

interface PolicyJson {
  Statement: { Action?: string | string[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/**
 * Applies `m` to a synthesized stack's JSON (cdk.tf.json, parsed), in place. Only inline policies written as JSON text
 * (`aws_iam_role_policy.*.policy`) are mutated; anything else is named.
 */
export function applyMutation(tf: { resource?: Record<string, Record<string, Record<string, unknown>>> }, m: Mutation): void {
  const [type, name] = m.policy.split('.') as [string, string];
  const block = tf.resource?.[type]?.[name];
  if (type !== 'aws_iam_role_policy' || !block || typeof block.policy !== 'string' || !block.policy.trim().startsWith('{')) {
    throw new Error(`${m.policy}: only an aws_iam_role_policy whose policy is JSON text can be mutated; remove ${describeMutation(m)} by hand.`);
  }
  const policy = JSON.parse(block.policy) as PolicyJson;
  const target = policy.Statement[m.statement];
  if (!target) throw new Error(`${m.policy} has no Statement[${m.statement}] (the synthesized JSON changed since the mutations were listed).`);
  if (m.action === undefined) {
    policy.Statement.splice(m.statement, 1);
    // A policy of no statement is not valid IAM: the role then goes without the policy.
    if (policy.Statement.length === 0) {
      delete tf.resource![type]![name];
      return;
    }
  } else {
    const left = listOf(target.Action as string | string[]).filter((a) => a !== m.action);
    if (left.length === listOf(target.Action as string | string[]).length) throw new Error(`${m.policy} Statement[${m.statement}] has no ${m.action} in its Action.`);
    target.Action = left;
  }
  block.policy = JSON.stringify(policy);
}
