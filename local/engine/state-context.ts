/**
 * One state being run: its definition, raw input, query language, the frame it runs in, the event that entered it,
 * and the helpers every state kind shares (the context object, scopes for the two languages, run-time errors written
 * as AWS writes them).
 */
import { contextObject, type MapItemFacts } from './context-object';
import type { StateDefinition } from './definition';
import { StatesError, STATES_ERRORS } from './errors';
import { expressionText, isExpression, unexpectedResultType } from './jsonata';
import type { PathScope, StatesBinding } from './query-languages';
import type { Frame, Runtime } from './runtime';
import type { QueryLanguageName } from './types';

/** The States.Runtime prefix (Developer Guide, "Error handling in Step Functions", States.Runtime examples). */
export function runtimePrefix(stateName: string, enteredEventId: number): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}).`;
}

export class StateContext {
  /** Retries so far (`$$.State.RetryCount`). */
  retryCount = 0;
  /** The current attempt's task token (`$$.Task.Token`). */
  taskToken: string | undefined;
  /** The variables as the state saw them when entered (Assign and every field read these). */
  readonly variables: Readonly<Record<string, unknown>>;

  constructor(
    readonly name: string,
    readonly state: StateDefinition,
    readonly rawInput: unknown,
    readonly language: QueryLanguageName,
    readonly frame: Frame,
    readonly enteredEventId: number,
    readonly enteredTime: number,
  ) {
    this.variables = frame.variables.snapshot();
  }

  get runtime(): Runtime {
    return this.frame.runtime;
  }

  get isJsonata(): boolean {
    return this.language === 'JSONata';
  }

  context(mapItem?: MapItemFacts): Record<string, unknown> {
    return contextObject(this.runtime.facts, {
      name: this.name,
      enteredTime: this.enteredTime,
      retryCount: this.state.Type === 'Task' ? this.retryCount : undefined,
      taskToken: this.taskToken,
      mapItem,
    });
  }

  pathScope(input: unknown, extra: { states?: StatesBinding; mapItem?: MapItemFacts } = {}): PathScope {
    return { input, context: this.context(extra.mapItem), variables: this.variables, states: extra.states };
  }

  states(extra: { result?: unknown; errorOutput?: unknown; mapItem?: MapItemFacts } = {}): StatesBinding {
    const binding: { input: unknown; context: unknown; result?: unknown; errorOutput?: unknown } = {
      input: this.rawInput,
      context: this.context(extra.mapItem),
    };
    if ('result' in extra) binding.result = extra.result;
    if ('errorOutput' in extra) binding.errorOutput = extra.errorOutput;
    return binding;
  }

  /** A States.Runtime error of this state, with AWS's prefix. */
  runtimeError(message: string): StatesError {
    return new StatesError(STATES_ERRORS.Runtime, `${runtimePrefix(this.name, this.enteredEventId)} ${message}`);
  }

  /** An error of this state (another name), with AWS's prefix. */
  prefixedError(error: string, message: string): StatesError {
    return new StatesError(error, `${runtimePrefix(this.name, this.enteredEventId)} ${message}`);
  }

  /**
   * Runs a query-language evaluation. The language modules throw StatesError with the text after the prefix; the
   * prefix (state name, entered event id) is added here. Anything else they throw is a States.Runtime error.
   */
  async evaluate<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StatesError) {
        if (error.cause.startsWith('An error occurred while executing the state')) throw error;
        // Recorded AWS executions report a failed intrinsic function as States.Runtime (not States.IntrinsicFailure).
        const name = error.error === STATES_ERRORS.IntrinsicFailure ? STATES_ERRORS.Runtime : error.error;
        throw this.prefixedError(name, error.cause);
      }
      throw this.runtimeError(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * JSONata: a field's value of the wrong type, as AWS words it ("The JSONata expression '1' specified for the field
   * 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1").
   */
  jsonataTypeError(template: unknown, location: string, expected: string, value: unknown): StatesError {
    const text = typeof template === 'string' && isExpression(template) ? expressionText(template) : JSON.stringify(template);
    const error = unexpectedResultType(text, location, expected, value);
    return this.prefixedError(error.error, error.cause);
  }

  /** JSONata: a field's value (`{% %}` evaluated anywhere inside); `location` names the field in causes. */
  jsonata(template: unknown, binding: StatesBinding, location?: string): Promise<unknown> {
    const clock = this.runtime.clock;
    return this.evaluate(() => this.runtime.languages.jsonata.render(template, binding, this.variables, { location, now: () => clock.now() }));
  }
}
