/**
 * The verdict store's key names the validator (issue 14: a verdict asl-validator gave must not count for the
 * validator that replaced it, nor one of an older version of this one).
 */
import { createHash } from 'node:crypto';
import { ASL_VALIDATOR_ID, useAslVerdictStore, validateAsl, type AslVerdictStore } from '../../definitions/validate';
import { aslVerdictsOnDisk } from '../../stacks/asl-verdicts';

afterAll(() => useAslVerdictStore(aslVerdictsOnDisk())); // what setup-jest gives every test file

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test("the validator is named with the language service version, the project's rules and the jsonata version", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const service = (require('amazon-states-language-service/package.json') as { version: string }).version;
  expect(ASL_VALIDATOR_ID).toMatch(new RegExp(`^amazon-states-language-service ${service.replace(/\./g, '\\.')} \\+ project rules \\(jsonata \\d+\\.\\d+\\.\\d+\\)$`));
});

test("a definition is looked up under the validator's name and its text, and a verdict asl-validator recorded does not count", () => {
  // A definition asl-validator 4.0 accepted (it does not check variable names) and AWS refuses: `states` is reserved
  // (Developer Guide, "Passing data between states with variables" › "Reserved variable: $states").
  const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Assign: { states: Date.now() }, End: true } } };
  const text = JSON.stringify(definition);
  const oldKey = sha256(`asl-validator 4.0.0\n${JSON.stringify({ checkPaths: true, checkArn: true })}\n${text}`);
  const asked: string[] = [];
  const store: AslVerdictStore = { has: (key) => (asked.push(key), key === oldKey), add: () => undefined };
  useAslVerdictStore(store);
  expect(validateAsl(definition).map((e) => e.path)).toStrictEqual(['/States/P/Assign/states']);
  expect(asked).toStrictEqual([sha256(`${ASL_VALIDATOR_ID}\n${text}`)]);
});
