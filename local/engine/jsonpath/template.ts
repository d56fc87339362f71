/**
 * Payload templates (ASL spec, "Payload Template"; Developer Guide, "Manipulate parameters in Step Functions
 * workflows" / InputPath, Parameters and ResultSelector): Parameters, ResultSelector, ItemSelector and JSONPath
 * Assign. A key ending in `.$` takes a path or an intrinsic call and loses its `.$`; any other value is kept as it
 * is; nested objects and arrays are rendered the same way; keys keep their order (the renamed key stays where the
 * `.$` key was). A `.$` key whose value is not a string, or is neither a path nor an intrinsic call, is a definition
 * error (AWS refuses it when the state machine is created); so is a template that holds both `k` and `k.$`.
 */
import type { PathScope } from '../query-languages';
import { DefinitionError } from './errors';
import { describe } from './intrinsics-array';
import { checkIntrinsic, evaluateIntrinsic } from './intrinsics';
import { looksLikeIntrinsic, parseIntrinsic } from './intrinsic-parser';
import { parsePath } from './path-parser';
import { evaluatePath } from './paths';

function dynamicValue(key: string, value: unknown): string {
  if (typeof value !== 'string' || !(value.startsWith('$') || looksLikeIntrinsic(value))) {
    throw new DefinitionError(
      `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call, but was ${describe(value)}. ` +
        `Give a path such as "$.x" or a call such as "States.Format('{}', $.x)", or drop the '.$' from the key to keep the value as it is.`,
    );
  }
  return value;
}

function collision(obj: Record<string, unknown>, key: string): void {
  if (Object.hasOwn(obj, key.slice(0, -2))) {
    throw new DefinitionError(`The template has both '${key.slice(0, -2)}' and '${key}'; keep only one of them.`);
  }
}

export function renderTemplate(template: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((item) => renderTemplate(item, scope));
  if (typeof template !== 'object' || template === null) return template;
  const obj = template as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key.endsWith('.$')) {
      collision(obj, key);
      const text = dynamicValue(key, value);
      out[key.slice(0, -2)] = looksLikeIntrinsic(text) ? evaluateIntrinsic(text.trim(), scope, key) : evaluatePath(text, scope, key);
    } else {
      out[key] = renderTemplate(value, scope);
    }
  }
  return out;
}

/** Checks a template's `.$` values (paths parse, intrinsic calls are well formed) without evaluating anything. */
export function validateTemplate(template: unknown): void {
  if (Array.isArray(template)) return template.forEach(validateTemplate);
  if (typeof template !== 'object' || template === null) return;
  const obj = template as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if (!key.endsWith('.$')) {
      validateTemplate(value);
      continue;
    }
    collision(obj, key);
    const text = dynamicValue(key, value);
    if (looksLikeIntrinsic(text)) checkIntrinsic(parseIntrinsic(text.trim()));
    else parsePath(text);
  }
}
