import { arns, functionNameOf } from '../aws-names';
import type { StackModel } from '../stack-model';
import { blocksOf, type TerraformJson, type TfBlock } from '../synthesized';
import { addressOf, stringArg, type ReferenceResolver } from '../terraform-json';
import { PolicyDocumentError, type PolicyPrincipal, type PolicyStatement } from './policy-document';

/**
 * A function's resource-based policy, as Lambda builds it from AddPermission calls (one `aws_lambda_permission`
 * each): a statement per permission, Sid = statement_id, the principal as a service, an account root or an ARN,
 * and the source ARN / account / organization as conditions (Lambda Developer Guide, "Viewing resource-based IAM
 * policies in Lambda": `ArnLike AWS:SourceArn`, `StringEquals AWS:SourceAccount`).
 */
export interface LambdaPermissionStatement {
  /** `aws_lambda_permission.<name>`. */
  readonly source: string;
  /** The function (or `function:qualifier`) the permission is added to. */
  readonly resourceArn: string;
  readonly statement: PolicyStatement;
}

export function lambdaPermissionsOf(model: StackModel, tf: TerraformJson, resolver: ReferenceResolver): LambdaPermissionStatement[] {
  return blocksOf(tf, 'aws_lambda_permission').map(([name, block]) => {
    const source = addressOf('aws_lambda_permission', name);
    const resolve = (key: string) => resolver.resolveString(stringArg(block, key, source), `${source}.${key}`);
    const fnName = functionNameOf(resolve('function_name'));
    if (!model.functions.some((f) => f.name === fnName)) {
      throw new PolicyDocumentError(source, `function_name "${fnName}" is not a function of stack ${model.stackId}; a permission must name one of its aws_lambda_function resources.`);
    }
    const qualifier = typeof block.qualifier === 'string' && block.qualifier !== '' ? `:${resolve('qualifier')}` : '';
    const resourceArn = `${arns.function(model.region, fnName)}${qualifier}`;
    const condition = conditionOf(block, resolve);
    const statement: PolicyStatement = {
      Sid: typeof block.statement_id === 'string' ? block.statement_id : name,
      Effect: 'Allow',
      Principal: principalOf(resolve('principal')),
      Action: resolve('action'),
      Resource: resourceArn,
      ...(Object.keys(condition).length > 0 && { Condition: condition }),
    };
    return { source, resourceArn, statement };
  });
}

/** AddPermission's Principal: a service (`*.amazonaws.com`), an account id, an ARN, or `*`. */
function principalOf(principal: string): PolicyPrincipal {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

function conditionOf(block: TfBlock, resolve: (key: string) => string): NonNullable<PolicyStatement['Condition']> {
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string) => (condition[operator] = { ...condition[operator], [key]: value });
  if (typeof block.source_arn === 'string') add('ArnLike', 'AWS:SourceArn', resolve('source_arn'));
  if (typeof block.source_account === 'string') add('StringEquals', 'AWS:SourceAccount', resolve('source_account'));
  if (typeof block.principal_org_id === 'string') add('StringEquals', 'aws:PrincipalOrgID', resolve('principal_org_id'));
  if (typeof block.event_source_token === 'string') add('StringEquals', 'lambda:EventSourceToken', resolve('event_source_token'));
  if (typeof block.function_url_auth_type === 'string') add('StringEquals', 'lambda:FunctionUrlAuthType', resolve('function_url_auth_type'));
  return condition;
}
