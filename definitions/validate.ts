import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
 * Definitions found valid, by content: an empty file named by the SHA-256 of the validator's version, its
 * options and the definition text. asl-validator compiles its JSON schemas anew on every call (~0.1-0.2 s,
 * about 40 % of a synth), so a definition checked once is not checked again by a later synth, test or local run.
 * Only valid definitions are recorded; deleting the folder (or `.build/`) forgets them.
 */
const VALID_DIR = path.join(__dirname, '..', '.build', 'asl-valid');
const validInProcess = new Set<string>();

/**
 * Checks a definition with asl-validator (the ASL JSON schema plus its graph checks): no errors when it is valid.
 * Answers at once for a definition found valid before, in this process or (see VALID_DIR) an earlier one.
 */
export function validateAsl(definition: unknown): AslValidatorError[] {
  const text = JSON.stringify(definition);
  const key = createHash('sha256').update(`asl-validator ${VALIDATOR_VERSION}\n${JSON.stringify(OPTIONS)}\n${text}`).digest('hex');
  const marker = path.join(VALID_DIR, key);
  if (validInProcess.has(key) || fs.existsSync(marker)) {
    validInProcess.add(key);
    return [];
  }
  // The validator annotates the object it is given; hand it a copy.
  const { isValid, errors } = loadValidator()(JSON.parse(text), OPTIONS);
  if (!isValid) return errors;
  validInProcess.add(key);
  try {
    fs.mkdirSync(VALID_DIR, { recursive: true });
    fs.writeFileSync(marker, '');
  } catch {
    // A read-only checkout only loses the shortcut.
  }
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
