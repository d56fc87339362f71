/**
 * definitions/validation/aws-language-service.ts calls amazon-states-language-service's checks without its
 * asynchronous doValidation (it resolves the bundled schema's `$ref`s itself). Guard: over the whole corpus, the
 * synchronous path gives exactly doValidation's diagnostics, and the error shape callers read.
 */
import { languageServiceDiagnostics, validateWithLanguageService } from '../../../definitions/validation/aws-language-service';
import { readCorpus } from '../../../scripts/lib/asl/corpus';

interface AsyncService {
  TextDocument: { create(uri: string, id: string, version: number, text: string): unknown };
  getLanguageService(params: object): { parseJSONDocument(doc: unknown): unknown; doValidation(doc: unknown, json: unknown): Promise<{ message: string }[]> };
}
// The package's entry point, as the AWS Toolkit uses it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require('amazon-states-language-service') as AsyncService;
const languageService = service.getLanguageService({});

async function viaDoValidation(text: string): Promise<string[]> {
  const document = service.TextDocument.create('file:///definition.asl.json', 'json', 0, text);
  return (await languageService.doValidation(document, languageService.parseJSONDocument(document))).map((d) => d.message).sort();
}

test('the synchronous path gives doValidation its diagnostics on every corpus case', async () => {
  const differ: string[] = [];
  for (const c of readCorpus()) {
    const text = JSON.stringify(c.definition, null, 1);
    const sync = languageServiceDiagnostics(text).map((d) => d.message).sort();
    if (JSON.stringify(sync) !== JSON.stringify(await viaDoValidation(text))) differ.push(c.file);
  }
  expect(differ).toStrictEqual([]);
});

test('a diagnostic becomes an error with AWS code and the JSON pointer of its place', () => {
  const errors = validateWithLanguageService({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Gone' }, 'B/C': { Type: 'Succeed' } } });
  expect(errors).toStrictEqual([
    { 'Error code': 'MISSING_TRANSITION_TARGET', Message: 'The value of "Next" property must be the name of an existing state.', path: '/States/A/Next' },
    { 'Error code': 'MISSING_TRANSITION_TARGET', Message: 'The state cannot be reached. It must be referenced by at least one other state.', path: '/States/B~1C' },
  ]);
});

test('a schema problem inside an array is placed by index', () => {
  const errors = validateWithLanguageService({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['X'] }, { ErrorEquals: ['Y'], BackoffRate: 0 }], End: true } } });
  expect(errors).toStrictEqual([{ 'Error code': 'SCHEMA_VALIDATION_FAILED', Message: 'Value is below the minimum of 1.', path: '/States/T/Retry/1/BackoffRate' }]);
});
