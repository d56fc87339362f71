/**
 * validateAsl's verdict on every definition of the labelled corpus (__tests__/fixtures/asl/, read by
 * scripts/lib/asl/corpus.ts, so cases added under any `valid/` or `invalid/` folder are tested here too): it must
 * accept what AWS accepts and refuse what AWS refuses. Each case's source (Developer Guide page, ASL specification
 * section, or a published measurement of AWS) is in the README.md table of its folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertValidAsl, validateAsl } from '../../definitions/validate';
import type { AslGraph } from '../../definitions/states/state';
import { CORPUS_DIR, readCorpus } from '../../scripts/lib/asl/corpus';

const cases = readCorpus();

/**
 * Cases the validator is known to get wrong, with why. Empty today: every wrong verdict found while building the
 * corpus is fixed by a rule in definitions/validation/. A case listed here must still be wrong (the test says
 * when it is fixed), so the list cannot hide a case.
 */
const KNOWN_WRONG: Record<string, string> = {};

describe('the corpus', () => {
  test('has at least 60 definitions, 20 of them JSONata, both labels in both languages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.language === 'JSONata').length).toBeGreaterThanOrEqual(20);
    for (const label of ['valid', 'invalid'] as const) {
      for (const language of ['JSONPath', 'JSONata'] as const) expect(cases.some((c) => c.label === label && c.language === language)).toBe(true);
    }
  });

  test("holds the four stacks' synthesized definitions and the four seeds as valid cases", () => {
    const valid = cases.filter((c) => c.label === 'valid').map((c) => path.basename(c.file, '.asl.json'));
    for (const id of ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map']) expect(valid).toEqual(expect.arrayContaining([`stack-${id}`, `seed-${id}`]));
  });

  test('every case has a row in a README.md table of its folder or a folder above it (the source of its verdict)', () => {
    const readmeRows = (dir: string): string => {
      const file = path.join(CORPUS_DIR, dir, 'README.md');
      const here = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return dir === '.' ? here : here + readmeRows(path.dirname(dir));
    };
    const named = (text: string, file: string) => text.includes(`| \`${path.basename(file, '.asl.json')}\` |`) || text.includes(`| ${path.basename(file)} |`);
    const undocumented = cases.filter((c) => !named(readmeRows(path.dirname(c.file)), c.file));
    expect(undocumented.map((c) => c.file)).toStrictEqual([]);
  });

  test('every known-wrong case exists', () => {
    expect(Object.keys(KNOWN_WRONG).filter((file) => !cases.some((c) => c.file === file))).toStrictEqual([]);
  });
});

describe('validateAsl over the corpus', () => {
  test.each(cases.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const errors = validateAsl(c.definition);
    const refused = errors.length > 0;
    const right = refused === (c.label === 'invalid');
    if (KNOWN_WRONG[file] !== undefined) {
      expect({ file, right }).toStrictEqual({ file, right: false });
    } else {
      // On failure, the errors say why a valid case was refused.
      expect({ file, refused, errors: c.label === 'valid' ? errors : [] }).toStrictEqual({ file, refused: c.label === 'invalid', errors: [] });
    }
  });
});

// The error AWS gives for some refusals (code and JSON pointer), where the docs or a measurement say which.
describe('the errors name AWS code and the place', () => {
  const errorsOf = (file: string) => validateAsl(cases.find((c) => c.file === file)?.definition);
  test.each([
    // ASL specification, "Transitions"; codes as AWS's ValidateStateMachineDefinition gives them (floci-io/floci#2786).
    ['invalid/next-unknown-state.asl.json', 'MISSING_TRANSITION_TARGET', '/States/A/Next'],
    ['invalid/unreachable-state.asl.json', 'MISSING_TRANSITION_TARGET', '/States/Orphan'],
    ['invalid/no-terminal-state.asl.json', 'MISSING_END_STATE', '/States'],
    ['invalid/duplicate-state-name-nested.asl.json', 'DUPLICATE_STATE_NAME', '/States/A/Branches/0/States/A'],
    // Developer Guide, "Transforming data with JSONata"; floci-io/floci#2745, #2670, #2968.
    ['invalid/jsonata-syntax-error-output.asl.json', 'INVALID_JSONATA_EXPRESSION', '/States/P/Output'],
    ['invalid/jsonata-syntax-error-nested-argument.asl.json', 'INVALID_JSONATA_EXPRESSION', '/States/T/Arguments/Payload/a/0'],
    ['invalid/jsonata-top-level-reference.asl.json', 'UNSUPPORTED_JSONATA_EXPRESSION', '/States/P/Output/v'],
    ['invalid/jsonata-error-output-outside-catch.asl.json', 'UNSUPPORTED_JSONATA_EXPRESSION', '/States/P/Output'],
    ['invalid/jsonata-parameters-field.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/P'],
    ['invalid/jsonata-dollar-key-in-arguments.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/T/Arguments/Payload.$'],
    ['invalid/jsonata-output-in-jsonpath-branch.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/Par/Branches/0/States/A'],
    ['invalid/jsonata-itemprocessor-querylanguage.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/M/ItemProcessor'],
    // Developer Guide, "Passing data between states with variables".
    ['invalid/assign-reserved-states.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/A/Assign/states'],
    // Developer Guide, "Handling errors in Step Functions workflows" › retrier fields.
    ['invalid/retry-maxattempts-too-large.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/S/Retry/0/MaxAttempts'],
    ['invalid/retry-interval-zero.asl.json', 'SCHEMA_VALIDATION_FAILED', '/States/S/Retry/0/IntervalSeconds'],
  ])('%s: %s at %s', (file, code, at) => {
    expect(errorsOf(file)).toEqual(expect.arrayContaining([expect.objectContaining({ 'Error code': code, path: at })]));
  });

  test("AWS's wording for a field of the other query language (floci-io/floci#2968)", () => {
    expect(errorsOf('invalid/jsonpath-output-field.asl.json').map((e) => e.Message)).toContain(
      "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
    );
  });

  test('assertValidAsl names the machine, each problem with its place and code, and where to fix it', () => {
    const definition = cases.find((c) => c.file === 'invalid/jsonata-top-level-reference.asl.json')?.definition as AslGraph;
    expect(() => assertValidAsl('orders', definition)).toThrow(
      /^The state machine definition 'orders' is not valid Amazon States Language:\n {2}- Reference to 'phone' at the top level is not supported: read the state input as \$states\.input\.phone, or a variable as \$phone \(at \/States\/P\/Output\/v\) \[UNSUPPORTED_JSONATA_EXPRESSION\]\nFix the state named above/,
    );
  });
});
