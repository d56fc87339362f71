import { arns } from '../aws-names';
import type { StackModel } from '../stack-model';
import { blocksOf, readStackJson, type TerraformJson, type TfBlock } from '../synthesized';
import { addressOf, nestedBlocks, stringArg, type ReferenceResolver } from '../terraform-json';
import { lambdaPermissionsOf } from './lambda-permissions';
import { listOf, parsePolicyDocument, PolicyDocumentError, type PolicyDocument, type PolicyStatement } from './policy-document';
import { iamReferences } from './references';

/**
 * Who may do what in a stack, as its synthesized Terraform JSON says: each role with its trust policy and the
 * identity policies that reach it (inline `aws_iam_role_policy` and `inline_policy`, customer managed
 * `aws_iam_policy` attached by `aws_iam_role_policy_attachment`, `aws_iam_policy_attachment` or
 * `managed_policy_arns`), and each resource's policy (`aws_s3_bucket_policy`, `aws_sns_topic_policy`,
 * `aws_dynamodb_resource_policy`, a function's `aws_lambda_permission`s). References are resolved to the ARNs the
 * local runner uses, so a request the runner sees can be put to a policy simulator as it is.
 */

export interface IdentityPolicy {
  /** Where it comes from: `aws_iam_role_policy.x`, `aws_iam_role.r.inline_policy[0]`, `aws_iam_policy.p`. */
  readonly source: string;
  /** The policy's name (an inline policy's `name`, a managed policy's name). */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface RoleIam {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly trustPolicy: PolicyDocument;
  /** The services the trust policy lets assume the role (`states.amazonaws.com`, `lambda.amazonaws.com`…). */
  readonly trustedServices: readonly string[];
  readonly policies: readonly IdentityPolicy[];
}

export interface ResourcePolicy {
  /** The ARN of the bucket, topic, table or function (with its qualifier, if any) the policy is attached to. */
  readonly resourceArn: string;
  /** The Terraform blocks it is made of (one for a bucket policy, one per permission for a function). */
  readonly sources: readonly string[];
  readonly document: PolicyDocument;
}

export interface StackIam {
  readonly stackId: string;
  readonly roles: readonly RoleIam[];
  readonly resourcePolicies: readonly ResourcePolicy[];
}

/** Reads the IAM of a loaded stack from its cdk.tf.json. */
export function loadStackIam(model: StackModel): StackIam {
  return readStackIam(model, readStackJson(model.stackDir));
}

export function readStackIam(model: StackModel, tf: TerraformJson): StackIam {
  const resolver = iamReferences(model, tf);
  const roles = readRoles(tf, resolver);
  const byName = new Map(roles.map((r) => [r.name, r]));
  const policies = new Map<string, RoleIam['policies'][number][]>(roles.map((r) => [r.name, [...r.policies]]));
  const roleNamed = (name: string, where: string) => {
    if (!byName.has(name)) throw new PolicyDocumentError(where, `names the role "${name}", which is not an aws_iam_role of stack ${model.stackId}.`);
    return policies.get(name)!;
  };

  for (const [name, block] of blocksOf(tf, 'aws_iam_role_policy')) {
    const source = addressOf('aws_iam_role_policy', name);
    const role = resolver.resolveString(stringArg(block, 'role', source), `${source}.role`);
    roleNamed(role, source).push({ source, name: policyName(block, name), document: documentOf(block, 'policy', 'identity', source, resolver) });
  }
  const managed = managedPolicies(tf, resolver);
  const attach = (policyArn: string, role: string, where: string) => {
    const policy = managed.get(policyArn);
    if (!policy) {
      throw new PolicyDocumentError(
        where,
        `attaches ${policyArn}, which is not an aws_iam_policy of stack ${model.stackId}; AWS managed policies are not known offline. ` +
          'Grant the actions with an inline aws_iam_role_policy, or define the policy in the stack.',
      );
    }
    roleNamed(role, where).push(policy);
  };
  for (const [name, block] of blocksOf(tf, 'aws_iam_role_policy_attachment')) {
    const source = addressOf('aws_iam_role_policy_attachment', name);
    const resolve = (key: string) => resolver.resolveString(stringArg(block, key, source), `${source}.${key}`);
    attach(resolve('policy_arn'), resolve('role'), source);
  }
  for (const [name, block] of blocksOf(tf, 'aws_iam_policy_attachment')) {
    const source = addressOf('aws_iam_policy_attachment', name);
    const policyArn = resolver.resolveString(stringArg(block, 'policy_arn', source), `${source}.policy_arn`);
    for (const role of Array.isArray(block.roles) ? block.roles : []) attach(policyArn, resolver.resolveString(String(role), `${source}.roles`), source);
  }
  for (const [name, block] of blocksOf(tf, 'aws_iam_role')) {
    const source = addressOf('aws_iam_role', name);
    const roleName = resolver.resolveString(`\${${source}.name}`, source);
    for (const arn of Array.isArray(block.managed_policy_arns) ? block.managed_policy_arns : []) {
      attach(resolver.resolveString(String(arn), `${source}.managed_policy_arns`), roleName, `${source}.managed_policy_arns`);
    }
  }

  return {
    stackId: model.stackId,
    roles: roles.map((r) => ({ ...r, policies: policies.get(r.name)! })),
    resourcePolicies: readResourcePolicies(model, tf, resolver),
  };
}

function readRoles(tf: TerraformJson, resolver: ReferenceResolver): RoleIam[] {
  return blocksOf(tf, 'aws_iam_role').map(([name, block]) => {
    const address = addressOf('aws_iam_role', name);
    const roleName = resolver.resolveString(`\${${address}.name}`, address);
    const trustPolicy = documentOf(block, 'assume_role_policy', 'trust', address, resolver);
    const trustedServices = trustPolicy.Statement.filter((s) => s.Effect === 'Allow' && s.Principal !== undefined && s.Principal !== '*').flatMap((s) =>
      listOf((s.Principal as Record<string, string | string[]>).Service),
    );
    const inline = nestedBlocks(block, 'inline_policy')
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => typeof b.policy === 'string' && b.policy !== '')
      .map(({ b, i }) => {
        const source = `${address}.inline_policy[${i}]`;
        return { source, name: policyName(b, `${name}-inline-${i}`), document: documentOf(b, 'policy', 'identity', source, resolver) };
      });
    return { address, name: roleName, arn: arns.role(roleName), trustPolicy, trustedServices: [...new Set(trustedServices)].sort(), policies: inline };
  });
}

/** Customer managed policies of the stack, by ARN. */
function managedPolicies(tf: TerraformJson, resolver: ReferenceResolver): Map<string, IdentityPolicy> {
  return new Map(
    blocksOf(tf, 'aws_iam_policy').map(([name, block]) => {
      const source = addressOf('aws_iam_policy', name);
      const arn = resolver.resolveString(`\${${source}.arn}`, source);
      return [arn, { source, name: resolver.resolveString(`\${${source}.name}`, source), document: documentOf(block, 'policy', 'identity', source, resolver) }];
    }),
  );
}

function readResourcePolicies(model: StackModel, tf: TerraformJson, resolver: ReferenceResolver): ResourcePolicy[] {
  const found: ResourcePolicy[] = [];
  const add = (resourceArn: string, source: string, document: PolicyDocument) => {
    const other = found.find((p) => p.resourceArn === resourceArn);
    if (other) {
      throw new PolicyDocumentError(source, `is a second policy for ${resourceArn} (${other.sources.join(', ')} is the first); a resource has one policy, and the last one applied would win. Merge them.`);
    }
    found.push({ resourceArn, sources: [source], document });
  };
  const kinds: [type: string, target: string, toArn: (value: string) => string][] = [
    ['aws_s3_bucket_policy', 'bucket', (bucket) => arns.bucket(bucket)],
    ['aws_sns_topic_policy', 'arn', (arn) => arn],
    ['aws_dynamodb_resource_policy', 'resource_arn', (arn) => arn],
  ];
  for (const [type, target, toArn] of kinds) {
    for (const [name, block] of blocksOf(tf, type)) {
      const source = addressOf(type, name);
      add(toArn(resolver.resolveString(stringArg(block, target, source), `${source}.${target}`)), source, documentOf(block, 'policy', 'resource', source, resolver));
    }
  }
  // The deprecated inline `policy` of a bucket or topic is its resource policy too.
  for (const [type, attribute] of [['aws_s3_bucket', 'bucket'], ['aws_sns_topic', 'arn']] as const) {
    for (const [name, block] of blocksOf(tf, type)) {
      if (typeof block.policy !== 'string' || block.policy === '') continue;
      const source = addressOf(type, name);
      const arn = resolver.resolveString(`\${${source}.${attribute === 'bucket' ? 'arn' : attribute}}`, source);
      add(arn, `${source}.policy`, documentOf(block, 'policy', 'resource', source, resolver));
    }
  }
  const byFunction = new Map<string, { sources: string[]; statements: PolicyStatement[] }>();
  for (const { source, resourceArn, statement } of lambdaPermissionsOf(model, tf, resolver)) {
    const entry = byFunction.get(resourceArn) ?? { sources: [], statements: [] };
    if (entry.statements.some((s) => s.Sid === statement.Sid)) throw new PolicyDocumentError(source, `statement_id "${statement.Sid}" is already used on ${resourceArn}; Lambda refuses a second permission with the same id.`);
    entry.sources.push(source);
    entry.statements.push(statement);
    byFunction.set(resourceArn, entry);
  }
  for (const [resourceArn, { sources, statements }] of byFunction) found.push({ resourceArn, sources, document: { Version: '2012-10-17', Id: 'default', Statement: statements } });
  return found;
}

function documentOf(block: TfBlock, key: string, kind: 'identity' | 'resource' | 'trust', source: string, resolver: ReferenceResolver): PolicyDocument {
  const where = `${source}.${key}`;
  return parsePolicyDocument(resolver.resolveString(stringArg(block, key, source), where), kind, where);
}

/** An inline policy's `name`, or its `name_prefix`, or the Terraform name when neither is given. */
function policyName(block: TfBlock, fallback: string): string {
  if (typeof block.name === 'string' && block.name !== '') return block.name;
  return typeof block.name_prefix === 'string' ? block.name_prefix : fallback;
}

/** The role an ARN names: a role ARN, or the ARN of one of its sessions (`arn:aws:sts::<account>:assumed-role/<name>/<session>`). */
export function roleByArn(iam: StackIam, arn: string): RoleIam | undefined {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  const roleArn = session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : arn;
  return iam.roles.find((r) => r.arn === roleArn);
}

/**
 * The resource policy that governs a request on `resourceArn`: a bucket's for its objects, a table's for its
 * indexes, a function's (or its qualified version's or alias's) for the function; none when the resource has none.
 */
export function resourcePolicyFor(iam: StackIam, resourceArn: string): ResourcePolicy | undefined {
  const exact = iam.resourcePolicies.find((p) => p.resourceArn === resourceArn);
  if (exact) return exact;
  const owner = resourceArn.startsWith('arn:aws:s3:::') ? resourceArn.replace(/\/.*$/, '') : resourceArn.replace(/^(arn:aws:dynamodb:[^:]*:\d*:table\/[^/]+)\/.*$/, '$1');
  return owner === resourceArn ? undefined : iam.resourcePolicies.find((p) => p.resourceArn === owner);
}
