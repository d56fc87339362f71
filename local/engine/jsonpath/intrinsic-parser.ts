/**
 * The intrinsic-function call syntax (Developer Guide, "Intrinsic functions"; ASL spec, "Intrinsic Functions"):
 * `States.Name(arg, …)` where an argument is a nested call, a 'string literal', a number, `true`/`false`, `null`, or
 * a path (`$…`, `$$…`, `$name…`). In string literals `\'`, `\{`, `\}` and `\\` stand for `'`, `{`, `}` and `\`; any
 * other backslash is an "open escape", which the guide says is an error. Up to 10 calls may be nested in a field.
 * Malformed calls raise DefinitionError (AWS refuses them when the state machine is created).
 */
import { DefinitionError } from './errors';

export type IntrinsicArg =
  | { kind: 'call'; name: string; args: IntrinsicArg[] }
  /** `raw` is the literal's text between the quotes, escapes kept (States.Format needs `\{` vs `{}`). */
  | { kind: 'literal'; value: unknown; raw?: string }
  | { kind: 'path'; text: string };

export type IntrinsicCall = IntrinsicArg & { kind: 'call' };

export const MAX_NESTING = 10;

/** True when a `.$` value is meant as an intrinsic call rather than a path. */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\./.test(text);
}

const cache = new Map<string, IntrinsicCall>();

export function parseIntrinsic(text: string): IntrinsicCall {
  const hit = cache.get(text);
  if (hit) return hit;
  const p = new Parser(text);
  const call = p.call(1);
  p.end();
  if (cache.size > 5000) cache.clear();
  cache.set(text, call);
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly s: string) {}

  private fail(why: string): never {
    throw new DefinitionError(`The value '${this.s}' is not a valid intrinsic function call: ${why} (at character ${this.pos + 1}).`);
  }

  end(): void {
    this.space();
    if (this.pos < this.s.length) this.fail(`unexpected '${this.s.slice(this.pos)}' after the call`);
  }

  call(depth: number): IntrinsicCall {
    this.space();
    const m = /^States\.([A-Za-z0-9]+)/.exec(this.s.slice(this.pos));
    if (!m) this.fail("a call starts with 'States.' and the function name");
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    this.pos += m[0].length;
    this.space();
    if (this.s[this.pos] !== '(') this.fail(`'(' expected after ${m[0]}`);
    this.pos += 1;
    const args: IntrinsicArg[] = [];
    this.space();
    if (this.s[this.pos] === ')') {
      this.pos += 1;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      args.push(this.arg(depth));
      this.space();
      const c = this.s[this.pos];
      this.pos += 1;
      if (c === ')') return { kind: 'call', name: m[0], args };
      if (c !== ',') {
        this.pos -= 1;
        this.fail(c === undefined ? "')' expected" : `',' or ')' expected, found '${c}'`);
      }
    }
  }

  private arg(depth: number): IntrinsicArg {
    this.space();
    const c = this.s[this.pos];
    if (c === "'") return this.string();
    if (c === '$') return this.path();
    if (this.s.startsWith('States.', this.pos)) return this.call(depth + 1);
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?=\s*(?:[,)]|$))/.exec(this.s.slice(this.pos));
    if (!m) this.fail('an argument must be a string literal, a number, true, false, null, a path or an intrinsic function');
    this.pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  private string(): IntrinsicArg {
    this.pos += 1;
    const start = this.pos;
    let value = '';
    while (this.pos < this.s.length && this.s[this.pos] !== "'") {
      if (this.s[this.pos] === '\\') {
        const next = this.s[this.pos + 1];
        if (next !== "'" && next !== '{' && next !== '}' && next !== '\\') {
          this.fail("open escape: only \\', \\{, \\} and \\\\ may follow a backslash");
        }
        this.pos += 1;
      }
      value += this.s[this.pos];
      this.pos += 1;
    }
    if (this.pos >= this.s.length) this.fail('unterminated string literal');
    const raw = this.s.slice(start, this.pos);
    this.pos += 1;
    return { kind: 'literal', value, raw };
  }

  private path(): IntrinsicArg {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (quote) {
        if (c === '\\') this.pos += 1;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth += 1;
      else if (c === ']' || (c === ')' && depth > 0)) depth -= 1;
      else if (depth === 0 && (c === ',' || c === ')')) break;
      this.pos += 1;
    }
    return { kind: 'path', text: this.s.slice(start, this.pos).trim() };
  }

  private space(): void {
    while (/\s/.test(this.s[this.pos] ?? '')) this.pos += 1;
  }
}
