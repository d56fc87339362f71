/**
 * The seam between the engine's core (states, transitions, Retry/Catch, time, history) and the two query languages
 * it evaluates. The core decides WHEN each field is evaluated (the order AWS documents for each state kind); these
 * modules decide WHAT a field's value is. Both throw StatesError (./errors) and nothing else.
 *
 * JSONPath (./jsonpath/): paths (`$.a.b`, `$$.Execution.Id`, `$var.x`), reference paths, payload templates (keys
 * ending in `.$`, intrinsic functions), ResultPath. JSONata (./jsonata/): `{% … %}` expressions anywhere a value may
 * be, with `$states` and the workflow's variables bound, and the functions Step Functions adds.
 */

/** What a JSONPath expression can reach: `$` (the input), `$$` (the context object), `$name` (a variable). */
export interface PathScope {
  readonly input: unknown;
  readonly context: unknown;
  readonly variables: Readonly<Record<string, unknown>>;
  /** `$states` where a JSONPath field may use it (Assign, a Catcher's Assign). */
  readonly states?: StatesBinding;
}

/** The JSONPath query language, as the core uses it. */
export interface JsonPathLanguage {
  /**
   * The value at a path (InputPath, OutputPath, ItemsPath, a Choice Variable, `SecondsPath`…). `field`, when given,
   * words a not-found error as AWS does for named fields ("The JSONPath '$.x' specified for the field 'ErrorPath'
   * could not be found in the input '…'"); without it the cause is "Invalid path '$.x' : No results for path: …".
   */
  evaluatePath(path: string, scope: PathScope, field?: string): unknown;
  /** True when the path selects something (a Choice rule's IsPresent). */
  pathExists(path: string, scope: PathScope): boolean;
  /** A payload template (Parameters, ResultSelector, ItemSelector, Arguments-free JSONPath Assign) rendered. */
  renderTemplate(template: unknown, scope: PathScope): unknown;
  /** A Choice rule (`Variable` with a comparison operator, or `And`/`Or`/`Not` of rules) evaluated. */
  evaluateChoiceRule(rule: Readonly<Record<string, unknown>>, scope: PathScope): boolean;
  /** The raw input with `result` placed at `resultPath` (`null`: the input unchanged; `$`: the result). */
  applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown;
}

/** `$states` in a JSONata expression. */
export interface StatesBinding {
  readonly input: unknown;
  readonly context: unknown;
  /** A Task, Map or Parallel state's result (in Output and Assign). */
  readonly result?: unknown;
  /** The error output (`{Error, Cause}`) in a Catcher's Output and Assign. */
  readonly errorOutput?: unknown;
}

/** Where and when a JSONata field is rendered (see local/engine/jsonata/index.ts). */
export interface JsonataRenderOptions {
  /** The field as AWS names it in causes and EvaluationFailed's `location`: 'Output', 'Arguments', 'Assign', 'Items'… */
  readonly location?: string;
  /** The execution's clock in epoch milliseconds, for `$now()` and `$millis()` (default: the wall clock). */
  readonly now?: () => number;
}

/** The JSONata query language, as the core uses it. */
export interface JsonataLanguage {
  /** True when `value` is a string of the form `{% … %}`. */
  isExpression(value: unknown): boolean;
  /** A field's value: `{% … %}` strings evaluated anywhere inside `template`, everything else as it is. */
  render(
    template: unknown,
    states: StatesBinding,
    variables: Readonly<Record<string, unknown>>,
    options?: JsonataRenderOptions,
  ): Promise<unknown>;
}
