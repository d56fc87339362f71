import { assertPath } from '../json-path';
import { assertVariableName } from '../jsonata';
import { renderJsonata } from '../jsonata-render';
import { renderPayload, type Payload, type PayloadValue } from '../payload';
import { HAS_RESULT } from '../validation/jsonata-expressions';
import type { QueryLanguage } from './state';

/** Input and output processing fields; each state kind accepts the subset ASL allows it. */
export interface InputOutputProps {
  /** JSONPath: selects the part of the input the state works on. @default '$' */
  readonly inputPath?: string;
  /** JSONPath: selects the part of the state output passed on. @default '$' */
  readonly outputPath?: string;
  /** JSONata: the state's output (`jsonata('$states.result.Item')`, or a template holding expressions). @default the result, else the input */
  readonly output?: PayloadValue;
  /**
   * Workflow variables set when the state ends, in either language: values are `Dynamic` (JSONPath) or
   * `JsonataExpression` (JSONata) or plain JSON. Developer Guide, "Passing data between states with variables". @default none
   */
  readonly assign?: Payload;
}

export interface ResultProps extends InputOutputProps {
  /** JSONPath: where the result goes in the input; `null` discards the result and passes the input on. @default '$' */
  readonly resultPath?: string | null;
}

/** The state a field belongs to, for messages and for where `$states.result` exists. */
export interface IoOwner {
  readonly name: string;
  readonly type: string;
}

/** How a state's request renders: a Task's or Parallel's `Parameters`/`Arguments`, a Map's `ItemSelector`, or none (Pass: JSONPath only). */
export type RequestField = 'Arguments' | 'ItemSelector' | 'PassParameters';

const JSONPATH_ONLY = [
  ['inputPath', 'InputPath'],
  ['parameters', 'Parameters'],
  ['resultSelector', 'ResultSelector'],
  ['resultPath', 'ResultPath'],
  ['outputPath', 'OutputPath'],
] as const;

/** The sentence for a JSONPath-only field in a JSONata state. */
export function jsonPathOnlyField(owner: IoOwner, prop: string, field: string, instead = 'arguments, output and assign'): Error {
  return new Error(
    `State '${owner.name}' is evaluated as JSONata but sets ${prop} (${field}), a JSONPath-only field. ` +
      `JSONata states have no InputPath, Parameters, ResultSelector, ResultPath or OutputPath: use ${instead} with jsonata(...) values, or set queryLanguage: 'JSONPath' on the state.`,
  );
}

/** Renders an Assign object in the state's language; variable names are checked. */
export function renderAssign(assign: Payload, where: string, language: QueryLanguage, resultHere: boolean, inCatcher = false): Record<string, unknown> {
  for (const name of Object.keys(assign)) assertVariableName(name.replace(/\.\$$/, ''), `${where} Assign`);
  return language === 'JSONata'
    ? (renderJsonata(assign, `${where} Assign`, { inCatcher, resultHere }) as Record<string, unknown>)
    : renderPayload(assign, `${where} Assign`);
}

/**
 * Renders the input and output fields in ASL's reading order: JSONPath InputPath / Parameters / ResultSelector /
 * ResultPath / OutputPath / Assign; JSONata Arguments (or ItemSelector) / Output / Assign.
 */
export function renderIo(
  owner: IoOwner,
  language: QueryLanguage,
  props: ResultProps & { parameters?: Payload; resultSelector?: Payload },
  request: RequestField = 'Arguments',
): Record<string, unknown> {
  const where = `State '${owner.name}'`;
  const out: Record<string, unknown> = {};
  const resultHere = HAS_RESULT.has(owner.type);
  if (language === 'JSONata') {
    for (const [prop, field] of JSONPATH_ONLY) {
      if (props[prop] === undefined || (prop === 'parameters' && request !== 'PassParameters')) continue;
      throw jsonPathOnlyField(owner, prop, field, owner.type === 'Pass' ? 'output and assign' : undefined);
    }
    if (props.parameters !== undefined) {
      const key = request === 'ItemSelector' ? 'ItemSelector' : 'Arguments';
      out[key] = renderJsonata(props.parameters, `${where} ${key}`, { inCatcher: false, resultHere: false });
    }
    if (props.output !== undefined) out.Output = renderJsonata(props.output, `${where} Output`, { inCatcher: false, resultHere });
  } else {
    if (props.output !== undefined) {
      throw new Error(`State '${owner.name}' is evaluated as JSONPath but sets output, a JSONata field: use outputPath/resultSelector, or set queryLanguage: 'JSONata' on the state.`);
    }
    const parametersKey = request === 'ItemSelector' ? 'ItemSelector' : 'Parameters';
    if (props.inputPath !== undefined) out.InputPath = assertPath(props.inputPath, `${where} inputPath`);
    if (props.parameters !== undefined) out[parametersKey] = renderPayload(props.parameters, `${where} ${parametersKey}`);
    if (props.resultSelector !== undefined) out.ResultSelector = renderPayload(props.resultSelector, `${where} ResultSelector`);
    if (props.resultPath !== undefined) {
      out.ResultPath = props.resultPath === null ? null : assertPath(props.resultPath, `${where} resultPath`);
    }
    if (props.outputPath !== undefined) out.OutputPath = assertPath(props.outputPath, `${where} outputPath`);
  }
  if (props.assign !== undefined) out.Assign = renderAssign(props.assign, where, language, resultHere);
  return out;
}
