import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../project';

/**
 * The labelled corpus of definitions in __tests__/fixtures/asl/: every `*.asl.json` under a folder named `valid`
 * or `invalid`, at any depth (`valid/`, `invalid/`, `jsonata/valid/`, …), so that cases added in new folders are
 * measured and tested without a change here. Each folder's README.md says where AWS documents each verdict.
 */
export const CORPUS_DIR = path.join(PROJECT_ROOT, '__tests__', 'fixtures', 'asl');

export interface CorpusCase {
  /** The file, relative to the corpus folder: `valid/map-inline.asl.json`. */
  readonly file: string;
  /** What AWS does with the definition. */
  readonly label: 'valid' | 'invalid';
  /** JSONata when any scope or state selects it, else JSONPath. */
  readonly language: 'JSONPath' | 'JSONata';
  readonly definition: unknown;
}

export function readCorpus(dir: string = CORPUS_DIR): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const visit = (rel: string, label: CorpusCase['label'] | undefined) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) visit(file, entry.name === 'valid' || entry.name === 'invalid' ? entry.name : label);
      else if (entry.name.endsWith('.asl.json') && label) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const definition = JSON.parse(text) as unknown;
        cases.push({ file: file.split(path.sep).join('/'), label, language: /"QueryLanguage"\s*:\s*"JSONata"/.test(text) ? 'JSONata' : 'JSONPath', definition });
      }
    }
  };
  visit('', undefined);
  return cases;
}
