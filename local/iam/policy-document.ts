import { LocalSetupError } from '../errors';

/**
 * IAM policy documents as the synthesized stack holds them (JSON text in `policy`, `assume_role_policy`…), parsed
 * and checked for the shape the IAM JSON policy reference gives, with every statement numbered so that a decision
 * can name the statement that made it. Nothing here evaluates a request: that is the simulator's job.
 */

/** A value that IAM takes as one string or a list of them (`Action`, `Resource`, a condition's values). */
export type OneOrMany = string | readonly string[];

/** `"*"` or `{ AWS: …, Service: …, Federated: …, CanonicalUser: … }`. */
export type PolicyPrincipal = '*' | Readonly<Record<string, OneOrMany>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: OneOrMany;
  readonly NotAction?: OneOrMany;
  readonly Resource?: OneOrMany;
  readonly NotResource?: OneOrMany;
  /** operator → condition key → value(s). */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, OneOrMany | boolean | number>>>>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Identity policies have no Principal; resource policies must have one; a role's trust policy has a Principal and no
 * Resource (the role is the resource).
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/** A policy document that is not what IAM would accept, with where it is and what is wrong. */
export class PolicyDocumentError extends LocalSetupError {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'PolicyDocumentError';
  }
}

/** Parses the JSON text of a policy (references already resolved) and checks each statement's shape. */
export function parsePolicyDocument(text: string, kind: PolicyKind, where: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PolicyDocumentError(where, `the policy is not valid JSON (${(err as Error).message}). Render it with JSON.stringify or a policy document builder.`);
  }
  return checkPolicyDocument(parsed, kind, where);
}

/** Checks an already parsed document: the IAM JSON policy grammar's required elements and their pairs. */
export function checkPolicyDocument(value: unknown, kind: PolicyKind, where: string): PolicyDocument {
  if (!isRecord(value)) throw new PolicyDocumentError(where, 'a policy must be a JSON object with a "Statement".');
  if (value.Version !== undefined && value.Version !== '2012-10-17' && value.Version !== '2008-10-17') {
    throw new PolicyDocumentError(where, `"Version" is ${JSON.stringify(value.Version)}; IAM takes "2012-10-17" (or the older "2008-10-17").`);
  }
  const raw = value.Statement;
  if (raw === undefined) throw new PolicyDocumentError(where, 'the policy has no "Statement".');
  const statements = Array.isArray(raw) ? raw : [raw];
  if (statements.length === 0) throw new PolicyDocumentError(where, '"Statement" is empty; a policy needs at least one statement.');
  return { ...(value as object), Statement: statements.map((s, i) => checkStatement(s, kind, `${where} Statement[${i}]`)) } as PolicyDocument;
}

function checkStatement(value: unknown, kind: PolicyKind, where: string): PolicyStatement {
  if (!isRecord(value)) throw new PolicyDocumentError(where, 'a statement must be a JSON object.');
  const unknown = Object.keys(value).filter((k) => !STATEMENT_KEYS.has(k));
  if (unknown.length > 0) throw new PolicyDocumentError(where, `unknown element(s) ${unknown.join(', ')}; a statement has only ${[...STATEMENT_KEYS].join(', ')}.`);
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') throw new PolicyDocumentError(where, `"Effect" is ${JSON.stringify(value.Effect)}; it must be "Allow" or "Deny".`);
  exactlyOne(value, 'Action', 'NotAction', where);
  if (kind === 'trust') {
    if (value.Resource !== undefined || value.NotResource !== undefined) throw new PolicyDocumentError(where, 'a trust policy has no "Resource" (the role is the resource); remove it.');
  } else {
    exactlyOne(value, 'Resource', 'NotResource', where);
  }
  const principal = value.Principal !== undefined || value.NotPrincipal !== undefined;
  if (kind === 'identity' && principal) {
    throw new PolicyDocumentError(where, 'an identity policy has no "Principal" or "NotPrincipal" (the role it is attached to is the principal); remove it.');
  }
  if (kind !== 'identity') exactlyOne(value, 'Principal', 'NotPrincipal', where);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (value[key] !== undefined && !isStrings(value[key])) throw new PolicyDocumentError(where, `"${key}" must be a string or a list of strings.`);
  }
  if (value.Condition !== undefined && (!isRecord(value.Condition) || !Object.values(value.Condition).every(isRecord))) {
    throw new PolicyDocumentError(where, '"Condition" must map each operator to an object of condition keys and values.');
  }
  return value as unknown as PolicyStatement;
}

function exactlyOne(statement: Record<string, unknown>, a: string, b: string, where: string): void {
  const has = [a, b].filter((k) => statement[k] !== undefined);
  if (has.length !== 1) throw new PolicyDocumentError(where, has.length === 0 ? `the statement needs "${a}" or "${b}".` : `the statement has both "${a}" and "${b}"; keep one.`);
}

/** The values of `Action`, `Resource`…, as a list. */
export function listOf(value: OneOrMany | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
