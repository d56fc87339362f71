/**
 * JSONata as AWS Step Functions evaluates it: the `JsonataLanguage` of ../query-languages.ts, on the reference
 * `jsonata` package (Step Functions documents JSONata 2.0.6; jsonata 2.2.2 speaks the same language).
 *
 * For the core (how to call this module):
 *   - `render(template, states, variables, { location, now })` renders any JSON value of a field: `{% … %}` strings
 *     anywhere inside it are evaluated (objects and arrays recursively, key order kept), everything else is returned
 *     as it is, copied. Call it once per field, with `location` the field's name as AWS reports it: 'Output',
 *     'Arguments', 'Assign', 'Items', 'TimeoutSeconds', 'Timestamp'… Inside objects the module extends it with
 *     '/key', inside arrays with '[index]' ('Output/result', 'Arguments/FunctionName', 'Assign/result' are AWS's
 *     recorded forms; '[index]', and 'Choices[0]/Condition', 'Catch[1]/Output' for rule and catcher fields, are
 *     assumed, after floci-io/floci#2689).
 *   - `now` is the execution's clock in epoch milliseconds (the virtual clock): `$now()` and `$millis()` answer it,
 *     read once per `render` call as JSONata reads its clock once per evaluation. Without it, the wall clock.
 *   - Everything it throws is a `JsonataEvaluationError` (a StatesError `States.QueryEvaluationError`, catchable by
 *     Retry/Catch) whose `cause` starts at "The JSONata expression '…' specified for the field '…' …". AWS's cause
 *     starts with one more sentence, which the core must prefix:
 *       "An error occurred while executing the state '<name>' (entered at the event id #<id>). "
 *     and AWS records an `EvaluationFailed` history event (evaluationFailedEventDetails: error, cause, location =
 *     the error's `location`, state) before the state fails (LocalStack's AWS snapshots, assign/test_assign_base,
 *     scenarios/test_base_scenarios).
 *   - A field's type checks stay with the core (Items must be an array, TimeoutSeconds a positive integer…); for
 *     AWS's wording use `unexpectedResultType(expressionText(field), location, 'array', value)`.
 *   - `$states` is bound to {input, context, result?, errorOutput?} (only the members given), each workflow variable
 *     to `$name`. There is no input document: `$` and bare field names at the top level of an expression are
 *     undefined (AWS refuses such definitions at creation; ./validate.ts finds them for the validator).
 *
 * AWS's rules kept here (Developer Guide, "Transforming data with JSONata in Step Functions"):
 *   - an expression returning nothing (undefined) fails, at the top of a field and inside an object or array alike
 *     ("…specified for the field 'Output/result' returned nothing (undefined).", LocalStack's AWS snapshots);
 *   - `$eval` is not available (section "Supported JSONata version"): calling it fails with JSONata's T1006, as on
 *     AWS (floci-io/floci#2737); `$parse` replaces it;
 *   - the functions Step Functions adds (./functions.ts).
 * Numbers are JavaScript doubles, as AWS's are; -0 comes back 0. Key order is kept, except that JavaScript objects
 * put integer-like keys ("1", "20") first: a limit of every JavaScript object in the engine, not of this module.
 * Not reproduced: AWS's evaluation memory limit (somewhere between 200,000 and 500,000 elements) and its stack
 * limit on deeply nested expressions (floci-io/floci#2737); JSONata's own limits apply instead.
 */
import jsonata from 'jsonata';
import type { JsonataLanguage, JsonataRenderOptions, StatesBinding } from '../query-languages';
import {
  JsonataEvaluationError,
  jsonTypeName,
  returnedNothing,
  threwError,
  unexpectedResultType,
  unsupportedResult,
} from './causes';
import { ExpressionCache, expressionText, isExpression } from './expression';
import { defaultSources, type FunctionSources } from './functions';
import { NOT_JSON, toJson } from './result';

export { JsonataEvaluationError, jsonTypeName, unexpectedResultType, expressionText, isExpression };
export { javaRandomDouble } from './functions';
export { checkJsonataExpression, findJsonataProblems, type JsonataProblem } from './validate';

export type { JsonataRenderOptions };

/** The JSONata language, with its own compiled-expression cache; one per engine is enough. */
export type StepFunctionsJsonata = JsonataLanguage;

export interface JsonataLanguageOptions extends Partial<FunctionSources> {
  /** The default clock when a render call gives none. */
  readonly now?: () => number;
}

export function createJsonataLanguage(options: JsonataLanguageOptions = {}): StepFunctionsJsonata {
  const cache = new ExpressionCache({
    random: options.random ?? defaultSources.random,
    uuid: options.uuid ?? defaultSources.uuid,
  });
  const defaultNow = options.now ?? Date.now;

  async function evaluate(template: string, location: string, bindings: Record<string, unknown>): Promise<unknown> {
    const text = expressionText(template);
    const compiled = cache.get(text);
    if ('error' in compiled) throw threwError(text, location, compiled.error);
    let value: unknown;
    try {
      value = await compiled.expression.evaluate(undefined, bindings);
    } catch (error) {
      throw threwError(text, location, error);
    }
    if (value === undefined) throw returnedNothing(text, location);
    const json = toJson(value);
    if (json === NOT_JSON) throw unsupportedResult(text, location);
    return json;
  }

  async function walk(template: unknown, location: string, bindings: Record<string, unknown>): Promise<unknown> {
    if (typeof template === 'string') {
      return isExpression(template) ? evaluate(template, location, bindings) : template;
    }
    if (Array.isArray(template)) {
      const items: unknown[] = [];
      for (let i = 0; i < template.length; i++) items.push(await walk(template[i], `${location}[${i}]`, bindings));
      return items;
    }
    if (template !== null && typeof template === 'object') {
      const object: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(template)) {
        const value = await walk(member, location ? `${location}/${key}` : key, bindings);
        if (key === '__proto__') {
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        } else {
          object[key] = value;
        }
      }
      return object;
    }
    return template;
  }

  return {
    isExpression,
    async render(template, states, variables, renderOptions = {}) {
      const bindings = {
        ...clockFunctions((renderOptions.now ?? defaultNow)()),
        eval: notAvailable,
        ...variables,
        states: statesValue(states),
      };
      return walk(template, renderOptions.location ?? '', bindings);
    },
  };
}

/** The language with the wall clock, Math.random and crypto.randomUUID. */
export const jsonataLanguage: StepFunctionsJsonata = createJsonataLanguage();

function statesValue(states: StatesBinding): Record<string, unknown> {
  const value: Record<string, unknown> = { input: states.input, context: states.context };
  if (states.result !== undefined) value.result = states.result;
  if (states.errorOutput !== undefined) value.errorOutput = states.errorOutput;
  return value;
}

/** `$eval` on AWS: not a function (JSONata's T1006). */
function notAvailable(): never {
  throw { code: 'T1006', message: 'Attempted to invoke a non-function' };
}

const formatHelper = jsonata('$fromMillis($ms, $picture, $timezone)');

/** `$now([picture [, timezone]])` and `$millis()` on the execution's clock. */
function clockFunctions(at: number): Record<string, unknown> {
  return {
    millis: () => at,
    now: (picture?: string, timezone?: string) =>
      picture === undefined && timezone === undefined
        ? new Date(at).toISOString()
        : formatHelper.evaluate(undefined, { ms: at, picture, timezone }),
  };
}
