import { LOCAL_REST_API_ID } from '../api-gateway/api-model';
import { arns, LOCAL_ACCOUNT_ID } from '../aws-names';
import { LocalSetupError } from '../errors';
import { defineDataSources, namedOrPrefixed, type StackModel } from '../stack-model';
import { blocksOf, type TerraformJson } from '../synthesized';
import { addressOf, ReferenceResolver, stringArg } from '../terraform-json';
import { definePolicyDocuments } from './policy-document-data';

/**
 * The values the policies of a stack refer to (`${aws_s3_bucket.x.arn}`, `${aws_iam_role.r.id}`,
 * `${aws_api_gateway_rest_api.a.execution_arn}`…), as the local stand-ins have them: the names and ARNs of the
 * stack model, the local REST API's id, the parts of a `data.aws_arn`, and the rendered `json` of a
 * `data.aws_iam_policy_document`.
 */
export function iamReferences(model: StackModel, tf: TerraformJson): ReferenceResolver {
  const resolver = new ReferenceResolver();
  const { region } = model;
  defineDataSources(tf, resolver, region);
  for (const t of model.tables) resolver.define(t.address, { name: t.name, id: t.name, arn: t.arn, hash_key: t.hashKey.name });
  for (const b of model.buckets) resolver.define(b.address, { bucket: b.name, id: b.name, arn: arns.bucket(b.name) });
  for (const t of model.topics) resolver.define(t.address, { name: t.name, id: t.arn, arn: t.arn });
  for (const f of model.functions) {
    resolver.define(f.address, { function_name: f.name, id: f.name, arn: f.arn, qualified_arn: `${f.arn}:$LATEST`, version: '$LATEST' });
  }
  for (const sm of model.stateMachines) resolver.define(sm.address, { name: sm.name, id: sm.arn, arn: sm.arn });
  for (const [name, block] of blocksOf(tf, 'aws_iam_role')) {
    const roleName = namedOrPrefixed(block, 'name', addressOf('aws_iam_role', name));
    resolver.define(addressOf('aws_iam_role', name), { name: roleName, id: roleName, arn: arns.role(roleName) });
  }
  for (const [name, block] of blocksOf(tf, 'aws_iam_policy')) {
    const address = addressOf('aws_iam_policy', name);
    const arn = policyArn(namedOrPrefixed(block, 'name', address), typeof block.path === 'string' ? block.path : '/');
    resolver.define(address, { name: namedOrPrefixed(block, 'name', address), id: arn, arn });
  }
  for (const [name, block] of blocksOf(tf, 'aws_cloudwatch_log_group')) {
    const groupName = namedOrPrefixed(block, 'name', addressOf('aws_cloudwatch_log_group', name));
    resolver.define(addressOf('aws_cloudwatch_log_group', name), { name: groupName, id: groupName, arn: arns.logGroup(region, groupName) });
  }
  for (const [name, block] of blocksOf(tf, 'aws_api_gateway_rest_api')) {
    resolver.define(addressOf('aws_api_gateway_rest_api', name), {
      id: LOCAL_REST_API_ID,
      name: typeof block.name === 'string' ? block.name : name,
      execution_arn: `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${LOCAL_REST_API_ID}`,
    });
  }
  // data.aws_arn splits an ARN into its parts; its `arn` refers to resources defined above.
  for (const [name, block] of blocksOf(tf, 'data.aws_arn')) {
    const address = `data.aws_arn.${name}`;
    const arn = resolver.resolveString(stringArg(block, 'arn', address), `${address}.arn`);
    const [prefix, partition, service, arnRegion, account, ...rest] = arn.split(':');
    if (prefix !== 'arn' || rest.length === 0) throw new LocalSetupError(`${address}.arn resolves to "${arn}", which is not an ARN (arn:partition:service:region:account:resource).`);
    resolver.define(address, { arn, id: arn, partition, service, region: arnRegion, account, resource: rest.join(':') });
  }
  defineLocals(tf, resolver);
  definePolicyDocuments(tf, resolver);
  return resolver;
}

/**
 * `locals` a policy refers to (`${local.x}`): a reference, or Terraform's replace() of a reference with plain
 * strings (how a state machine's execution ARN prefix is made from its ARN). A local of another shape is left
 * undefined, and a policy that uses it is refused where it does.
 */
function defineLocals(tf: TerraformJson, resolver: ReferenceResolver): void {
  const locals = (tf as { locals?: Record<string, unknown> }).locals ?? {};
  for (const [name, value] of Object.entries(locals)) {
    if (typeof value !== 'string') continue;
    const where = `locals.${name}`;
    const replace = /^\$\{\s*replace\(\s*([A-Za-z0-9_.-]+)\s*,\s*"([^"\/]*)"\s*,\s*"([^"\\]*)"\s*\)\s*\}$/.exec(value);
    try {
      const resolved = replace ? resolver.resolveString(`\${${replace[1]}}`, where).split(replace[2]).join(replace[3]) : resolver.resolveString(value, where);
      resolver.define('local', { [name]: resolved });
    } catch (err) {
      if (!(err instanceof LocalSetupError)) throw err;
    }
  }
}

/** A customer managed policy's ARN: `arn:aws:iam::<account>:policy<path><name>`. */
export function policyArn(name: string, path = '/'): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:policy${path}${name}`;
}
