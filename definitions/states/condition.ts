import { assertPath } from '../json-path';
import { JsonataExpression } from '../jsonata';
import { renderJsonata } from '../jsonata-render';
import type { QueryLanguage } from './state';

type Rule = Record<string, unknown>;

/**
 * A Choice rule. Build with the static factories (JSONPath) or `Condition.jsonata(expression)` (JSONata, the
 * rule's `Condition` field); combine with `and`, `or`, `not` (conditions of one language).
 */
export class Condition {
  private constructor(
    private readonly rule: Rule,
    private readonly expression?: JsonataExpression,
  ) {}

  /** A JSONata Choice rule: true when the expression is true, e.g. `Condition.jsonata(jsonata('$states.input.total > 100'))`. */
  static jsonata(expression: JsonataExpression): Condition {
    if (!(expression instanceof JsonataExpression)) throw new Error('Condition.jsonata takes a jsonata(...) expression.');
    return new Condition({}, expression);
  }

  private static combine(operator: 'and' | 'or', conditions: Condition[]): Condition | undefined {
    const jsonata = conditions.filter((c) => c.expression !== undefined);
    if (jsonata.length === 0) return undefined;
    if (jsonata.length !== conditions.length) {
      throw new Error(`Condition.${operator} mixes JSONPath and JSONata conditions; a Choice rule is written in one language.`);
    }
    return Condition.jsonata(JsonataExpression.of(jsonata.map((c) => `(${c.expression?.expression})`).join(` ${operator} `)));
  }

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
    const jsonata = Condition.combine('and', conditions);
    if (jsonata) return jsonata;
    return new Condition({ And: conditions.map((c) => c.render()) });
  }
  static or(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error('Condition.or needs at least one condition.');
    const jsonata = Condition.combine('or', conditions);
    if (jsonata) return jsonata;
    return new Condition({ Or: conditions.map((c) => c.render()) });
  }
  static not(condition: Condition): Condition {
    if (condition.expression) return Condition.jsonata(JsonataExpression.of(`$not(${condition.expression.expression})`));
    return new Condition({ Not: condition.render() });
  }

  /** @internal the rule of a JSONPath condition */
  render(): Rule {
    if (this.expression) throw new Error(`The JSONata condition '${this.expression.expression}' has no JSONPath rule.`);
    return { ...this.rule };
  }

  /** @internal the rule's fields in `language`; `where` names the Choice and the rule for errors */
  renderIn(language: QueryLanguage, where: string): Rule {
    if (language === 'JSONata') {
      if (!this.expression) {
        throw new Error(
          `${where} is a JSONPath condition (${Object.keys(this.rule).join(', ')}), but the Choice is evaluated as JSONata: ` +
            "write it as Condition.jsonata(jsonata('…')), or set queryLanguage: 'JSONPath' on the Choice.",
        );
      }
      return { Condition: renderJsonata(this.expression, `${where} Condition`, { inCatcher: false, resultHere: false }) };
    }
    if (this.expression) {
      throw new Error(`${where} is the JSONata condition '${this.expression.expression}', but the Choice is evaluated as JSONPath: set queryLanguage: 'JSONata' on the Choice, or use a JSONPath condition.`);
    }
    return this.render();
  }
}
