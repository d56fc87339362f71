/**
 * Reading a definition: what the engine refuses before it runs anything. AWS refuses these at CreateStateMachine
 * (Amazon States Language specification, "Structure of a State Machine", "State Types", "Transitions"; Developer Guide,
 * "State machine structure", QueryLanguage: a JSONata top-level machine cannot hold JSONPath states; "Transforming
 * data with JSONata": the JSONPath fields a JSONata state cannot have). Every refusal is an
 * InvalidStateMachineDefinition naming the state and what to change.
 */
import type { QueryLanguageName } from './types';

export type StateDefinition = Readonly<Record<string, unknown>>;

export interface MachineDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateDefinition>>;
  readonly QueryLanguage?: QueryLanguageName;
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
  readonly Version?: string;
}

export class InvalidStateMachineDefinition extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateMachineDefinition';
  }
}

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** Fields only a JSONPath state may have. */
const JSONPATH_ONLY = [
  'InputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'Iterator',
  'Result',
];
/** Fields only a JSONata state may have. */
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];

const NEEDS_TRANSITION: ReadonlySet<string> = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

function fail(where: string, message: string): never {
  throw new InvalidStateMachineDefinition(`${where}: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text or takes an object, and checks it; returns the definition as the engine reads it. */
export function readDefinition(source: unknown): MachineDefinition {
  let definition = source;
  if (typeof source === 'string') {
    try {
      definition = JSON.parse(source);
    } catch (error) {
      fail('The definition', `is not valid JSON (${(error as Error).message}).`);
    }
  }
  checkMachine(definition, 'The state machine', undefined);
  return definition as MachineDefinition;
}

/** The query language a state uses: its own, else its machine's, else JSONPath. */
export function queryLanguageOf(state: StateDefinition, inherited: QueryLanguageName | undefined): QueryLanguageName {
  return (state.QueryLanguage as QueryLanguageName | undefined) ?? inherited ?? 'JSONPath';
}

function checkQueryLanguage(value: unknown, where: string): asserts value is QueryLanguageName | undefined {
  if (value !== undefined && value !== 'JSONPath' && value !== 'JSONata') {
    fail(where, `QueryLanguage must be "JSONPath" or "JSONata", not ${JSON.stringify(value)}.`);
  }
}

function checkMachine(definition: unknown, where: string, inherited: QueryLanguageName | undefined): void {
  if (!isObject(definition)) fail(where, 'the definition must be a JSON object with StartAt and States.');
  checkQueryLanguage(definition.QueryLanguage, where);
  const language = (definition.QueryLanguage as QueryLanguageName | undefined) ?? inherited;
  if (inherited === 'JSONata' && definition.QueryLanguage === 'JSONPath') {
    fail(where, 'a JSONata state machine cannot hold JSONPath states; remove QueryLanguage "JSONPath".');
  }
  const states = definition.States;
  if (!isObject(states) || Object.keys(states).length === 0) fail(where, 'States must be an object of one or more states.');
  if (typeof definition.StartAt !== 'string' || !(definition.StartAt in states)) {
    const given = definition.StartAt === undefined ? 'has no StartAt' : `has StartAt ${JSON.stringify(definition.StartAt)}`;
    fail(where, `${given}; StartAt must name one of its states (${Object.keys(states).join(', ')}).`);
  }
  if (definition.TimeoutSeconds !== undefined && !isPositiveInteger(definition.TimeoutSeconds)) {
    fail(where, 'TimeoutSeconds must be a positive integer.');
  }
  for (const [name, state] of Object.entries(states)) checkState(name, state, states, language);
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function checkState(name: string, state: unknown, states: Record<string, unknown>, machineLanguage: QueryLanguageName | undefined): void {
  const where = `State '${name}'`;
  if (name.length > 80) fail(where, 'a state name has at most 80 characters.');
  if (!isObject(state)) fail(where, 'must be a JSON object.');
  if (!STATE_TYPES.includes(state.Type as StateType)) {
    fail(where, `has Type ${JSON.stringify(state.Type)}; use one of ${STATE_TYPES.join(', ')}.`);
  }
  checkQueryLanguage(state.QueryLanguage, where);
  if (machineLanguage === 'JSONata' && state.QueryLanguage === 'JSONPath') {
    fail(where, 'is JSONPath in a JSONata state machine; a JSONata state machine cannot hold JSONPath states.');
  }
  const language = queryLanguageOf(state, machineLanguage);
  checkFieldsFor(language, state, where);
  const target = (field: string, value: unknown): void => {
    if (typeof value !== 'string' || !(value in states)) {
      fail(where, `${field} ${JSON.stringify(value)} names no state in the same scope.`);
    }
  };
  if (NEEDS_TRANSITION.has(state.Type as string)) {
    if (state.End === true && state.Next !== undefined) fail(where, 'has both Next and End; keep one.');
    if (state.End !== true && state.Next === undefined) fail(where, 'needs Next (the name of a state) or "End": true.');
    if (state.End !== true) target('Next', state.Next);
  }
  switch (state.Type) {
    case 'Task':
      if (typeof state.Resource !== 'string') fail(where, 'a Task needs a Resource (a string).');
      break;
    case 'Choice':
      if (!Array.isArray(state.Choices) || state.Choices.length === 0) fail(where, 'a Choice needs Choices, a non-empty array.');
      for (const rule of state.Choices as unknown[]) {
        if (!isObject(rule)) fail(where, 'each Choice rule must be an object.');
        target('Next', rule.Next);
        if (language === 'JSONata' && rule.Condition === undefined) fail(where, 'a JSONata Choice rule needs a Condition.');
      }
      if (state.Default !== undefined) target('Default', state.Default);
      break;
    case 'Wait': {
      const forms = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((f) => state[f] !== undefined);
      if (forms.length !== 1) fail(where, 'a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath.');
      break;
    }
    case 'Fail':
      if (state.Error !== undefined && state.ErrorPath !== undefined) fail(where, 'has both Error and ErrorPath; keep one.');
      if (state.Cause !== undefined && state.CausePath !== undefined) fail(where, 'has both Cause and CausePath; keep one.');
      break;
    case 'Parallel':
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) fail(where, 'a Parallel needs Branches, a non-empty array.');
      (state.Branches as unknown[]).forEach((branch, i) => checkMachine(branch, `${where}, branch ${i}`, language));
      break;
    case 'Map': {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor === undefined) fail(where, 'a Map needs an ItemProcessor.');
      checkMachine(processor, `${where}, ItemProcessor`, language);
      break;
    }
  }
  for (const field of ['Retry', 'Catch'] as const) {
    const entries = state[field];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) fail(where, `${field} must be an array.`);
    entries.forEach((entry, i) => {
      checkErrorEquals(entry, `${where}, ${field}[${i}]`);
      if ((entry as { ErrorEquals: unknown[] }).ErrorEquals.includes('States.ALL') && i !== entries.length - 1) {
        fail(`${where}, ${field}[${i}]`, `the entry with States.ALL must be the last of ${field}.`);
      }
    });
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => {
      target(`Catch[${i}].Next`, (c as Record<string, unknown>).Next);
      checkFieldsFor(language, c as Record<string, unknown>, `${where}, Catch[${i}]`);
    });
  }
}

function checkFieldsFor(language: QueryLanguageName, fields: Record<string, unknown>, where: string): void {
  const wrong = language === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
  for (const field of wrong) {
    if (fields[field] !== undefined) {
      const instead = language === 'JSONata' ? 'use Arguments, Output, Assign or {% %} expressions' : 'set QueryLanguage "JSONata" to use it';
      fail(where, `the field '${field}' is not supported in a ${language} state; ${instead}.`);
    }
  }
}

function checkErrorEquals(entry: unknown, where: string): void {
  if (!isObject(entry) || !Array.isArray(entry.ErrorEquals) || entry.ErrorEquals.length === 0) {
    fail(where, 'ErrorEquals must be a non-empty array of error names.');
  }
  const names = entry.ErrorEquals as unknown[];
  if (names.includes('States.ALL') && names.length > 1) fail(where, 'States.ALL must appear alone in ErrorEquals.');
}
