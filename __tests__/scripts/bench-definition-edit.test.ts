/**
 * The bench's real edit of a definition (scripts/lib/bench/definition-edit.ts): one state comment changed, a new
 * text each time, the file's bytes back afterwards whatever happened. On copies: the real builders stay untouched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { definitionEdit, EDITED_DEFINITION, withDefinitionEdit } from '../../scripts/lib/bench/definition-edit';
import { PROJECT_ROOT } from '../support/cli';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-edit-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the builder the bench edits. */
function copyOfEdited(): { file: string; original: string } {
  const file = path.join(dir, 'builder.ts');
  fs.copyFileSync(path.join(PROJECT_ROOT, EDITED_DEFINITION), file);
  return { file, original: fs.readFileSync(file, 'utf8') };
}

/** The lines that differ between two texts of the same number of lines. */
const changedLines = (a: string, b: string) => {
  const [x, y] = [a.split('\n'), b.split('\n')];
  expect(y).toHaveLength(x.length);
  return x.flatMap((line, i) => (line === y[i] ? [] : [[line, y[i]]]));
};

test("changes one state comment of the builder the bench edits, to a new text at every edit; restore() puts the bytes back", () => {
  const { file, original } = copyOfEdited();
  const edit = definitionEdit(file);
  edit.edit();
  const first = fs.readFileSync(file, 'utf8');
  const [[before, after]] = changedLines(original, first) as [[string, string]];
  expect(before).toMatch(/\bcomment: '[^']*'/);
  expect(after).toBe(before.replace(/\bcomment: '([^']*)'/, `comment: '$1 (bench edit ${process.pid}-1)'`));
  edit.edit();
  const second = fs.readFileSync(file, 'utf8');
  expect(second).not.toBe(first);
  expect(changedLines(original, second)).toHaveLength(1);
  edit.restore();
  expect(fs.readFileSync(file, 'utf8')).toBe(original);
});

test('withDefinitionEdit restores the file when the work fails', async () => {
  const { file, original } = copyOfEdited();
  await expect(
    withDefinitionEdit(file, async (edit) => {
      edit.edit();
      expect(fs.readFileSync(file, 'utf8')).not.toBe(original);
      throw new Error('synth failed');
    }),
  ).rejects.toThrow('synth failed');
  expect(fs.readFileSync(file, 'utf8')).toBe(original);
  expect(process.listenerCount('SIGINT')).toBe(0);
});

test('a builder without a state comment is refused by name, with what to do', () => {
  const file = path.join(dir, 'plain.ts');
  fs.writeFileSync(file, "export const x = new Pass('P');\n");
  expect(() => definitionEdit(file)).toThrow(`The bench edits a state's comment in ${file} to time a synth after a definition changed, and found none`);
  expect(() => definitionEdit(file)).toThrow('point EDITED_DEFINITION (scripts/lib/bench/definition-edit.ts) at a builder that has one');
});
