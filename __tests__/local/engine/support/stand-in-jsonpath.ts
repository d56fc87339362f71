/**
 * TEST-ONLY stand-in for the JSONPath module (local/engine/jsonpath/, written in parallel): just enough of paths,
 * payload templates, a few intrinsics and Choice rules, on jsonpath-plus, for the core's tests. It is deleted when
 * the real module is merged; the core's tests then run on the real one (see support/engine.ts).
 */
import { JSONPath } from 'jsonpath-plus';
import { StatesError, STATES_ERRORS } from '../../../../local/engine/errors';
import type { JsonPathLanguage, PathScope } from '../../../../local/engine/query-languages';

const INDEFINITE = /\*|\.\.|\[\?|\[[^\]]*[,:][^\]]*\]/;

function root(path: string, scope: PathScope): { json: unknown; path: string } {
  if (path.startsWith('$$')) return { json: scope.context, path: path.slice(1) };
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(path);
  if (variable) {
    const [, name, rest] = variable;
    const source = name === 'states' ? scope.states : scope.variables[name];
    if (name !== 'states' && !(name in scope.variables)) throw new StatesError(STATES_ERRORS.Runtime, `Invalid path '${path}': The variable '$${name}' is not defined.`);
    return { json: source, path: `$${rest}` };
  }
  return { json: scope.input, path };
}

function select(path: string, scope: PathScope): { found: boolean; value: unknown } {
  const { json, path: local } = root(path, scope);
  if (local === '$') return { found: json !== undefined, value: json };
  const values = JSONPath({ path: local, json: json as object, wrap: true, resultType: 'value' }) as unknown[];
  if (INDEFINITE.test(local)) return { found: true, value: values ?? [] };
  return values && values.length > 0 ? { found: true, value: values[0] } : { found: false, value: undefined };
}

function evaluatePath(path: string, scope: PathScope): unknown {
  const { found, value } = select(path, scope);
  if (!found) throw new StatesError(STATES_ERRORS.Runtime, `Invalid path '${path}' : No results for path: ${path}`);
  return value;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) {
      current += c + text[++i];
      continue;
    }
    if (c === "'") quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === ',') {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') args.push(current.trim());
  return args;
}

function intrinsic(text: string, scope: PathScope): unknown {
  const match = /^(States\.[A-Za-z]+)\(([\s\S]*)\)$/.exec(text);
  if (!match) throw new StatesError(STATES_ERRORS.Runtime, `Unknown intrinsic ${text}`);
  const args = splitArgs(match[2]).map((arg) => {
    if (arg.startsWith("'")) return arg.slice(1, -1).replace(/\\(.)/g, '$1');
    if (arg.startsWith('States.')) return intrinsic(arg, scope);
    if (arg.startsWith('$')) return evaluatePath(arg, scope);
    return JSON.parse(arg);
  });
  switch (match[1]) {
    case 'States.Format': {
      let i = 1;
      return String(args[0]).replace(/\{\}/g, () => {
        const v = args[i++];
        return typeof v === 'string' ? v : JSON.stringify(v);
      });
    }
    case 'States.Array':
      return args;
    case 'States.JsonToString':
      return JSON.stringify(args[0]);
    case 'States.StringToJson':
      return JSON.parse(String(args[0]));
    case 'States.MathAdd':
      return (args[0] as number) + (args[1] as number);
    default:
      throw new StatesError(STATES_ERRORS.IntrinsicFailure, `The stand-in does not know ${match[1]}`);
  }
}

function renderTemplate(template: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((item) => renderTemplate(item, scope));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) {
      out[key] = renderTemplate(value, scope);
      continue;
    }
    const field = key.slice(0, -2);
    const text = value as string;
    if (text.startsWith('States.')) {
      out[field] = intrinsic(text, scope);
      continue;
    }
    const { found, value: selected } = select(text, scope);
    if (!found) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `The JSONPath '${text}' specified for the field '${key}' could not be found in the input '${JSON.stringify(scope.input)}'`,
      );
    }
    out[field] = selected;
  }
  return out;
}

type Rule = Readonly<Record<string, unknown>>;

const COMPARATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  StringEquals: (a, b) => typeof a === 'string' && a === b,
  StringLessThan: (a, b) => typeof a === 'string' && a < (b as string),
  StringGreaterThan: (a, b) => typeof a === 'string' && a > (b as string),
  NumericEquals: (a, b) => typeof a === 'number' && a === b,
  NumericLessThan: (a, b) => typeof a === 'number' && a < (b as number),
  NumericLessThanEquals: (a, b) => typeof a === 'number' && a <= (b as number),
  NumericGreaterThan: (a, b) => typeof a === 'number' && a > (b as number),
  NumericGreaterThanEquals: (a, b) => typeof a === 'number' && a >= (b as number),
  BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
};

function evaluateChoiceRule(rule: Rule, scope: PathScope): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Rule[]).every((r) => evaluateChoiceRule(r, scope));
  if (Array.isArray(rule.Or)) return (rule.Or as Rule[]).some((r) => evaluateChoiceRule(r, scope));
  if (rule.Not) return !evaluateChoiceRule(rule.Not as Rule, scope);
  const variable = rule.Variable as string;
  const { found, value } = select(variable, scope);
  if (rule.IsPresent !== undefined) return found === rule.IsPresent;
  if (!found) throw new StatesError(STATES_ERRORS.Runtime, `Invalid path '${variable}': The choice state's condition path references an invalid value.`);
  if (rule.IsNull !== undefined) return (value === null) === rule.IsNull;
  if (rule.IsString !== undefined) return (typeof value === 'string') === rule.IsString;
  if (rule.IsNumeric !== undefined) return (typeof value === 'number') === rule.IsNumeric;
  for (const [name, compare] of Object.entries(COMPARATORS)) {
    if (rule[name] !== undefined) return compare(value, rule[name]);
    if (rule[`${name}Path`] !== undefined) return compare(value, evaluatePath(rule[`${name}Path`] as string, scope));
  }
  throw new StatesError(STATES_ERRORS.Runtime, `The stand-in does not know the rule ${JSON.stringify(rule)}`);
}

function applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const keys = resultPath.replace(/^\$\.?/, '').split('.');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StatesError(STATES_ERRORS.ResultPathMatchFailure, `Unable to apply ResultPath '${resultPath}' to input ${JSON.stringify(input)}`);
  }
  const copy = structuredClone(input) as Record<string, unknown>;
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = result;
  return copy;
}

export const standInJsonPath: JsonPathLanguage = {
  evaluatePath,
  pathExists: (path, scope) => select(path, scope).found,
  renderTemplate,
  evaluateChoiceRule,
  applyResultPath,
};
