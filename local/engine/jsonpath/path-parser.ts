/**
 * The JSONPath syntax Step Functions accepts (Developer Guide, "Paths"; ASL spec, "Paths" and "Reference Paths"),
 * parsed into segments. AWS evaluates paths with Jayway JsonPath (Java), so the grammar follows Jayway's: dot and
 * bracket notation, `['a','b']`, indexes `[0]`/`[-1]`/`[0,2]`, slices `[1:3]`, wildcards `*`, filters `[?(…)]` and
 * deep scan `..`. Roots: `$` (the input), `$$` (the context object), `$states` (JSONPath Assign/Output), `$name`
 * (a workflow variable; "Passing data between states with variables").
 */
import { DefinitionError } from './errors';
import { type FilterExpr, parseFilter } from './filter';

export type Root = { kind: 'input' } | { kind: 'context' } | { kind: 'states' } | { kind: 'variable'; name: string };

export type Segment =
  | { kind: 'prop'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; from?: number; to?: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; expr: FilterExpr; text: string }
  | { kind: 'scan' };

export interface ParsedPath {
  readonly text: string;
  readonly root: Root;
  readonly segments: readonly Segment[];
  /** True when the path names at most one node (Jayway's "definite path"): no wildcard, slice, filter, scan. */
  readonly definite: boolean;
}

const cache = new Map<string, ParsedPath>();

/** Parses `text`, throwing DefinitionError (naming the path) when it is not a JSONPath AWS would accept. */
export function parsePath(text: string): ParsedPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const parsed = new PathParser(text).parse();
  if (cache.size > 5000) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/** True when `text` is a Reference Path: a path that can identify only a single node (ASL spec, "Reference Paths"). */
export function isReferencePath(text: string): boolean {
  try {
    return parsePath(text).definite;
  } catch {
    return false;
  }
}

export function segmentDefinite(segment: Segment, leaf: boolean): boolean {
  if (segment.kind === 'prop') return segment.names.length === 1 || leaf;
  if (segment.kind === 'index') return segment.indexes.length === 1;
  return false;
}

class PathParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private fail(why: string): never {
    throw new DefinitionError(`The value '${this.text}' is not a valid JSONPath: ${why} (at character ${this.pos + 1}).`);
  }

  parse(): ParsedPath {
    const root = this.parseRoot();
    const segments: Segment[] = [];
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '.') {
        if (this.text[this.pos + 1] === '.') {
          this.pos += 2;
          segments.push({ kind: 'scan' });
          if (this.text[this.pos] === '[') continue;
          segments.push(this.dotMember());
        } else {
          this.pos += 1;
          if (this.text[this.pos] === '[') continue; // `$.['a']` and `$.[0]` are accepted by Jayway
          segments.push(this.dotMember());
        }
      } else if (c === '[') {
        segments.push(this.bracket());
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
    const definite = segments.every((s, i) => segmentDefinite(s, i === segments.length - 1));
    return { text: this.text, root, segments, definite };
  }

  private parseRoot(): Root {
    if (this.text[0] !== '$') this.fail("a path starts with '$'");
    if (this.text[1] === '$') {
      this.pos = 2;
      return { kind: 'context' };
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(this.text);
    this.pos = 1;
    if (!m) return { kind: 'input' };
    this.pos = m[0].length;
    return m[1] === 'states' ? { kind: 'states' } : { kind: 'variable', name: m[1] };
  }

  private dotMember(): Segment {
    if (this.text[this.pos] === '*') {
      this.pos += 1;
      return { kind: 'wildcard' };
    }
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== '.' && this.text[this.pos] !== '[') this.pos += 1;
    const name = this.text.slice(start, this.pos);
    if (name === '') this.fail('a property name is missing');
    return { kind: 'prop', names: [name] };
  }

  private bracket(): Segment {
    this.pos += 1; // '['
    this.skipSpaces();
    const c = this.text[this.pos];
    let segment: Segment;
    if (c === '?') segment = this.filter();
    else if (c === '*') {
      this.pos += 1;
      segment = { kind: 'wildcard' };
    } else if (c === "'" || c === '"') segment = { kind: 'prop', names: this.quotedList() };
    else segment = this.indexOrSlice();
    this.skipSpaces();
    if (this.text[this.pos] !== ']') this.fail("']' expected");
    this.pos += 1;
    return segment;
  }

  private quotedList(): string[] {
    const names: string[] = [];
    for (;;) {
      this.skipSpaces();
      const quote = this.text[this.pos];
      if (quote !== "'" && quote !== '"') this.fail('a quoted property name expected');
      this.pos += 1;
      let name = '';
      while (this.pos < this.text.length && this.text[this.pos] !== quote) {
        if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) this.pos += 1;
        name += this.text[this.pos];
        this.pos += 1;
      }
      if (this.pos >= this.text.length) this.fail('unterminated property name');
      this.pos += 1;
      names.push(name);
      this.skipSpaces();
      if (this.text[this.pos] !== ',') return names;
      this.pos += 1;
    }
  }

  private indexOrSlice(): Segment {
    const end = this.text.indexOf(']', this.pos);
    if (end < 0) this.fail("']' expected");
    const body = this.text.slice(this.pos, end).replace(/\s+/g, '');
    this.pos = end;
    if (body.includes(':')) {
      const m = /^(-?\d+)?:(-?\d+)?$/.exec(body);
      if (!m) this.fail(`invalid slice '[${body}]'`);
      return { kind: 'slice', from: m[1] === undefined ? undefined : Number(m[1]), to: m[2] === undefined ? undefined : Number(m[2]) };
    }
    if (!/^-?\d+(,-?\d+)*$/.test(body)) this.fail(`invalid array index '[${body}]'`);
    return { kind: 'index', indexes: body.split(',').map(Number) };
  }

  private filter(): Segment {
    this.pos += 1; // '?'
    this.skipSpaces();
    if (this.text[this.pos] !== '(') this.fail("'(' expected after '?'");
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    for (; this.pos < this.text.length; this.pos += 1) {
      const c = this.text[this.pos];
      if (quote) {
        if (c === '\\') this.pos += 1;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '(') depth += 1;
      else if (c === ')' && --depth === 0) break;
    }
    if (depth !== 0) this.fail('unbalanced parentheses in filter');
    this.pos += 1;
    const text = this.text.slice(start + 1, this.pos - 1);
    try {
      return { kind: 'filter', expr: parseFilter(text), text };
    } catch (e) {
      this.fail(`invalid filter '${text}': ${(e as Error).message}`);
    }
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }
}
