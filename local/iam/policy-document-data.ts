import { LocalSetupError } from '../errors';
import { blocksOf, type TerraformJson, type TfBlock } from '../synthesized';
import { nestedBlocks, type ReferenceResolver } from '../terraform-json';
import type { PolicyStatement } from './policy-document';

/**
 * `data.aws_iam_policy_document`: Terraform renders its `json` at plan time, so a synthesized stack holds only the
 * blocks. This renders them the way the AWS provider documents it — statements from `source_policy_documents`
 * first, this document's statements replacing those with the same Sid, then `override_policy_documents` replacing
 * by Sid or adding; Effect Allow when not given; a list of one as a plain string; `&{aws:…}` as the IAM policy
 * variable `${aws:…}` — and defines `json` / `minified_json` for the policies that refer to it.
 */
export function definePolicyDocuments(tf: TerraformJson, resolver: ReferenceResolver): void {
  const pending = blocksOf(tf, 'data.aws_iam_policy_document');
  const render = ([name, block]: [string, TfBlock]) => {
    const address = `data.aws_iam_policy_document.${name}`;
    const json = JSON.stringify(renderPolicyDocument(block, address, resolver));
    resolver.define(address, { json, minified_json: json, id: name });
  };
  // A document may build on another one's json: render those whose references resolve, until none is left.
  while (pending.length > 0) {
    const waiting = pending.filter((entry) => {
      try {
        render(entry);
        return false;
      } catch (err) {
        if (err instanceof LocalSetupError && err.message.includes('${data.aws_iam_policy_document.')) return true;
        throw err;
      }
    });
    // No progress: a document builds on one that does not exist, or they build on each other; say which.
    if (waiting.length === pending.length) render(waiting[0]);
    pending.splice(0, pending.length, ...waiting);
  }
}

function renderPolicyDocument(block: TfBlock, address: string, resolver: ReferenceResolver): Record<string, unknown> {
  const resolve = <T>(value: T, where: string): T => resolver.resolveDeep(value, `${address}.${where}`);
  const documents = (key: string) => (Array.isArray(block[key]) ? (block[key] as unknown[]) : []).map((text, i) => statementsOf(resolve(String(text), `${key}[${i}]`), `${address}.${key}[${i}]`));
  const own = nestedBlocks(block, 'statement').map((s, i) => renderStatement(resolve(s, `statement[${i}]`), `${address}.statement[${i}]`));
  let statements = documents('source_policy_documents').flat();
  for (const s of own) statements = replaceOrAdd(statements, s);
  for (const s of documents('override_policy_documents').flat()) statements = replaceOrAdd(statements, s);
  return {
    Version: typeof block.version === 'string' ? block.version : '2012-10-17',
    ...(typeof block.policy_id === 'string' && { Id: block.policy_id }),
    Statement: statements,
  };
}

function renderStatement(s: TfBlock, where: string): PolicyStatement {
  const list = (key: string) => (Array.isArray(s[key]) && s[key].length > 0 ? oneOrMany((s[key] as unknown[]).map((v) => variables(String(v)))) : undefined);
  const principals = (key: string) => {
    const blocks = nestedBlocks(s, key);
    if (blocks.length === 0) return undefined;
    if (blocks.some((p) => p.type === '*')) return '*' as const;
    const byType: Record<string, string[]> = {};
    for (const p of blocks) byType[String(p.type)] = [...(byType[String(p.type)] ?? []), ...(Array.isArray(p.identifiers) ? p.identifiers.map(String) : [])];
    return Object.fromEntries(Object.entries(byType).map(([type, ids]) => [type, oneOrMany(ids)]));
  };
  const condition: Record<string, Record<string, string | string[]>> = {};
  for (const c of nestedBlocks(s, 'condition')) {
    if (typeof c.test !== 'string' || typeof c.variable !== 'string') throw new LocalSetupError(`${where}.condition: each condition needs "test" and "variable".`);
    condition[c.test] = { ...condition[c.test], [c.variable]: oneOrMany((Array.isArray(c.values) ? c.values : []).map((v) => variables(String(v)))) };
  }
  const statement = {
    ...(typeof s.sid === 'string' && s.sid !== '' && { Sid: s.sid }),
    Effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    ...(principals('principals') && { Principal: principals('principals') }),
    ...(principals('not_principals') && { NotPrincipal: principals('not_principals') }),
    ...(list('actions') && { Action: list('actions') }),
    ...(list('not_actions') && { NotAction: list('not_actions') }),
    ...(list('resources') && { Resource: list('resources') }),
    ...(list('not_resources') && { NotResource: list('not_resources') }),
    ...(Object.keys(condition).length > 0 && { Condition: condition }),
  };
  if (s.effect !== undefined && s.effect !== 'Allow' && s.effect !== 'Deny') throw new LocalSetupError(`${where}.effect is ${JSON.stringify(s.effect)}; it must be "Allow" or "Deny".`);
  return statement as PolicyStatement;
}

function statementsOf(text: string, where: string): PolicyStatement[] {
  try {
    const statement = (JSON.parse(text) as { Statement?: unknown }).Statement;
    return (Array.isArray(statement) ? statement : statement === undefined ? [] : [statement]) as PolicyStatement[];
  } catch (err) {
    throw new LocalSetupError(`${where} is not a JSON policy document (${(err as Error).message}).`);
  }
}

/** A statement with the Sid of an earlier one replaces it; one without a Sid, or with a new one, is added. */
function replaceOrAdd(statements: PolicyStatement[], next: PolicyStatement): PolicyStatement[] {
  const at = next.Sid ? statements.findIndex((s) => s.Sid === next.Sid) : -1;
  return at < 0 ? [...statements, next] : statements.map((s, i) => (i === at ? next : s));
}

const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);
/** The provider's escape for IAM policy variables, which Terraform would otherwise interpolate. */
const variables = (value: string) => value.replace(/&\{/g, '${');
