/**
 * The few rules AWS applies at creation that amazon-states-language-service's schema and state checks leave out
 * (each found by the corpus in __tests__/fixtures/asl/, see its README): variable names, state names unique in
 * the whole machine, a Map's item processor, field pairs of which only one may be set, retrier intervals, and
 * Resource ARNs.
 */
import type { AslValidatorError } from './error';
import { pointerTo, type PlacedState } from './states';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const schemaError = (Message: string, path: string): AslValidatorError => ({ 'Error code': 'SCHEMA_VALIDATION_FAILED', Message, path });

/**
 * Developer Guide, "Passing data between states with variables" › "Variable name syntax": a Unicode identifier
 * (UAX #31: an ID_Start character, then ID_Continue characters) of at most 80 characters; › "Reserved variable:
 * $states": `states` is Step Functions' own. In a JSONPath state a key may end in `.$` (the value is a path).
 */
const VARIABLE_NAME = /^\p{ID_Start}\p{ID_Continue}*$/u;
const MAX_VARIABLE_NAME = 80;

function variableNameErrors(assign: unknown, path: string, jsonPath: boolean): AslValidatorError[] {
  if (!isObject(assign)) return [];
  return Object.keys(assign).flatMap((key) => {
    const name = jsonPath && key.endsWith('.$') ? key.slice(0, -2) : key;
    const at = pointerTo(path, key);
    if (name === 'states') return [schemaError("The variable name 'states' is reserved ($states holds the state's input, result, error output and context): choose another name", at)];
    if (!VARIABLE_NAME.test(name)) return [schemaError(`The variable name '${name}' is not valid: it must start with a letter and go on with letters, digits or '_' (a Unicode identifier)`, at)];
    if ([...name].length > MAX_VARIABLE_NAME) return [schemaError(`The variable name '${name.slice(0, 20)}…' is longer than ${MAX_VARIABLE_NAME} characters`, at)];
    return [];
  });
}

/**
 * Pairs of which at most one may be set (the literal and its `…Path`): Developer Guide, "Task workflow state"
 * (TimeoutSeconds/HeartbeatSeconds), "Map workflow state" and "ItemReader (Map)", "ItemBatcher (Map)"; AWS's
 * message as recorded in floci-io/floci#3733. (Wait's four fields and Fail's Error/Cause pairs are checked by the
 * language service.)
 */
const EXCLUSIVE: readonly (readonly [string | undefined, string])[] = [
  [undefined, 'TimeoutSeconds'], [undefined, 'HeartbeatSeconds'], [undefined, 'MaxConcurrency'],
  [undefined, 'ToleratedFailurePercentage'], [undefined, 'ToleratedFailureCount'],
  ['ItemBatcher', 'MaxItemsPerBatch'], ['ItemBatcher', 'MaxInputBytesPerBatch'], ['ItemReader/ReaderConfig', 'MaxItems'],
];

function exclusiveErrors(state: Record<string, unknown>, pointer: string): AslValidatorError[] {
  return EXCLUSIVE.flatMap(([holder, field]) => {
    const keys = holder?.split('/') ?? [];
    const object = keys.reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), state);
    if (!isObject(object) || !(field in object) || !(`${field}Path` in object)) return [];
    return [schemaError(`There should only be one of the following fields: [${field}, ${field}Path]`, pointerTo(pointer, ...keys))];
  });
}

/**
 * Developer Guide, "Handling errors in Step Functions workflows" › retrier fields: IntervalSeconds and
 * MaxDelaySeconds are whole numbers from 1 (MaxDelaySeconds up to 31622400, one year).
 */
function retrierErrors(state: Record<string, unknown>, pointer: string): AslValidatorError[] {
  const retriers = Array.isArray(state.Retry) ? state.Retry : [];
  return retriers.flatMap((retrier, i) => {
    if (!isObject(retrier)) return [];
    const errors: AslValidatorError[] = [];
    for (const [field, max] of [['IntervalSeconds', 99999999], ['MaxDelaySeconds', 31622400]] as const) {
      const value = retrier[field];
      if (typeof value === 'number' && (value < 1 || value > max)) errors.push(schemaError(`${field} must be from 1 to ${max}, not ${value}`, pointerTo(pointer, 'Retry', i, field)));
    }
    return errors;
  });
}

/**
 * Developer Guide, "Task workflow state" › Resource: an ARN (a Lambda function, an activity, or an integration
 * `arn:<partition>:states:::<service>:<api>`). Checked for shape only (the ARN's parts are AWS's to resolve).
 */
const ARN = /^arn:[a-z-]+:[a-zA-Z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

function resourceErrors(state: Record<string, unknown>, pointer: string): AslValidatorError[] {
  const errors: AslValidatorError[] = [];
  const check = (resource: unknown, path: string) => {
    if (typeof resource === 'string' && !ARN.test(resource)) errors.push(schemaError(`The Resource '${resource}' is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)`, path));
  };
  if (state.Type === 'Task') check(state.Resource, pointerTo(pointer, 'Resource'));
  for (const holder of ['ItemReader', 'ResultWriter']) if (isObject(state[holder])) check((state[holder] as Record<string, unknown>).Resource, pointerTo(pointer, holder, 'Resource'));
  return errors;
}

/** The rules above, over every state; plus ASL's "State names MUST be unique within the scope of the whole state machine". */
export function structureErrors(placed: readonly PlacedState[]): AslValidatorError[] {
  const errors: AslValidatorError[] = [];
  const firstAt = new Map<string, string>();
  for (const { name, state, pointer, language } of placed) {
    const earlier = firstAt.get(name);
    if (earlier !== undefined) {
      errors.push({ 'Error code': 'DUPLICATE_STATE_NAME', Message: `Duplicate State name: ${name} (also at ${earlier}): state names must be unique in the whole state machine`, path: pointer });
    } else firstAt.set(name, pointer);
    const jsonPath = language === 'JSONPath';
    errors.push(...variableNameErrors(state.Assign, pointerTo(pointer, 'Assign'), jsonPath));
    for (const list of ['Choices', 'Catch']) {
      (Array.isArray(state[list]) ? (state[list] as unknown[]) : []).forEach((entry, i) => {
        if (isObject(entry)) errors.push(...variableNameErrors(entry.Assign, pointerTo(pointer, list, i, 'Assign'), jsonPath));
      });
    }
    if (state.Type === 'Map' && state.ItemProcessor === undefined && state.Iterator === undefined) {
      errors.push(schemaError('A Map state needs an ItemProcessor (the states run for each item)', pointer));
    }
    errors.push(...exclusiveErrors(state, pointer), ...retrierErrors(state, pointer), ...resourceErrors(state, pointer));
  }
  return errors;
}
