import type { AslGraph } from './states/state';

interface AslValidatorError {
  readonly 'Error code': string;
  readonly Message: string;
  readonly path?: string;
}
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => {
  isValid: boolean;
  errors: AslValidatorError[];
};

// asl-validator ships no type declarations; this is the shape of its single export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator: AslValidator = require('asl-validator');

const validDefinitions = new Set<string>();

/**
 * Checks a rendered definition with asl-validator (the ASL JSON schema plus its graph checks) and throws one
 * sentence per problem, naming the state where the validator says which.
 */
export function assertValidAsl(name: string, definition: AslGraph): void {
  const text = JSON.stringify(definition);
  // asl-validator compiles its JSON schemas anew on every call (~0.2 s); a definition already found valid in
  // this process is not checked twice.
  if (validDefinitions.has(text)) return;
  // The validator annotates the object it is given; hand it a copy.
  const { isValid, errors } = aslValidator(JSON.parse(text), { checkPaths: true, checkArn: true });
  if (isValid) {
    validDefinitions.add(text);
    return;
  }
  const problems = errors.map((e) => `  - ${e.Message}${e.path ? ` (at ${e.path})` : ''} [${e['Error code']}]`);
  throw new Error(
    `The state machine definition '${name}' is not valid Amazon States Language:\n${problems.join('\n')}\n` +
      'Fix the state named above in its builder under definitions/.',
  );
}
