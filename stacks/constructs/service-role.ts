import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { mergeStatements, type PolicyStatement } from '../../definitions/iam';
import { NAME_LIMITS } from '../names';

/**
 * Whoever a construct can grant access to: a role, or a construct that has one (a function). The resource's
 * construct adds the statement (`table.grant(fn, 'dynamodb:GetItem')`, `workflow.grantStartExecution(role)`), so
 * stacks never write actions and ARNs by hand.
 */
export interface Grantee {
  /** Adds a statement to what the grantee may do. */
  addToPolicy(statement: PolicyStatement): void;
}

export interface ServiceRoleProps {
  /** The deployed role name (already prefixed). IAM allows 64 characters. */
  readonly roleName: string;
  /** The service that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** What the role may do from the start; grants add more. Merged into one inline policy. @default none */
  readonly statements?: readonly PolicyStatement[];
}

/** Renders statements as an IAM policy document (JSON text; Terraform references stay as interpolations). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: mergeStatements(statements).map((s) => ({ Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources] })),
  });
}

/**
 * One role for one function, state machine or service, holding exactly the statements it is given and granted.
 * The policy is rendered at synth, once every grant is in; merging makes it independent of the grants' order.
 */
export class ServiceRole extends Construct implements Grantee {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const limit = NAME_LIMITS['aws_iam_role.name'].max;
    if (props.roleName.length > limit) {
      throw new Error(`Role name '${props.roleName}' has ${props.roleName.length} characters; IAM allows ${limit}. Use a shorter namePrefix.`);
    }
    this.statements = [...(props.statements ?? [])];
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.servicePrincipal }, Action: 'sts:AssumeRole' }],
      }),
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  addToPolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}
