/**
 * Evaluates a parsed JSONPath the way Jayway JsonPath (with its Jackson JSON-node provider) does for Step Functions:
 * - a definite path gives the value; when nothing is there it fails with Jayway's reason ("No results for path:
 *   $['x']", "Missing property in path $['a']", …), which AWS shows after "Invalid path '<path>' : ";
 * - an array index past the end gives null (Jackson's `ArrayNode.get` answers null), not a failure;
 * - an indefinite path (wildcard, slice, filter, deep scan, several indexes) gives an array of what it selects, and
 *   `[]` when it selects nothing, also over a missing or non-array path (as AWS does, per issue 14).
 * Property order is the input's (Jackson keeps insertion order); deep scan visits a node before its children.
 */
import { evaluateFilter } from './filter';
import { type ParsedPath, parsePath, type Segment, segmentDefinite } from './path-parser';

export class JaywayPathNotFound extends Error {}

type Json = unknown;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The class name Jayway prints for a value it cannot step into (Jackson unwraps scalars to java.lang types). */
function javaClassOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'com.fasterxml.jackson.databind.node.ArrayNode';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'java.lang.Double';
    return Math.abs(v) <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  return 'com.fasterxml.jackson.databind.node.ObjectNode';
}

/** A value as Java's toString prints it in Jayway messages (JSON for containers, raw text for scalars). */
function javaToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function fragment(s: Segment): string {
  switch (s.kind) {
    case 'prop':
      return `[${s.names.map((n) => `'${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(',')}]`;
    case 'index':
      return `[${s.indexes.join(',')}]`;
    case 'slice':
      return `[${s.from ?? ''}:${s.to ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'filter':
      return '[?]';
    case 'scan':
      return '..';
  }
}

/** The path as Jayway normalizes it in messages: `$['a'][0]`. */
export function normalizedPath(path: ParsedPath): string {
  return '$' + path.segments.map(fragment).join('');
}

class Walker {
  readonly out: Json[] = [];
  constructor(
    private readonly segments: readonly Segment[],
    private readonly root: Json,
  ) {}

  private upstreamDefinite(i: number): boolean {
    for (let k = 0; k < i; k++) if (!segmentDefinite(this.segments[k], k === this.segments.length - 1)) return false;
    return true;
  }

  walk(i: number, model: Json, current: string): void {
    if (i === this.segments.length) {
      this.out.push(model);
      return;
    }
    const seg = this.segments[i];
    const leaf = i === this.segments.length - 1;
    switch (seg.kind) {
      case 'prop':
        return this.prop(i, seg.names, model, current, leaf);
      case 'index':
      case 'slice':
        return this.array(i, seg, model, current);
      case 'wildcard':
        if (isObject(model)) for (const k of Object.keys(model)) this.walk(i + 1, model[k], `${current}['${k}']`);
        else if (Array.isArray(model)) model.forEach((v, n) => this.walk(i + 1, v, `${current}[${n}]`));
        return;
      case 'filter': {
        const accept = (v: Json) => evaluateFilter(seg.expr, v, this.root, resolveFilterPath);
        if (Array.isArray(model)) model.forEach((v, n) => accept(v) && this.walk(i + 1, v, `${current}[${n}]`));
        else if (isObject(model) && accept(model)) this.walk(i + 1, model, current);
        return;
      }
      case 'scan':
        return this.scan(i + 1, model, current);
    }
  }

  private prop(i: number, names: string[], model: Json, current: string, leaf: boolean): void {
    if (!isObject(model)) {
      if (!this.upstreamDefinite(i)) return;
      throw new JaywayPathNotFound(
        `Expected to find an object with property ${fragment({ kind: 'prop', names })} in path ${current} but found '${javaClassOf(model)}'. ` +
          "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.",
      );
    }
    if (names.length > 1 && leaf) {
      const merged: Record<string, unknown> = {};
      for (const n of names) if (Object.hasOwn(model, n)) merged[n] = model[n];
      this.out.push(merged);
      return;
    }
    const definiteHere = names.length === 1 && this.upstreamDefinite(i);
    for (const name of names) {
      const path = `${current}['${name}']`;
      if (!Object.hasOwn(model, name)) {
        if (leaf || !definiteHere) continue;
        throw new JaywayPathNotFound(`Missing property in path ${path}`);
      }
      this.walk(i + 1, model[name], path);
    }
  }

  private array(i: number, seg: Segment & { kind: 'index' | 'slice' }, model: Json, current: string): void {
    if (!Array.isArray(model)) {
      if (!this.upstreamDefinite(i)) return;
      if (model === null || model === undefined) throw new JaywayPathNotFound(`The path ${current} is null`);
      const rest = this.segments.slice(i).map(fragment).join('');
      throw new JaywayPathNotFound(`Filter: ${rest} can only be applied to arrays. Current context is: ${javaToString(model)}`);
    }
    const len = model.length;
    const at = (n: number) => {
      const effective = n < 0 ? len + n : n;
      this.walk(i + 1, effective >= 0 && effective < len ? model[effective] : null, `${current}[${n}]`);
    };
    if (seg.kind === 'index') return seg.indexes.forEach(at);
    // Jayway's three slice forms: [from:], [:to] (negative bounds count from the end), [from:to].
    let from = seg.from ?? 0;
    if (from < 0) from = Math.max(0, len + from);
    let to = seg.to ?? len;
    if (seg.from === undefined && to < 0) to = len + to;
    to = Math.min(len, to);
    for (let n = from; n < to; n++) at(n);
  }

  private scan(next: number, model: Json, current: string): void {
    if (next === this.segments.length) return;
    const seg = this.segments[next];
    const applies =
      (seg.kind === 'prop' && isObject(model) && seg.names.every((n) => Object.hasOwn(model, n))) ||
      (seg.kind === 'wildcard' && (isObject(model) || Array.isArray(model))) ||
      ((seg.kind === 'index' || seg.kind === 'slice') && Array.isArray(model)) ||
      (seg.kind === 'filter' && (isObject(model) || Array.isArray(model)));
    if (applies) this.walk(next, model, current);
    if (isObject(model)) for (const k of Object.keys(model)) this.scan(next, model[k], `${current}['${k}']`);
    else if (Array.isArray(model)) model.forEach((v, n) => this.scan(next, v, `${current}[${n}]`));
  }
}

function resolveFilterPath(text: string, model: unknown): { found: boolean; value?: unknown } {
  const path = parsePath(text);
  const w = new Walker(path.segments, model);
  try {
    w.walk(0, model, '$');
  } catch {
    return { found: false };
  }
  if (path.definite) return w.out.length ? { found: true, value: w.out[0] } : { found: false };
  return { found: true, value: w.out };
}

/**
 * Applies `path`'s segments to `data` (the value its root names). Definite paths answer `{found, value}` or throw
 * JaywayPathNotFound with Jayway's reason; indefinite ones always answer an array.
 */
export function select(path: ParsedPath, data: unknown): unknown {
  const w = new Walker(path.segments, data);
  if (!path.definite) {
    try {
      w.walk(0, data, '$');
    } catch {
      return [];
    }
    return w.out;
  }
  w.walk(0, data, '$');
  if (w.out.length === 0) throw new JaywayPathNotFound(`No results for path: ${normalizedPath(path)}`);
  return w.out[0];
}
