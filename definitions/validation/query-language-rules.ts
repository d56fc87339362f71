/**
 * The query-language rules AWS applies when a definition is created and amazon-states-language-service does not
 * (its schema allows the fields of both languages on every state): which fields each language has, where
 * `QueryLanguage` may be set, and `.$` keys in JSONata.
 *
 * Sources: Developer Guide, "Transforming data with JSONata in Step Functions" (JSONata replaces InputPath,
 * Parameters, ResultSelector, ResultPath and OutputPath with Arguments and Output; no `.$` on key names; Path
 * fields are JSONPath only) and "State machine structure in Amazon States Language" (QueryLanguage). The
 * messages are the ones AWS's ValidateStateMachineDefinition gives, as recorded in floci-io/floci#2968 and #3733.
 */
import { withoutNestedStates } from '../asl-walk';
import type { AslValidatorError } from './error';
import { pointerTo, type PlacedState, type QueryLanguage } from './states';

/** State fields that only a JSONPath state may have. */
const JSONPATH_ONLY = [
  'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'ItemsPath',
  'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'ErrorPath', 'CausePath',
  'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath',
];
/** State fields that only a JSONata state may have. */
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];
/** Fields of objects inside a state, by the state field that holds them. */
const NESTED_JSONPATH_ONLY: Record<string, string[]> = {
  ItemReader: ['Parameters'],
  ResultWriter: ['Parameters'],
  ItemBatcher: ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath'],
};
const NESTED_JSONATA_ONLY: Record<string, string[]> = { ItemReader: ['Arguments'], ResultWriter: ['Arguments'] };
/** A JSONPath Choice rule's fields besides Next/Assign/Comment: Variable and the comparison operators. */
const JSONPATH_RULE = /^(Variable|And|Or|Not|(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?|Is(Null|Present|Numeric|String|Boolean|Timestamp))$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function wrongLanguage(language: QueryLanguage, field: string, path: string): AslValidatorError {
  const other = language === 'JSONata' ? 'JSONPath' : 'JSONata';
  return {
    'Error code': 'SCHEMA_VALIDATION_FAILED',
    Message: `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`,
    path,
  };
}

/** Keys ending in `.$` anywhere in a JSONata value: JSONata states evaluate `{% %}` strings instead. */
function dollarKeys(value: unknown, path: string, found: AslValidatorError[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => dollarKeys(item, pointerTo(path, i), found));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.endsWith('.$')) {
        found.push({
          'Error code': 'SCHEMA_VALIDATION_FAILED',
          Message: `The QueryLanguage is set to 'JSONata', but the key '${key}' ends in '.$', which only JSONPath evaluates: write the value as a '{% … %}' expression under the key '${key.slice(0, -2)}'`,
          path: pointerTo(path, key),
        });
      }
      dollarKeys(item, pointerTo(path, key), found);
    }
  }
}

/** Fields used in the wrong language, a JSONPath state in a JSONata machine, `.$` keys in JSONata, QueryLanguage on an item processor. */
export function queryLanguageErrors(placed: readonly PlacedState[]): AslValidatorError[] {
  const errors: AslValidatorError[] = [];
  for (const { state, pointer, language, machineLanguage } of placed) {
    if (machineLanguage === 'JSONata' && state.QueryLanguage === 'JSONPath') {
      errors.push({ 'Error code': 'SCHEMA_VALIDATION_FAILED', Message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", path: pointer });
    }
    const refused = language === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
    for (const field of refused) if (field in state) errors.push(wrongLanguage(language, field, pointer));
    const nested = language === 'JSONata' ? NESTED_JSONPATH_ONLY : NESTED_JSONATA_ONLY;
    for (const [holder, fields] of Object.entries(nested)) {
      const object = state[holder];
      if (!isObject(object)) continue;
      for (const field of fields) if (field in object) errors.push(wrongLanguage(language, field, pointerTo(pointer, holder)));
      const config = object.ReaderConfig;
      if (holder === 'ItemReader' && language === 'JSONata' && isObject(config) && 'MaxItemsPath' in config) {
        errors.push(wrongLanguage(language, 'MaxItemsPath', pointerTo(pointer, holder, 'ReaderConfig')));
      }
    }
    for (const [i, catcher] of (Array.isArray(state.Catch) ? state.Catch : []).entries()) {
      if (!isObject(catcher)) continue;
      const field = language === 'JSONata' ? 'ResultPath' : 'Output';
      if (field in catcher) errors.push(wrongLanguage(language, field, pointerTo(pointer, 'Catch', i)));
    }
    for (const [i, rule] of (state.Type === 'Choice' && Array.isArray(state.Choices) ? state.Choices : []).entries()) {
      if (!isObject(rule)) continue;
      const fields = language === 'JSONata' ? Object.keys(rule).filter((k) => JSONPATH_RULE.test(k)) : ['Condition', 'Output'].filter((k) => k in rule);
      for (const field of fields) errors.push(wrongLanguage(language, field, pointerTo(pointer, 'Choices', i)));
    }
    if (language === 'JSONata') dollarKeys(withoutNestedStates(state), pointer, errors);
    // A Map's item processor is not a state: it takes its language from the machine, and may not name one.
    for (const key of ['ItemProcessor', 'Iterator']) {
      const processor = state[key];
      if (state.Type === 'Map' && isObject(processor) && 'QueryLanguage' in processor) {
        errors.push({ 'Error code': 'SCHEMA_VALIDATION_FAILED', Message: "Field 'QueryLanguage' is not supported", path: pointerTo(pointer, key) });
      }
    }
  }
  return errors;
}
