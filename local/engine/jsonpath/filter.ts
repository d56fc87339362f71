/**
 * Filter expressions `[?(…)]` as Jayway JsonPath evaluates them (the JSONPath implementation behind Step Functions):
 * `@.x` alone tests that the property EXISTS (not that it is truthy); comparisons `== != < <= > >=`; `=~ /re/flags`
 * (whole-string match); `in`, `nin`, `subsetof`, `anyof`, `noneof`, `size`, `empty`; `&&`, `||`, `!` and parentheses;
 * literals 'single' or "double" quoted strings, numbers, true, false, null and [lists].
 * jsonpath-plus evaluates filters as JavaScript instead (loose `==`, no `=~`, truthiness for `@.x`), which is why this
 * module has its own evaluator.
 */
export type Operand =
  | { kind: 'path'; relative: boolean; text: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'exists'; operand: Operand }
  | { kind: 'compare'; op: string; left: Operand; right: Operand };

/** Resolves a path operand (`$…` text; relative ones against `current`): found or not, and the value. */
export type PathResolver = (text: string, model: unknown) => { found: boolean; value?: unknown };

const OPS = ['==', '!=', '<=', '>=', '=~', '<', '>', ' in ', ' nin ', ' subsetof ', ' anyof ', ' noneof ', ' size ', ' empty '];

export function parseFilter(text: string): FilterExpr {
  const p = new FilterParser(text);
  const expr = p.or();
  p.end();
  return expr;
}

class FilterParser {
  private pos = 0;
  constructor(private readonly s: string) {}

  end(): void {
    this.space();
    if (this.pos < this.s.length) throw new Error(`unexpected '${this.s.slice(this.pos)}'`);
  }

  or(): FilterExpr {
    let left = this.and();
    while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterExpr {
    this.space();
    if (this.s[this.pos] === '!' && this.s[this.pos + 1] !== '=') {
      this.pos += 1;
      return { kind: 'not', expr: this.unary() };
    }
    if (this.s[this.pos] === '(') {
      this.pos += 1;
      const inner = this.or();
      if (!this.eat(')')) throw new Error("')' expected");
      return inner;
    }
    const left = this.operand();
    this.space();
    for (const op of OPS) {
      const bare = op.trim();
      const matches = op.startsWith(' ')
        ? this.s.startsWith(bare, this.pos) && /[\s('"[\-\d/tfn]/.test(this.s[this.pos + bare.length] ?? '')
        : this.s.startsWith(op, this.pos);
      if (matches) {
        this.pos += bare.length;
        return { kind: 'compare', op: bare, left, right: this.operand() };
      }
    }
    return { kind: 'exists', operand: left };
  }

  private operand(): Operand {
    this.space();
    const c = this.s[this.pos];
    if (c === '@' || c === '$') {
      const start = this.pos;
      this.pos += 1;
      let depth = 0;
      let quote: string | null = null;
      while (this.pos < this.s.length) {
        const ch = this.s[this.pos];
        if (quote) {
          if (ch === quote) quote = null;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[') depth += 1;
        else if (ch === ']') depth -= 1;
        else if (depth === 0 && /[\s=!<>&|)]/.test(ch)) break;
        this.pos += 1;
      }
      return { kind: 'path', relative: c === '@', text: '$' + this.s.slice(start + 1, this.pos) };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.string(c) };
    if (c === '/') {
      const end = this.s.lastIndexOf('/');
      if (end <= this.pos) throw new Error('unterminated regular expression');
      const flags = /^[a-z]*/.exec(this.s.slice(end + 1))![0];
      const regex = new RegExp(`^(?:${this.s.slice(this.pos + 1, end)})$`, flags.replace(/[^imsu]/g, ''));
      this.pos = end + 1 + flags.length;
      return { kind: 'regex', regex };
    }
    if (c === '[') {
      this.pos += 1;
      const items: unknown[] = [];
      this.space();
      if (this.eat(']')) return { kind: 'literal', value: items };
      do {
        const item = this.operand();
        if (item.kind !== 'literal') throw new Error('a list holds literals only');
        items.push(item.value);
      } while (this.eat(','));
      if (!this.eat(']')) throw new Error("']' expected");
      return { kind: 'literal', value: items };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.pos));
    if (!m) throw new Error(`unexpected '${this.s.slice(this.pos) || 'end of filter'}'`);
    this.pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  private string(quote: string): string {
    this.pos += 1;
    let out = '';
    while (this.pos < this.s.length && this.s[this.pos] !== quote) {
      if (this.s[this.pos] === '\\') this.pos += 1;
      out += this.s[this.pos];
      this.pos += 1;
    }
    if (this.pos >= this.s.length) throw new Error('unterminated string');
    this.pos += 1;
    return out;
  }

  private eat(token: string): boolean {
    this.space();
    if (!this.s.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  private space(): void {
    while (/\s/.test(this.s[this.pos] ?? '')) this.pos += 1;
  }
}

type Resolved = { found: boolean; value?: unknown };

export function evaluateFilter(expr: FilterExpr, current: unknown, root: unknown, resolve: PathResolver): boolean {
  const value = (o: Operand): Resolved => {
    if (o.kind === 'literal') return { found: true, value: o.value };
    if (o.kind === 'regex') return { found: true, value: o.regex };
    return resolve(o.text, o.relative ? current : root);
  };
  switch (expr.kind) {
    case 'or':
      return evaluateFilter(expr.left, current, root, resolve) || evaluateFilter(expr.right, current, root, resolve);
    case 'and':
      return evaluateFilter(expr.left, current, root, resolve) && evaluateFilter(expr.right, current, root, resolve);
    case 'not':
      return !evaluateFilter(expr.expr, current, root, resolve);
    case 'exists': {
      const r = value(expr.operand);
      return expr.operand.kind === 'path' ? r.found : r.value !== false && r.value !== null;
    }
    case 'compare':
      return compare(expr.op, value(expr.left), value(expr.right));
  }
}

function compare(op: string, l: Resolved, r: Resolved): boolean {
  if (op === '!=') return !(l.found && r.found && looseEquals(l.value, r.value));
  if (!l.found || !r.found) return false;
  const a = l.value;
  const b = r.value;
  switch (op) {
    case '==':
      return looseEquals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    case '=~':
      return b instanceof RegExp && typeof a === 'string' && b.test(a);
    case 'in':
      return Array.isArray(b) && b.some((x) => looseEquals(a, x));
    case 'nin':
      return Array.isArray(b) && !b.some((x) => looseEquals(a, x));
    case 'subsetof':
      return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => looseEquals(x, y)));
    case 'anyof':
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => looseEquals(x, y)));
    case 'noneof':
      return Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => looseEquals(x, y)));
    case 'size':
      return (typeof a === 'string' || Array.isArray(a)) && a.length === b;
    case 'empty': {
      const isEmpty = (typeof a === 'string' || Array.isArray(a)) ? a.length === 0 : false;
      return isEmpty === b;
    }
    default:
      return false;
  }
}

/** Jayway's equality: a number equals a string holding the same number; JSON values compare deeply. */
function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  return deepEqual(a, b);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const ob = b as Record<string, unknown>;
  return ka.length === Object.keys(ob).length && ka.every((k) => Object.hasOwn(ob, k) && deepEqual((a as Record<string, unknown>)[k], ob[k]));
}
