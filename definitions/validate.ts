import { createHash } from 'node:crypto';
import type { AslGraph } from './states/state';
import { validateWithLanguageService, LANGUAGE_SERVICE_ID } from './validation/aws-language-service';
import type { AslValidatorError } from './validation/error';
import { jsonataExpressionErrors } from './validation/jsonata-expressions';
import { queryLanguageErrors } from './validation/query-language-rules';
import { placedStates } from './validation/states';
import { structureErrors } from './validation/structure-rules';

export type { AslValidatorError } from './validation/error';
export { useLanguageServiceModules, type LanguageServiceModules } from './validation/aws-language-service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSONATA_VERSION = (require('jsonata/package.json') as { version: string }).version;
/**
 * Names the validator in a verdict's key, so that a verdict given by another validator (asl-validator, an older
 * language service) does not count. The project's own rules (./validation/) are told apart by the store that
 * outlives the process (stacks/asl-verdicts.ts keys its records by a fingerprint of their sources).
 */
export const ASL_VALIDATOR_ID = `${LANGUAGE_SERVICE_ID} + project rules (jsonata ${JSONATA_VERSION})`;

/**
 * The problems in a definition, as AWS would refuse it at CreateStateMachine: amazon-states-language-service
 * (AWS's ASL schema for both query languages, transitions, reachability, a terminal state) plus the rules it
 * leaves out (definitions/validation/: query-language fields, JSONata expressions, variable names, unique state
 * names, exclusive fields, retrier intervals, Resource ARNs). Which is right more often was measured over the
 * labelled corpus in __tests__/fixtures/asl/ by scripts/measure-asl-validators.ts. Not cached: validateAsl is
 * what synth and the local runner call.
 */
export function aslProblems(definition: unknown): AslValidatorError[] {
  const serviceErrors = validateWithLanguageService(definition);
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return serviceErrors;
  const placed = placedStates(definition as Record<string, unknown>);
  return [...serviceErrors, ...queryLanguageErrors(placed), ...jsonataExpressionErrors(placed), ...structureErrors(placed)];
}

/**
 * A record of the definitions found valid, by a key that stands for the validator's version, its options and the
 * definition text (a SHA-256). Loading the validator costs ~0.2 s and a check ~1-10 ms, so a definition checked
 * once need not be checked again by a later synth, test or local run. Only valid definitions are recorded. A `Set<string>` is one (in memory); stacks/asl-verdicts.ts keeps one on disk.
 */
export interface AslVerdictStore {
  /** True when the definition with this key was found valid before. */
  has(key: string): boolean;
  /** Records that the definition with this key is valid. May fail silently: the record is only a shortcut. */
  add(key: string): void;
}

/** Definitions found valid in this process: asked first, whatever store is in use. */
const validInProcess = new Set<string>();
/** The store that outlives the process, when the process's entry point gave one (useAslVerdictStore). */
let lasting: AslVerdictStore | undefined;

/**
 * Keeps the verdicts in `store` as well as in memory, from now on in this process: the entry points that build or
 * read definitions (main.ts, the local runner's commands, the test setup) pass the disk store, so the builders
 * here never touch the filesystem themselves. `undefined` goes back to memory only.
 */
export function useAslVerdictStore(store: AslVerdictStore | undefined): void {
  lasting = store;
}

/**
 * Checks a definition elsewhere (another thread): answers what aslProblems would, or undefined when it cannot (then
 * it is checked here).
 */
export type AslChecker = (definition: unknown) => AslValidatorError[] | undefined;

let checkElsewhere: AslChecker | undefined;

/**
 * Where validateAsl checks a definition that has no verdict, from now on in this process: main.ts passes a worker
 * thread's when a synth is likely to meet one (stacks/asl-check-service.ts); `undefined` checks in this thread.
 */
export function useAslChecker(checker: AslChecker | undefined): void {
  checkElsewhere = checker;
}

/**
 * Checks a definition as AWS would (see aslProblems): no errors when it is valid. Answers at once for a definition
 * found valid before, in this process or (see useAslVerdictStore) an earlier one.
 */
export function validateAsl(definition: unknown): AslValidatorError[] {
  const text = JSON.stringify(definition);
  const key = createHash('sha256').update(`${ASL_VALIDATOR_ID}\n${text}`).digest('hex');
  if (validInProcess.has(key) || lasting?.has(key)) {
    validInProcess.add(key);
    return [];
  }
  const parsed: unknown = JSON.parse(text);
  const errors = checkElsewhere?.(parsed) ?? aslProblems(parsed);
  if (errors.length > 0) return errors;
  validInProcess.add(key);
  lasting?.add(key);
  return [];
}

/** Throws one sentence per problem validateAsl finds in a rendered definition, naming the state where it says which. */
export function assertValidAsl(name: string, definition: AslGraph): void {
  const errors = validateAsl(definition);
  if (errors.length === 0) return;
  const problems = errors.map((e) => `  - ${e.Message}${e.path ? ` (at ${e.path})` : ''} [${e['Error code']}]`);
  throw new Error(
    `The state machine definition '${name}' is not valid Amazon States Language:\n${problems.join('\n')}\n` +
      'Fix the state named above in its builder under definitions/.',
  );
}
