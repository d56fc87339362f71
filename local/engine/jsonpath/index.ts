/**
 * The JSONPath query language as Step Functions evaluates it: paths, reference paths, payload templates,
 * intrinsic functions, ResultPath and Choice rules (the `JsonPathLanguage` of ../query-languages).
 *
 * Sources, cited in each conformance test under __tests__/local/engine/jsonpath/: the Developer Guide ("Processing
 * input and output", "Paths", "Reference paths", "Intrinsic functions", "Choice workflow state", "Passing data
 * between states with variables", "Context object") and the ASL specification (states-language.net).
 *
 * Errors (all StatesError; see ./errors for the exact texts):
 * - PathNotFoundError — States.Runtime, a path selected nothing. `cause` is AWS's text after the core's
 *   "An error occurred while executing the state 'S' (entered at the event id #N). " prefix. Pass `field` to
 *   evaluatePath for the "The JSONPath '…' specified for the field '…' could not be found in the input '…'" form
 *   (templates do it themselves with the `.$` key); without it the cause is "Invalid path '…' : <Jayway reason>"
 *   (InputPath, OutputPath, ItemsPath, TimeoutSecondsPath…). `path`, `field`, `reason`, `input` are kept for re-wording.
 * - DefinitionError — States.Runtime, the definition is wrong (bad path or intrinsic syntax, `.$` value not a path,
 *   unknown Choice operator). AWS refuses these at creation: call validateTemplate/parsePath/isReferencePath at load.
 * - States.Runtime (an intrinsic's argument is wrong: what AWS reports, not States.IntrinsicFailure), States.ResultPathMatchFailure (ResultPath into a
 *   non-object), States.Runtime for a Choice Variable that selects nothing.
 *
 * Library decision: jsonpath-plus 11 was checked and is not used. Against AWS (Jayway JsonPath): it always answers a
 * list and cannot tell a definite path that selects nothing from one that selects null, so AWS's "No results for
 * path" / "Missing property in path" failures cannot be reproduced; its filters are JavaScript (`@.x` tests truthiness,
 * not existence; `=~`, `in`, `size` are syntax errors); `$['a','b']` gives a list where Jayway merges an object.
 * (Checked with jsonpath-plus 11 on the same inputs: `$.l[?(@.keep)]` over [{keep:true},{keep:false}] gives one
 * item where AWS/Jayway give two.) Our evaluator
 * (./path-eval) follows Jayway, including an out-of-range index giving null and indefinite paths over missing data
 * giving [].
 */
import type { JsonPathLanguage } from '../query-languages';
import { evaluateChoiceRule } from './choice';
import { evaluatePath, pathExists } from './paths';
import { applyResultPath } from './result-path';
import { renderTemplate } from './template';

export { evaluateChoiceRule, CHOICE_OPERATORS, wildcardMatches } from './choice';
export { DefinitionError, PathNotFoundError, compactJson } from './errors';
export { evaluateIntrinsic, INTRINSIC_NAMES } from './intrinsics';
export { looksLikeIntrinsic, parseIntrinsic } from './intrinsic-parser';
export { isReferencePath, parsePath } from './path-parser';
export { evaluatePath, pathExists } from './paths';
export { applyResultPath } from './result-path';
export { renderTemplate, validateTemplate } from './template';
export { compareInstants, parseTimestamp, type Instant } from './timestamp';

export const jsonPath: JsonPathLanguage = {
  evaluatePath,
  pathExists,
  renderTemplate,
  evaluateChoiceRule,
  applyResultPath,
};
