import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Reading a synthesized stack (`cdktf.out/stacks/<id>/cdk.tf.json`), the same contract `terraform` reads, and
 * replacing its references (`${aws_dynamodb_table.items.name}`) with the values of the local stand-ins.
 */

export type TfBlock = Record<string, unknown>;

export interface TerraformJson {
  readonly resource?: Record<string, Record<string, TfBlock>>;
  readonly data?: Record<string, Record<string, TfBlock>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, TfBlock[]>;
}

/** A problem with the stack folder or its contents, worded for the person running the tool. */
export class LocalSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalSetupError';
  }
}

export function readTerraformJson(stackDir: string): TerraformJson {
  const file = path.join(stackDir, 'cdk.tf.json');
  if (!fs.existsSync(stackDir)) {
    throw new LocalSetupError(`The stack folder ${stackDir} does not exist. Run \`npm run synth\` first (or check the stack id).`);
  }
  if (!fs.existsSync(file)) {
    throw new LocalSetupError(`${file} does not exist. Run \`npm run synth\` to synthesize the stack.`);
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
  } catch (err) {
    throw new LocalSetupError(`${file} is not valid JSON (${(err as Error).message}). Run \`npm run synth\` again.`);
  }
}

/** The blocks of one resource type (or data source, with `data.` in front of the type), by Terraform name. */
export function blocksOf(tf: TerraformJson, type: string): [string, TfBlock][] {
  const [group, name] = type.startsWith('data.') ? [tf.data, type.slice(5)] : [tf.resource, type];
  return Object.entries(group?.[name] ?? {});
}

/** Where a value came from, for error messages: `aws_lambda_function.put-item.environment`. */
export function addressOf(type: string, name: string, field?: string): string {
  return `${type}.${name}${field ? `.${field}` : ''}`;
}

/** A plain string argument of a block, or an error naming the block and argument. */
export function stringArg(block: TfBlock, key: string, where: string): string {
  const value = block[key];
  if (typeof value !== 'string' || value === '') throw new LocalSetupError(`${where}: expected a string "${key}", found ${JSON.stringify(value)}.`);
  return value;
}

/** Nested blocks are arrays in some synth outputs and single objects in others; this reads both. */
export function nestedBlocks(block: TfBlock, key: string): TfBlock[] {
  const value = block[key];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as TfBlock[];
}

const REFERENCE = /^(data\.)?[A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_]+$/;

/**
 * Resolves `${type.name.attribute}` references (and `${data.type.name.attribute}`) against the values the local
 * stand-ins have. Terraform functions and expressions are refused with a sentence saying where they appear:
 * the runner only knows resources, not Terraform's language.
 */
export class ReferenceResolver {
  private readonly values = new Map<string, string>();

  /** Declares the value of `address.attribute` (e.g. `aws_dynamodb_table.items` + `name`). */
  define(address: string, attributes: Record<string, string | undefined>): void {
    for (const [attribute, value] of Object.entries(attributes)) {
      if (value !== undefined) this.values.set(`${address}.${attribute}`, value);
    }
  }

  resolveString(text: string, where: string): string {
    return text.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped: string, expression: string) => {
      if (escaped) return whole.slice(1); // `$${` is Terraform's escape for a literal `${`
      const trimmed = expression.trim();
      const value = this.values.get(trimmed);
      if (value !== undefined) return value;
      if (!REFERENCE.test(trimmed)) {
        throw new LocalSetupError(
          `${where}: the Terraform expression \${${trimmed}} is not a plain reference; the local runner resolves only ` +
            'type.name.attribute references to emulated resources. Pass a plain reference or a literal value.',
        );
      }
      throw new LocalSetupError(
        `${where}: \${${trimmed}} refers to something the local runner does not emulate (known: ${this.knownTypes()}). ` +
          'Reference a table, bucket, topic, function or state machine of the same stack, or a literal value.',
      );
    });
  }

  /** Resolves every string inside a JSON value. */
  resolveDeep<T>(value: T, where: string): T {
    if (typeof value === 'string') return this.resolveString(value, where) as T;
    if (Array.isArray(value)) return value.map((v) => this.resolveDeep(v, where)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveDeep(v, where)])) as T;
    }
    return value;
  }

  private knownTypes(): string {
    const types = new Set([...this.values.keys()].map((k) => k.split('.').slice(0, -2).join('.')));
    return [...types].sort().join(', ') || 'nothing';
  }
}
