import type { render as Render } from 'velocityjs';

/**
 * API Gateway's mapping-template language, emulated on velocityjs closely enough to run the templates a stack
 * synthesizes: `$input`, `$util`, `$context` (with `responseOverride`) and `$stageVariables`.
 *
 * API Gateway runs Apache Velocity on the JVM, where values are Java objects: `"abc".replaceAll(regex, …)` is
 * Java's regex replace and `$s.length()` a method call. velocityjs hands method calls to JavaScript values, so
 * every string a template reads is wrapped in a `JavaString` with Java's semantics for the methods templates use.
 */

/** A Java `String` as a template sees it. */
export class JavaString {
  constructor(private readonly text: string) {}

  toString(): string {
    return this.text;
  }
  valueOf(): string {
    return this.text;
  }
  /** Java: the pattern is a regular expression and every match is replaced. */
  replaceAll(regex: unknown, replacement: unknown): JavaString {
    return new JavaString(this.text.replace(new RegExp(String(regex), 'gu'), javaReplacement(String(replacement))));
  }
  replaceFirst(regex: unknown, replacement: unknown): JavaString {
    return new JavaString(this.text.replace(new RegExp(String(regex), 'u'), javaReplacement(String(replacement))));
  }
  /** Java: literal target, every occurrence. */
  replace(target: unknown, replacement: unknown): JavaString {
    return new JavaString(this.text.split(String(target)).join(String(replacement)));
  }
  length(): number {
    return this.text.length;
  }
  substring(begin: number, end?: number): JavaString {
    if (begin < 0 || (end ?? this.text.length) > this.text.length || begin > (end ?? this.text.length)) {
      throw new Error(`StringIndexOutOfBoundsException: begin ${begin}, end ${end}, length ${this.text.length}`);
    }
    return new JavaString(this.text.substring(begin, end));
  }
  concat(other: unknown): JavaString {
    return new JavaString(this.text + String(other));
  }
  contains(other: unknown): boolean {
    return this.text.includes(String(other));
  }
  startsWith(other: unknown): boolean {
    return this.text.startsWith(String(other));
  }
  endsWith(other: unknown): boolean {
    return this.text.endsWith(String(other));
  }
  equals(other: unknown): boolean {
    return other !== null && other !== undefined && this.text === String(other);
  }
  matches(regex: unknown): boolean {
    return new RegExp(`^(?:${String(regex)})$`, 'u').test(this.text);
  }
  isEmpty(): boolean {
    return this.text.length === 0;
  }
  trim(): JavaString {
    return new JavaString(this.text.trim());
  }
  toLowerCase(): JavaString {
    return new JavaString(this.text.toLowerCase());
  }
  toUpperCase(): JavaString {
    return new JavaString(this.text.toUpperCase());
  }
}

/** Java's replacement syntax (`$1`, `\$`) in JavaScript's (`$1`, `$$`). */
function javaReplacement(replacement: string): string {
  return replacement.replace(/\\(.)|\$(\d)|\$/g, (_m, escaped: string | undefined, group: string | undefined) =>
    escaped !== undefined ? (escaped === '$' ? '$$' : escaped) : group !== undefined ? `$${group}` : '$$',
  );
}

/** Wraps every string of a JSON value in a JavaString (objects stay maps, arrays lists). */
export function toJava(value: unknown): unknown {
  if (typeof value === 'string') return new JavaString(value);
  if (Array.isArray(value)) return value.map(toJava);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJava(v)]));
  return value;
}

/**
 * `$util.escapeJavaScript` as API Gateway implements it (Apache Commons Lang `escapeJavaScript`): `"`, `\`, `/`
 * and `'` get a backslash, the usual control characters their short escapes, and every other character outside
 * printable ASCII a `\uXXXX` escape (upper-case hex, per UTF-16 code unit).
 */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (code > 0x7f || code < 0x20) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += short[code] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (ch === "'" || ch === '"' || ch === '\\' || ch === '/') {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A JSONPath of the kind templates use: `$`, `$.a.b`, `$['a']`, `$.a[0]`. */
export function jsonPathValue(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`JSONPath '${path}' must start with '$'.`);
  const steps = [...path.slice(1).matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g)];
  const consumed = steps.map((m) => m[0]).join('');
  if (consumed !== path.slice(1)) throw new Error(`JSONPath '${path}' is not supported by the local API Gateway (use $.a.b, $['a'] or $.a[0]).`);
  let value: unknown = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = step[1] ?? step[3] ?? step[4] ?? Number(step[2]);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** What a template sees of the request. */
export interface TemplateRequest {
  /** The raw body (empty string when none). */
  readonly body: string;
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

export interface TemplateContext {
  readonly requestId: string;
  readonly httpMethod: string;
  readonly resourcePath: string;
  readonly stage: string;
  readonly [key: string]: unknown;
}

/** What `#set($context.responseOverride.status = …)` and `.header.X` left behind. */
export interface ResponseOverride {
  status?: number;
  header: Record<string, string>;
}

export interface RenderResult {
  readonly output: string;
  readonly responseOverride: ResponseOverride;
}

/**
 * Renders one mapping template the way API Gateway would for this request. `$input.path`/`$input.json` read
 * the body as JSON (a body that is not JSON reads as null, as on AWS).
 */
export function renderTemplate(
  template: string,
  request: TemplateRequest,
  context: TemplateContext,
  stageVariables: Record<string, string> = {},
): RenderResult {
  let parsed: unknown;
  try {
    parsed = request.body === '' ? {} : JSON.parse(request.body);
  } catch {
    parsed = undefined;
  }
  const params = (name?: unknown): unknown => {
    const all = { path: request.pathParameters ?? {}, querystring: request.queryStringParameters ?? {}, header: request.headers ?? {} };
    if (name === undefined) return toJava(all);
    const key = String(name);
    const found = all.path[key] ?? all.querystring[key] ?? Object.entries(all.header).find(([h]) => h.toLowerCase() === key.toLowerCase())?.[1];
    return new JavaString(found ?? '');
  };
  const input = {
    body: new JavaString(request.body),
    json: (path: unknown) => new JavaString(JSON.stringify(jsonPathValue(parsed, String(path)) ?? null)),
    path: (path: unknown) => toJava(jsonPathValue(parsed, String(path))),
    params,
  };
  const util = {
    escapeJavaScript: (text: unknown) => new JavaString(escapeJavaScript(String(text ?? ''))),
    parseJson: (text: unknown) => toJava(JSON.parse(String(text))),
    urlEncode: (text: unknown) => new JavaString(encodeURIComponent(String(text))),
    urlDecode: (text: unknown) => new JavaString(decodeURIComponent(String(text))),
    base64Encode: (text: unknown) => new JavaString(Buffer.from(String(text), 'utf8').toString('base64')),
    base64Decode: (text: unknown) => new JavaString(Buffer.from(String(text), 'base64').toString('utf8')),
  };
  const responseOverride: ResponseOverride = { header: {} };
  const vtlContext = { ...context, responseOverride };
  const { render } = require('velocityjs') as { render: typeof Render };
  const output = render(template, { input, util, context: vtlContext, stageVariables: toJava(stageVariables) }, undefined, { escape: false });
  const status = responseOverride.status === undefined ? undefined : Number(String(responseOverride.status));
  return { output, responseOverride: { ...responseOverride, ...(status !== undefined && { status }) } };
}
