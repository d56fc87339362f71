/**
 * Following the references of synthesized Terraform JSON, for tests that ask "what does this value depend on?"
 * without running Terraform: the addresses an expression names, and its configuration closure (the value with
 * every referenced block's own configuration in place, transitively). When the closure of an expression differs
 * between two synths, Terraform would plan a different (or a not yet known) value for it.
 */

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The parts of a stack's Terraform JSON that references point into. */
export interface ReferencedJson {
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly locals?: Record<string, unknown>;
}

/** Meta-arguments that order or protect a block but are not part of its value. */
const NOT_CONFIGURATION = new Set(['//', 'depends_on', 'lifecycle', 'provider']);

/** `data.aws_arn.x`, `aws_iam_role.y` or `local.z`, followed by an optional attribute. */
const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+)(?=[^A-Za-z0-9_-]|$)/g;

/** The text inside each `${…}` of a string (nested braces included). */
export function interpolationsIn(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', start + 2)) {
    let depth = 0;
    let inString = false;
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        found.push(text.slice(start + 2, i));
        break;
      }
    }
  }
  return found;
}

/** The addresses (`aws_api_gateway_method.x`, `data.aws_arn.y`, `local.z`) an expression refers to, in order, once each. */
export function referencesIn(text: string): string[] {
  const addresses = interpolationsIn(text).flatMap((expression) => {
    const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    return [...withoutStrings.matchAll(REFERENCE)].map((m) => m[1]);
  });
  return [...new Set(addresses)];
}

/** The configuration of the block at an address; an error naming it when the stack has no such block. */
export function blockAt(json: ReferencedJson, address: string): unknown {
  const parts = address.split('.');
  const value =
    parts[0] === 'local'
      ? json.locals?.[parts[1]]
      : parts[0] === 'data'
        ? json.data?.[parts[1]]?.[parts[2]]
        : json.resource?.[parts[0]]?.[parts[1]];
  if (value === undefined) throw new Error(`The reference ${address} names no block of this stack.`);
  return value;
}

/**
 * `value` with every reference it holds expanded into the configuration of the referenced block (meta-arguments
 * left out), recursively. Terraform's graph has no cycles; a cycle here is reported as an error.
 */
export function configurationClosure(json: ReferencedJson, value: unknown, path: readonly string[] = []): unknown {
  if (typeof value === 'string') {
    const addresses = referencesIn(value);
    if (addresses.length === 0) return value;
    const expanded = addresses.map((address) => {
      if (path.includes(address)) throw new Error(`Reference cycle: ${[...path, address].join(' -> ')}`);
      const block = blockAt(json, address);
      const configuration =
        block !== null && typeof block === 'object' && !Array.isArray(block)
          ? Object.fromEntries(Object.entries(block).filter(([key]) => !NOT_CONFIGURATION.has(key)))
          : block;
      return [address, configurationClosure(json, configuration, [...path, address])];
    });
    return { expression: value, references: Object.fromEntries(expanded) };
  }
  if (Array.isArray(value)) return value.map((v) => configurationClosure(json, v, path));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, configurationClosure(json, v, path)]));
  }
  return value;
}
