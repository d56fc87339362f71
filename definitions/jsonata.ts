import { Dynamic } from './json-path';

/**
 * JSONata expressions as value objects (Developer Guide, "Transforming data with JSONata in Step Functions"): a
 * `JsonataExpression` renders as the string `{% <expression> %}` wherever a JSONata state takes a value. It is
 * parsed when its state renders (definitions/jsonata-render.ts), so a syntax error stops synth naming the state.
 *
 * `toString()` gives the bare expression, so expressions compose in template literals:
 * ``jsonata(`${states.input.at('id')} & '-' & ${Variable.ref('suffix')}`)``.
 */
export class JsonataExpression {
  private constructor(readonly expression: string) {}

  /** @internal used by the factories of this file only */
  static of(expression: string): JsonataExpression {
    if (typeof expression !== 'string' || expression.trim().length === 0) {
      throw new Error(`jsonata(): '${String(expression)}' is not a JSONata expression; give the expression without '{%' and '%}', e.g. jsonata('$states.input.id').`);
    }
    if (/^\s*\{%|%\}\s*$/.test(expression)) {
      throw new Error(`jsonata('${expression}'): leave out '{%' and '%}'; they are added when the state renders.`);
    }
    return new JsonataExpression(expression.trim());
  }

  /** A field of this value: `states.input.at('order.id')` is `$states.input.order.id`. Names that are not identifiers are quoted. */
  at(path: string): JsonataExpression {
    const steps = path.split('.');
    if (steps.some((s) => s.length === 0)) throw new Error(`${this.expression}.at('${path}'): a path is field names joined by '.', e.g. 'order.id'.`);
    return new JsonataExpression(`${this.expression}.${steps.map(quoteName).join('.')}`);
  }

  /** The value as ASL holds it in a JSONata state. */
  render(): string {
    return `{% ${this.expression} %}`;
  }

  toString(): string {
    return this.expression;
  }
}

function quoteName(name: string): string {
  if (name.includes('`')) throw new Error(`JsonataExpression.at: the field name '${name}' holds a backtick, which JSONata cannot quote; write the expression with jsonata(...) instead.`);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** A JSONata expression, e.g. `jsonata('$states.input.id')`, `jsonata('$count($states.input.items) > 0')`. */
export function jsonata(expression: string): JsonataExpression {
  return JsonataExpression.of(expression);
}

/**
 * The reserved variable `$states` (Developer Guide, "Passing data between states with variables" › "Reserved
 * variable: $states"). Where each part exists is checked when the state renders: `result` only in the Output and
 * Assign of a Task, Map or Parallel, `errorOutput` only in a Catch's Output and Assign.
 */
export const states = {
  /** The state's input (before any field of the state applies). */
  input: JsonataExpression.of('$states.input'),
  /** The result of a Task, Map or Parallel. */
  result: JsonataExpression.of('$states.result'),
  /** The error output (`Error`, `Cause`) in a catcher. */
  errorOutput: JsonataExpression.of('$states.errorOutput'),
  /** The context object (`Execution`, `State`, `StateMachine`, `Task`, `Map`). */
  context: JsonataExpression.of('$states.context'),
} as const;

/** A workflow variable name (a Unicode identifier, not `states`): the rules of definitions/validation/structure-rules.ts. */
export function assertVariableName(name: string, where: string): string {
  if (typeof name !== 'string' || !/^\p{ID_Start}\p{ID_Continue}*$/u.test(name) || [...name].length > 80 || name === 'states') {
    throw new Error(
      `${where}: '${String(name)}' cannot name a variable. A variable name starts with a letter and goes on with letters, digits or '_' (at most 80 characters), and 'states' is reserved.`,
    );
  }
  return name;
}

/** References to workflow variables (Developer Guide, "Passing data between states with variables"). */
export const Variable = {
  /** `$name` in a JSONata expression. */
  ref(name: string): JsonataExpression {
    return JsonataExpression.of(`$${assertVariableName(name, 'Variable.ref')}`);
  },
  /** `$name` (or `$name.field…`) as a JSONPath value, for a JSONPath state's payload: `{ 'id.$': '$orderId' }`. */
  path(name: string, fields?: string): Dynamic {
    if (fields !== undefined && !/^(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$/.test(fields)) {
      throw new Error(`Variable.path('${name}', '${fields}'): the fields go on as a JSONPath does, e.g. '.order.id' or '[0]'.`);
    }
    return Dynamic.of(`$${assertVariableName(name, 'Variable.path')}${fields ?? ''}`);
  },
};

type Arg = JsonataExpression | string | number | boolean;
const arg = (value: Arg): string => (value instanceof JsonataExpression ? value.expression : JSON.stringify(value));

/**
 * The functions Step Functions adds to JSONata, which replace most intrinsic functions (Developer Guide,
 * "Transforming data with JSONata" › "JSONata functions provided by Step Functions").
 */
export const JsonataFunctions = {
  /** `$partition(array, size)`: replaces States.ArrayPartition. */
  partition(array: JsonataExpression, size: JsonataExpression | number): JsonataExpression {
    return JsonataExpression.of(`$partition(${arg(array)}, ${arg(size)})`);
  },
  /** `$range(start, end, step)`: replaces States.ArrayRange. */
  range(start: JsonataExpression | number, end: JsonataExpression | number, step: JsonataExpression | number): JsonataExpression {
    return JsonataExpression.of(`$range(${arg(start)}, ${arg(end)}, ${arg(step)})`);
  },
  /** `$hash(value, algorithm)`: replaces States.Hash. */
  hash(value: Arg, algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): JsonataExpression {
    return JsonataExpression.of(`$hash(${arg(value)}, ${arg(algorithm)})`);
  },
  /** `$uuid()`: replaces States.UUID. */
  uuid(): JsonataExpression {
    return JsonataExpression.of('$uuid()');
  },
  /** `$parse(text)`: replaces States.StringToJson. */
  parse(text: Arg): JsonataExpression {
    return JsonataExpression.of(`$parse(${arg(text)})`);
  },
  /** `$string(value)`: replaces States.Format('{}', value) and States.JsonToString. */
  string(value: Arg): JsonataExpression {
    return JsonataExpression.of(`$string(${arg(value)})`);
  },
};
