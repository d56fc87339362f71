/**
 * TEST-ONLY stand-in for the JSONata module (local/engine/jsonata/, written in parallel): `{% %}` strings evaluated
 * with the reference `jsonata` package, `$states` and the variables bound. Deleted when the real module is merged.
 */
import jsonata from 'jsonata';
import { StatesError, STATES_ERRORS } from '../../../../local/engine/errors';
import type { JsonataLanguage, StatesBinding } from '../../../../local/engine/query-languages';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

async function evaluate(text: string, states: StatesBinding, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
  const body = EXPRESSION.exec(text)![1];
  let value: unknown;
  try {
    value = await jsonata(body).evaluate(states.input, { ...variables, states });
  } catch (error) {
    throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${body.trim()}' failed: ${(error as Error).message}`);
  }
  if (value === undefined) {
    throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${body.trim()}' returned nothing (undefined).`);
  }
  return value;
}

async function render(template: unknown, states: StatesBinding, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
  if (typeof template === 'string') return EXPRESSION.test(template) ? evaluate(template, states, variables) : template;
  if (Array.isArray(template)) return Promise.all(template.map((item) => render(item, states, variables)));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) out[key] = await render(value, states, variables);
  return out;
}

export const standInJsonata: JsonataLanguage = {
  isExpression: (value) => typeof value === 'string' && EXPRESSION.test(value),
  render,
};
