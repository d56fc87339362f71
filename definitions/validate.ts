import { createHash } from 'node:crypto';
import type { AslGraph } from './states/state';

export interface AslValidatorError {
  readonly 'Error code': string;
  readonly Message: string;
  readonly path?: string;
}
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => {
  isValid: boolean;
  errors: AslValidatorError[];
};

// asl-validator ships no type declarations; this is the shape of its single export. Loaded on first need
// (~70 ms): a synth whose definitions are all known valid does not load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadValidator = (): AslValidator => require('asl-validator') as AslValidator;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VALIDATOR_VERSION = (require('asl-validator/package.json') as { version: string }).version;
const OPTIONS = { checkPaths: true, checkArn: true } as const;

/**
 * A record of the definitions found valid, by a key that stands for the validator's version, its options and the
 * definition text (a SHA-256). asl-validator compiles its JSON schemas anew on every call (~0.1-0.2 s, about 40 %
 * of a synth), so a definition checked once need not be checked again by a later synth, test or local run. Only
 * valid definitions are recorded. A `Set<string>` is one (in memory); stacks/asl-verdicts.ts keeps one on disk.
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
 * Checks a definition with asl-validator (the ASL JSON schema plus its graph checks): no errors when it is valid.
 * Answers at once for a definition found valid before, in this process or (see useAslVerdictStore) an earlier one.
 */
export function validateAsl(definition: unknown): AslValidatorError[] {
  const text = JSON.stringify(definition);
  const key = createHash('sha256').update(`asl-validator ${VALIDATOR_VERSION}\n${JSON.stringify(OPTIONS)}\n${text}`).digest('hex');
  if (validInProcess.has(key) || lasting?.has(key)) {
    validInProcess.add(key);
    return [];
  }
  // The validator annotates the object it is given; hand it a copy.
  const { isValid, errors } = loadValidator()(JSON.parse(text), OPTIONS);
  if (!isValid) return errors;
  validInProcess.add(key);
  lasting?.add(key);
  return [];
}

/** Throws one sentence per problem asl-validator finds in a rendered definition, naming the state where it says which. */
export function assertValidAsl(name: string, definition: AslGraph): void {
  const errors = validateAsl(definition);
  if (errors.length === 0) return;
  const problems = errors.map((e) => `  - ${e.Message}${e.path ? ` (at ${e.path})` : ''} [${e['Error code']}]`);
  throw new Error(
    `The state machine definition '${name}' is not valid Amazon States Language:\n${problems.join('\n')}\n` +
      'Fix the state named above in its builder under definitions/.',
  );
}
