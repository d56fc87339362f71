/**
 * stacks/asl-language-service.ts: amazon-states-language-service's modules bundled in one file for ASL validation
 * (main.ts uses it). The same verdicts as the package loaded from node_modules, the bundle reused while its inputs
 * are unchanged, node_modules when it cannot be made. Into a scratch folder: the real .build/ is left alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useLanguageServiceModules, validateWithLanguageService } from '../../definitions/validation/aws-language-service';
import { readCorpus } from '../../scripts/lib/asl/corpus';
import { bundledLanguageServiceModules, languageServiceBundle } from '../../stacks/asl-language-service';
import { PROJECT_ROOT } from '../support/cli';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-asl-bundle-'))));
afterAll(() => {
  useLanguageServiceModules(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

const recordTimes = () => {
  const records = path.join(dir, 'records');
  return Object.fromEntries(fs.readdirSync(records).map((f) => [f, fs.statSync(path.join(records, f)).mtimeMs]));
};

test('every corpus case gets the same errors from the bundled modules as from node_modules', () => {
  const cases = readCorpus();
  expect(cases.length).toBeGreaterThan(100);
  useLanguageServiceModules(undefined);
  const fromPackages = cases.map((c) => validateWithLanguageService(c.definition));
  const loaded: string[] = [];
  useLanguageServiceModules(() => {
    const file = languageServiceBundle(PROJECT_ROOT, dir);
    loaded.push(file);
    return require(file);
  });
  const fromBundle = cases.map((c) => validateWithLanguageService(c.definition));
  expect(loaded).toHaveLength(1); // loaded once, then kept
  expect(fromBundle).toStrictEqual(fromPackages);
  // The language service's own share of the invalid cases fail (the project's rules catch the others).
  expect(fromPackages.filter((errors) => errors.length > 0).length).toBeGreaterThan(30);
});

test("the bundle is reused while its inputs are unchanged, built again when it is damaged, and holds no path of this machine", () => {
  const first = languageServiceBundle(PROJECT_ROOT, dir);
  const before = recordTimes();
  expect(languageServiceBundle(PROJECT_ROOT, dir)).toBe(first);
  expect(recordTimes()).toStrictEqual(before);
  expect(fs.readFileSync(first, 'utf8')).not.toContain(PROJECT_ROOT);
  fs.appendFileSync(first, '\n// damaged\n');
  expect(languageServiceBundle(PROJECT_ROOT, dir)).toBe(first);
  expect(fs.readFileSync(first, 'utf8')).not.toContain('damaged');
  const [key] = Object.keys(before);
  expect(recordTimes()[key!]).toBeGreaterThan(before[key!]!);
});

test('without the package to bundle it answers undefined, and validation loads node_modules instead', () => {
  const empty = fs.mkdtempSync(path.join(dir, 'no-project-'));
  const source = bundledLanguageServiceModules(empty, path.join(empty, '.build'));
  expect(source()).toBeUndefined();
  useLanguageServiceModules(source);
  expect(validateWithLanguageService({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).toStrictEqual([]);
  expect(validateWithLanguageService({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Gone' } } }).map((e) => e['Error code'])).toStrictEqual(['MISSING_TRANSITION_TARGET', 'MISSING_END_STATE']);
});
