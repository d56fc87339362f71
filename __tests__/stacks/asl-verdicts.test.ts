/**
 * The ASL validator's verdicts: definitions/validate.ts keeps them in memory and in the store its process was given
 * (definitions never touch the filesystem); stacks/asl-verdicts.ts is the store on disk that main.ts, the local
 * runner's commands and the test setup give it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useAslVerdictStore, validateAsl, type AslVerdictStore } from '../../definitions/validate';
import { aslVerdictsOnDisk, validationRulesFingerprint } from '../../stacks/asl-verdicts';

/** A definition no other test validates: a Pass whose result holds this file's own marker and `n`. */
const definition = (n: number) => ({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { asl_verdicts_test: n, at: Date.now() }, End: true } } });

/** A store that records what it is asked and answers `known` for has(). */
function recordingStore(known = false): AslVerdictStore & { asked: string[]; added: string[] } {
  const asked: string[] = [];
  const added: string[] = [];
  return { asked, added, has: (key) => (asked.push(key), known), add: (key) => void added.push(key) };
}

afterAll(() => useAslVerdictStore(aslVerdictsOnDisk())); // what setup-jest gives every test file

describe('the verdict store given to definitions/validate.ts', () => {
  test('a valid definition is asked for, then recorded under one SHA-256 key', () => {
    const store = recordingStore();
    useAslVerdictStore(store);
    expect(validateAsl(definition(1))).toEqual([]);
    expect(store.asked).toHaveLength(1);
    expect(store.asked[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(store.added).toEqual(store.asked);
  });

  test('a definition known to be valid is not asked for again in the same process', () => {
    const store = recordingStore();
    useAslVerdictStore(store);
    const valid = definition(2);
    validateAsl(valid);
    validateAsl(valid);
    expect(store.asked).toHaveLength(1);
  });

  test('an invalid definition is not recorded', () => {
    const store = recordingStore();
    useAslVerdictStore(store);
    expect(validateAsl({ StartAt: 'Missing', States: {} }).length).toBeGreaterThan(0);
    expect(store.added).toEqual([]);
  });

  test("the store's answer is trusted: a key it knows is not validated again (the shortcut of a later process)", () => {
    useAslVerdictStore(recordingStore(true));
    expect(validateAsl({ StartAt: 'Missing', States: {}, asl_verdicts_test: Date.now() })).toEqual([]);
  });
});

describe('aslVerdictsOnDisk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-verdicts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('keeps one empty file per key, which a store made later (another process) finds', () => {
    const folder = path.join(dir, 'nested', 'asl-valid');
    aslVerdictsOnDisk(folder).add('k1');
    expect(fs.readFileSync(path.join(folder, 'k1'), 'utf8')).toBe('');
    expect(aslVerdictsOnDisk(folder).has('k1')).toBe(true);
    expect(aslVerdictsOnDisk(folder).has('k2')).toBe(false);
  });

  test('a folder it cannot write only loses the shortcut', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const store = aslVerdictsOnDisk(path.join(file, 'asl-valid')); // a folder under a file cannot be made
    expect(() => store.add('k')).not.toThrow();
    expect(store.has('k')).toBe(false);
  });

  test('verdicts are kept under a fingerprint of the validation rules: a changed rule file gives another folder', () => {
    const root = path.join(dir, 'project');
    fs.mkdirSync(path.join(root, 'definitions', 'validation'), { recursive: true });
    fs.writeFileSync(path.join(root, 'definitions', 'validate.ts'), '// validate');
    fs.writeFileSync(path.join(root, 'definitions', 'validation', 'rule.ts'), '// rule 1');
    const before = validationRulesFingerprint(root);
    expect(validationRulesFingerprint(root)).toBe(before);
    fs.writeFileSync(path.join(root, 'definitions', 'validation', 'rule.ts'), '// rule 2');
    expect(validationRulesFingerprint(root)).not.toBe(before);
    expect(validationRulesFingerprint()).toMatch(/^[0-9a-f]{16}$/);
  });
});
