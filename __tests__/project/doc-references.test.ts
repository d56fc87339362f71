/**
 * Comments and messages that send a reader somewhere must point at something that exists: a README section by its
 * heading, never a document the repository does not hold (the team's SPEC lives outside it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_FOLDERS = ['contracts', 'definitions', 'lambdas', 'local', 'scripts', 'stacks', '__tests__'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|cjs|js)$/.test(entry.name) ? [full] : [];
  });
}

const files = [...SOURCE_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))), path.join(ROOT, 'main.ts')].filter(
  (file) => file !== __filename, // this file names what it looks for
);
const readmeHeadings = new Set(
  fs
    .readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim()),
);

/** `README, "What an order ends as"`, `README.md, section 'The order API'`: the quoted heading after README. */
const README_REFERENCE = /README(?:\.md)?,? (?:section )?["']([^"']+)["']/g;

describe('references in the source', () => {
  test('the scan reads the source tree (a guard against a scan of nothing)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(readmeHeadings.has('Two commands')).toBe(true);
  });

  test('no file cites the SPEC, a document that is not in the repository', () => {
    const offenders = files.filter((file) => /\bSPEC\b/.test(fs.readFileSync(file, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test('every README section named in the source exists', () => {
    const references = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(README_REFERENCE)].map((m) => ({ file: path.relative(ROOT, file), heading: m[1] })),
    );
    expect(references.length).toBeGreaterThan(2);
    // A heading may add the stack it is about: "The order API (`skip-the-line`)" answers to "The order API".
    const exists = (heading: string) => [...readmeHeadings].some((h) => h === heading || h.startsWith(`${heading} (`));
    const missing = references.filter((r) => !exists(r.heading));
    expect(missing).toEqual([]);
  });
});
