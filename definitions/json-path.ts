/**
 * JSONPath references and intrinsic functions as value objects.
 *
 * A `Dynamic` renders as a `"key.$": "<expression>"` field in a payload template; a plain string renders as
 * itself. Factories validate their input, so an invalid path cannot be written.
 */
export class Dynamic {
  private constructor(readonly expression: string) {}

  /** @internal used by the factories below only */
  static of(expression: string): Dynamic {
    return new Dynamic(expression);
  }

  toString(): string {
    return this.expression;
  }
}

/** Checks a reference path (`$` for the state input, `$$` for the context object). */
export function assertPath(path: string, where: string): string {
  if (typeof path !== 'string' || !/^\$\$?(\.|\[|$)/.test(path)) {
    throw new Error(
      `${where}: '${String(path)}' is not a JSONPath. Paths start with '$' (state input) or '$$' (context object), e.g. '$.id'.`,
    );
  }
  return path;
}

export class JsonPath {
  /** The whole state input. */
  static readonly ENTIRE_INPUT = '$';

  /** A reference to a value of the state input or context object, e.g. `JsonPath.at('$.id')`. */
  static at(path: string): Dynamic {
    return Dynamic.of(assertPath(path, 'JsonPath.at'));
  }

  /** Same as `at`; says in the code that the value is expected to be a string. */
  static stringAt(path: string): Dynamic {
    return Dynamic.of(assertPath(path, 'JsonPath.stringAt'));
  }

  /** Same as `at`; says in the code that the value is expected to be a number. */
  static numberAt(path: string): Dynamic {
    return Dynamic.of(assertPath(path, 'JsonPath.numberAt'));
  }

  /** The execution id (ARN) from the context object. */
  static readonly executionId = Dynamic.of('$$.Execution.Id');
  /** The execution name from the context object. */
  static readonly executionName = Dynamic.of('$$.Execution.Name');
  /** The execution start time from the context object. */
  static readonly executionStartTime = Dynamic.of('$$.Execution.StartTime');
}

type IntrinsicArg = Dynamic | string | number | boolean | null;

function renderArg(arg: IntrinsicArg): string {
  if (arg instanceof Dynamic) return arg.expression;
  if (typeof arg === 'string') return `'${escapeIntrinsicString(arg)}'`;
  return JSON.stringify(arg);
}

/** Characters with a meaning inside an intrinsic's string literal are escaped with a backslash. */
function escapeIntrinsicString(text: string): string {
  return text.replace(/[\\'{}]/g, (c) => `\\${c}`);
}

function call(name: string, args: IntrinsicArg[]): Dynamic {
  return Dynamic.of(`States.${name}(${args.map(renderArg).join(', ')})`);
}

/** The Amazon States Language intrinsic functions (`States.*`). */
export class Intrinsic {
  /**
   * `States.Format`: `template` uses `{}` for each argument, e.g.
   * `Intrinsic.format('Hello, my id is {}.', JsonPath.stringAt('$.id'))`.
   */
  static format(template: string, ...args: IntrinsicArg[]): Dynamic {
    const placeholders = template.split('{}').length - 1;
    if (placeholders !== args.length) {
      throw new Error(
        `Intrinsic.format('${template}'): the template has ${placeholders} '{}' placeholder(s) but ${args.length} argument(s) were given; pass one argument per '{}'.`,
      );
    }
    const literal = template
      .split('{}')
      .map((part) => escapeIntrinsicString(part))
      .join('{}');
    return Dynamic.of(`States.Format('${literal}'${args.map((a) => `, ${renderArg(a)}`).join('')})`);
  }

  static jsonToString(value: Dynamic): Dynamic {
    return call('JsonToString', [value]);
  }

  static stringToJson(value: Dynamic): Dynamic {
    return call('StringToJson', [value]);
  }

  static array(...items: IntrinsicArg[]): Dynamic {
    return call('Array', items);
  }

  static arrayLength(value: Dynamic): Dynamic {
    return call('ArrayLength', [value]);
  }

  static uuid(): Dynamic {
    return call('UUID', []);
  }

  static hash(value: Dynamic | string, algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): Dynamic {
    return call('Hash', [value, algorithm]);
  }

  static mathAdd(a: Dynamic | number, b: Dynamic | number): Dynamic {
    return call('MathAdd', [a, b]);
  }
}
