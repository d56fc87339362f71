/**
 * Measures ASL validators against the labelled corpus in __tests__/fixtures/asl/ (scripts/lib/asl/corpus.ts):
 * how many valid definitions each accepts and how many invalid ones it refuses, per query language, what a
 * validation costs, and which cases each gets wrong. It is how definitions/validate.ts's validator was chosen
 * (issue 14). Run: `node run.cjs scripts/measure-asl-validators.ts` (no AWS, no network; prints a report, exit 0).
 *
 * The validators:
 * - asl-validator 4.0 with checkPaths and checkArn: how definitions/validate.ts called it before;
 * - amazon-states-language-service's doValidation (async, through the package's entry point, as the AWS Toolkit
 *   uses it): any diagnostic is a refusal;
 * - the same checks called synchronously (definitions/validation/aws-language-service.ts), with a count of the
 *   cases where its diagnostics differ from doValidation's;
 * - each of the two with the project's own rules (definitions/validation/): the second is aslProblems, what
 *   validateAsl uses.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { aslProblems } from '../definitions/validate';
import { languageServiceDiagnostics, validateWithLanguageService } from '../definitions/validation/aws-language-service';
import { jsonataExpressionErrors } from '../definitions/validation/jsonata-expressions';
import { queryLanguageErrors } from '../definitions/validation/query-language-rules';
import { placedStates } from '../definitions/validation/states';
import { structureErrors } from '../definitions/validation/structure-rules';
import { readCorpus, type CorpusCase } from './lib/asl/corpus';
import { PROJECT_ROOT } from './lib/project';

type Verdict = (definition: unknown) => Promise<number> | number;
interface Validator {
  readonly name: string;
  /** Number of problems found: 0 is accepted. */
  readonly check: Verdict;
}

// asl-validator ships no type declarations; this is the shape of its single export.
type AslValidator = (definition: unknown, options: { checkPaths: boolean; checkArn: boolean }) => { isValid: boolean; errors: unknown[] };
let aslValidator: AslValidator | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadAslValidator = () => (aslValidator ??= require('asl-validator') as AslValidator);
const aslValidatorErrors = (definition: unknown) => loadAslValidator()(structuredClone(definition), { checkPaths: true, checkArn: true }).errors.length;

interface AsyncService {
  TextDocument: { create(uri: string, id: string, version: number, text: string): unknown };
  getLanguageService(params: object): { parseJSONDocument(doc: unknown): unknown; doValidation(doc: unknown, json: unknown): Promise<{ message: string }[]> };
}
let asyncService: ReturnType<AsyncService['getLanguageService']> & { create: AsyncService['TextDocument']['create'] } | undefined;
function loadAsyncService() {
  if (asyncService) return asyncService;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const service = require('amazon-states-language-service') as AsyncService;
  return (asyncService = Object.assign(service.getLanguageService({}), { create: service.TextDocument.create }));
}
async function asyncDiagnostics(definition: unknown): Promise<string[]> {
  const service = loadAsyncService();
  const document = service.create('file:///definition.asl.json', 'json', 0, JSON.stringify(definition, null, 1));
  return (await service.doValidation(document, service.parseJSONDocument(document))).map((d) => d.message);
}

const projectRules = (definition: unknown) => {
  const placed = placedStates(definition as Record<string, unknown>);
  return queryLanguageErrors(placed).length + jsonataExpressionErrors(placed).length + structureErrors(placed).length;
};

const VALIDATORS: Validator[] = [
  { name: 'asl-validator 4.0 (checkPaths, checkArn)', check: aslValidatorErrors },
  { name: 'language service, doValidation (async)', check: async (d) => (await asyncDiagnostics(d)).length },
  { name: 'language service, sync (validate.ts)', check: (d) => validateWithLanguageService(d).length },
  { name: 'asl-validator + project rules', check: (d) => aslValidatorErrors(d) + projectRules(d) },
  { name: 'language service + project rules (chosen)', check: (d) => aslProblems(d).length },
];

/**
 * What a synth with no verdict on disk pays (main.ts validates each definition once, in a new process): a fresh
 * Node process loads the validator and checks the four stacks' definitions. Each script prints its milliseconds.
 */
const COLD: [string, string][] = [
  [
    'asl-validator 4.0 (as validate.ts called it before)',
    "const v = require('asl-validator'); for (const d of defs) if (!v(structuredClone(d), { checkPaths: true, checkArn: true }).isValid) throw new Error('refused');",
  ],
  ['validate.ts now (language service + project rules)', "const { aslProblems } = require('./definitions/validate'); for (const d of defs) if (aslProblems(d).length) throw new Error('refused');"],
];

function coldMs(check: string): number {
  const script = [
    "const defs = require('./scripts/lib/asl/corpus').readCorpus().filter((c) => c.file.startsWith('valid/stack-')).map((c) => c.definition);",
    `const t = performance.now(); ${check} console.log(performance.now() - t);`,
  ].join('\n');
  // Through tsx, not run.cjs: the script is code given with -e that requires the TypeScript sources one by one.
  const run = () => spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
  const runs = [0, 1, 2].map(() => {
    const result = run();
    const ms = Number(result.stdout.trim());
    if (!Number.isFinite(ms)) throw new Error(`The cold run failed: ${result.stderr}`);
    return ms;
  });
  return runs.sort((a, b) => a - b)[1];
}

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)} %`);
const ratio = (n: number, of: number) => `${n}/${of}`.padStart(7);

async function main(): Promise<void> {
  const cases = readCorpus();
  const count = (pred: (c: CorpusCase) => boolean) => cases.filter(pred).length;
  console.log(`Corpus: ${cases.length} definitions in __tests__/fixtures/asl/ — ${count((c) => c.label === 'valid')} valid, ${count((c) => c.label === 'invalid')} invalid; ${count((c) => c.language === 'JSONata')} JSONata, ${count((c) => c.language === 'JSONPath')} JSONPath.\n`);

  const wrong = new Map<string, string[]>();
  console.log('validator                                   | valid accepted (JSONPath  JSONata) | invalid refused (JSONPath  JSONata) | right overall');
  console.log('--------------------------------------------|------------------------------------|-------------------------------------|--------------');
  for (const validator of VALIDATORS) {
    const right = new Map<string, number>();
    const misses: string[] = [];
    for (const c of cases) {
      const refused = (await validator.check(c.definition)) > 0;
      const ok = refused === (c.label === 'invalid');
      const key = `${c.label} ${c.language}`;
      right.set(key, (right.get(key) ?? 0) + (ok ? 1 : 0));
      if (!ok) misses.push(`${c.file} (${refused ? 'refused' : 'accepted'})`);
    }
    wrong.set(validator.name, misses);
    const r = (label: string, language: string) => right.get(`${label} ${language}`) ?? 0;
    const n = (label: string, language: string) => count((c) => c.label === label && c.language === language);
    const cell = (label: string) => `${ratio(r(label, 'JSONPath') + r(label, 'JSONata'), n(label, 'JSONPath') + n(label, 'JSONata'))}  (${ratio(r(label, 'JSONPath'), n(label, 'JSONPath'))} ${ratio(r(label, 'JSONata'), n(label, 'JSONata'))})`;
    const total = cases.length - misses.length;
    console.log(`${validator.name.padEnd(44)}| ${cell('valid').padEnd(35)}| ${cell('invalid').padEnd(36)}| ${ratio(total, cases.length)} ${pct(total, cases.length)}`);
  }

  // The sync path is the async one without the promise: the same diagnostics on every case.
  let differ = 0;
  for (const c of cases) {
    const sync = languageServiceDiagnostics(JSON.stringify(c.definition, null, 1)).map((d) => d.message).sort();
    const async = (await asyncDiagnostics(c.definition)).sort();
    if (JSON.stringify(sync) !== JSON.stringify(async)) differ += 1;
  }
  console.log(`\nSync language service vs doValidation: same diagnostics on ${cases.length - differ}/${cases.length} cases.`);

  console.log('\nCold cost, what a synth with no verdict on disk pays (a fresh process loads the validator and checks the 4 stack definitions; median of 3):');
  for (const [name, check] of COLD) console.log(`  ${name.padEnd(56)} ${coldMs(check).toFixed(0).padStart(5)} ms`);
  console.log('\nWarm cost of a check, per stack definition (validator loaded; mean of 5 rounds after a first one):');
  const stacks = cases.filter((c) => c.file.startsWith('valid/stack-'));
  for (const validator of VALIDATORS.filter((v) => !v.name.includes('+ project') || v.name.includes('chosen'))) {
    for (const c of stacks) await validator.check(c.definition);
    const start = performance.now();
    for (let round = 0; round < 5; round++) for (const c of stacks) await validator.check(c.definition);
    console.log(`  ${validator.name.padEnd(44)} ${((performance.now() - start) / (5 * stacks.length)).toFixed(1).padStart(7)} ms per definition`);
  }

  console.log('\nCases each validator gets wrong:');
  for (const [name, misses] of wrong) console.log(`  ${name}: ${misses.length === 0 ? 'none' : `\n    ${misses.join('\n    ')}`}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
