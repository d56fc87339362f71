/**
 * Evaluates an intrinsic function call (Developer Guide, "Intrinsic functions") against a state's scope. Arguments
 * are evaluated left to right; a path argument that selects nothing fails as a payload-template path does
 * (States.Runtime, "The JSONPath '…' specified for the field '…' could not be found in the input '…'"); a bad
 * argument fails with States.Runtime (as recorded AWS executions report it); an unknown function or a wrong number of arguments is a
 * DefinitionError (AWS refuses such definitions).
 */
import type { PathScope } from '../query-languages';
import { DefinitionError, intrinsicFailure } from './errors';
import { describe, arrayFunctions } from './intrinsics-array';
import { format, otherFunctions } from './intrinsics-other';
import { type IntrinsicArg, type IntrinsicCall, parseIntrinsic } from './intrinsic-parser';
import { evaluatePath } from './paths';

const FUNCTIONS = { ...arrayFunctions, ...otherFunctions };
export const INTRINSIC_NAMES = ['States.Format', ...Object.keys(FUNCTIONS)];

function arityOf(name: string): [number, number] | undefined {
  return name === 'States.Format' ? [1, Infinity] : FUNCTIONS[name]?.arity;
}

/** Checks names and argument counts of every call in `call` (AWS does this when a state machine is created). */
export function checkIntrinsic(call: IntrinsicCall): void {
  const arity = arityOf(call.name);
  if (!arity) throw new DefinitionError(`${call.name} is not an intrinsic function; the functions are ${INTRINSIC_NAMES.join(', ')}.`);
  const [min, max] = arity;
  if (call.args.length < min || call.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new DefinitionError(`${call.name} takes ${expected} argument${expected === '1' ? '' : 's'}, but was given ${call.args.length}.`);
  }
  for (const arg of call.args) if (arg.kind === 'call') checkIntrinsic(arg);
}

function evaluateArg(arg: IntrinsicArg, scope: PathScope, field: string | undefined): unknown {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'path') return evaluatePath(arg.text, scope, field);
  return evaluateCall(arg, scope, field);
}

function evaluateCall(call: IntrinsicCall, scope: PathScope, field: string | undefined): unknown {
  checkIntrinsic(call);
  const args = call.args.map((a) => evaluateArg(a, scope, field));
  if (call.name === 'States.Format') {
    const [template, ...rest] = args;
    if (typeof template !== 'string') {
      throw intrinsicFailure(`The template (first argument) of States.Format must be a string, but was ${describe(template)}.`);
    }
    const first = call.args[0];
    const literal = first.kind === 'literal' && first.raw !== undefined;
    return format(call.name, literal ? first.raw! : template, literal, rest);
  }
  return FUNCTIONS[call.name].fn(call.name, args);
}

/** The value of an intrinsic call such as `States.Format('{}', $.a)`; `field` names the template key for errors. */
export function evaluateIntrinsic(text: string, scope: PathScope, field?: string): unknown {
  return evaluateCall(parseIntrinsic(text), scope, field);
}
