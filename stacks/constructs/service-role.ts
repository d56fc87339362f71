import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { mergeStatements, type PolicyStatement } from '../../definitions/iam';
import { NAME_LIMITS } from '../names';

export interface ServiceRoleProps {
  /** The deployed role name (already prefixed). IAM allows 64 characters. */
  readonly roleName: string;
  /** The service that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Everything the role may do; merged into one inline policy. */
  readonly statements: readonly PolicyStatement[];
}

/** Renders statements as an IAM policy document (JSON text; Terraform references stay as interpolations). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: mergeStatements(statements).map((s) => ({ Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources] })),
  });
}

/** One role for one function or state machine, holding exactly the statements it is given. */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const limit = NAME_LIMITS['aws_iam_role.name'].max;
    if (props.roleName.length > limit) {
      throw new Error(`Role name '${props.roleName}' has ${props.roleName.length} characters; IAM allows ${limit}. Use a shorter namePrefix.`);
    }
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
      policy: policyDocument(props.statements),
    });
  }
}
