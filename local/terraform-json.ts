import { LocalSetupError } from './errors';
import type { TfBlock } from './synthesized';

/**
 * Reading inside a synthesized stack's Terraform JSON (synthesized.ts reads the file): block addresses and
 * arguments, and replacing references (`${aws_dynamodb_table.items.name}`) with the values of the local stand-ins.
 */

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
