import { assertPath } from '../json-path';

type Rule = Record<string, unknown>;

/** A Choice rule. Build with the static factories; combine with `and`, `or`, `not`. */
export class Condition {
  private constructor(private readonly rule: Rule) {}

  private static compare(path: string, operator: string, value: unknown): Condition {
    return new Condition({ Variable: assertPath(path, `Condition.${operator}`), [operator]: value });
  }

  static isPresent(path: string): Condition {
    return Condition.compare(path, 'IsPresent', true);
  }
  static isNotPresent(path: string): Condition {
    return Condition.compare(path, 'IsPresent', false);
  }
  static isString(path: string): Condition {
    return Condition.compare(path, 'IsString', true);
  }
  static isNotString(path: string): Condition {
    return Condition.compare(path, 'IsString', false);
  }
  static isNumeric(path: string): Condition {
    return Condition.compare(path, 'IsNumeric', true);
  }
  static isBoolean(path: string): Condition {
    return Condition.compare(path, 'IsBoolean', true);
  }
  static isNull(path: string): Condition {
    return Condition.compare(path, 'IsNull', true);
  }
  static stringEquals(path: string, value: string): Condition {
    return Condition.compare(path, 'StringEquals', value);
  }
  /** `*` matches any run of characters; escape a literal `*` as `\\*`. */
  static stringMatches(path: string, pattern: string): Condition {
    return Condition.compare(path, 'StringMatches', pattern);
  }
  static numberEquals(path: string, value: number): Condition {
    return Condition.compare(path, 'NumericEquals', value);
  }
  static numberGreaterThan(path: string, value: number): Condition {
    return Condition.compare(path, 'NumericGreaterThan', value);
  }
  static numberGreaterThanEquals(path: string, value: number): Condition {
    return Condition.compare(path, 'NumericGreaterThanEquals', value);
  }
  static numberLessThan(path: string, value: number): Condition {
    return Condition.compare(path, 'NumericLessThan', value);
  }
  static numberLessThanEquals(path: string, value: number): Condition {
    return Condition.compare(path, 'NumericLessThanEquals', value);
  }
  static booleanEquals(path: string, value: boolean): Condition {
    return Condition.compare(path, 'BooleanEquals', value);
  }

  static and(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error('Condition.and needs at least one condition.');
    return new Condition({ And: conditions.map((c) => c.render()) });
  }
  static or(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error('Condition.or needs at least one condition.');
    return new Condition({ Or: conditions.map((c) => c.render()) });
  }
  static not(condition: Condition): Condition {
    return new Condition({ Not: condition.render() });
  }

  /** @internal */
  render(): Rule {
    return { ...this.rule };
  }
}
