import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A real edit of a definition, as the bench's "after a definition changed" synth meets it: the first state comment
 * written in a builder file (`comment: '…'`) gets a new ending before each run, so the app's definitions bundle is
 * stale and the changed definition has no verdict yet, while nothing else is. The file's bytes come back with
 * `restore()` (the bench calls it in a `finally`, and on Ctrl+C).
 */

/** The definition the bench edits: one stack's workflow builder. */
export const EDITED_DEFINITION = path.join('definitions', 'workflows', 'sfn-dynamodb.ts');

/** A comment as the builders write it: `comment: '…'` (a single-quoted literal with no escapes). */
const COMMENT = /(\bcomment: ')([^'\\\n]*)(')/;

export interface DefinitionEdit {
  /** The edited file (absolute). */
  readonly file: string;
  /** Gives the comment an ending never used before (each call a new text: a new bundle, a definition without a verdict). */
  edit(): void;
  /** Writes back the bytes the file had; idempotent. */
  restore(): void;
}

export function definitionEdit(file: string): DefinitionEdit {
  const original = fs.readFileSync(file, 'utf8');
  const found = COMMENT.exec(original);
  if (!found) {
    throw new Error(`The bench edits a state's comment in ${file} to time a synth after a definition changed, and found none (\`comment: '…'\`): give a state there a comment, or point EDITED_DEFINITION (scripts/lib/bench/definition-edit.ts) at a builder that has one.`);
  }
  let edits = 0;
  let restored = true;
  return {
    file,
    edit() {
      edits += 1;
      restored = false;
      fs.writeFileSync(file, original.replace(COMMENT, (_, open: string, text: string, close: string) => `${open}${text} (bench edit ${process.pid}-${edits})${close}`));
    },
    restore() {
      if (restored) return;
      fs.writeFileSync(file, original);
      restored = true;
    },
  };
}

/**
 * Runs `work` with an edit of `file`, then restores the file whatever happens: an error, or Ctrl+C (SIGINT, SIGTERM:
 * the file is restored, then the signal ends the process as it would have).
 */
export async function withDefinitionEdit<T>(file: string, work: (edit: DefinitionEdit) => Promise<T>): Promise<T> {
  const edit = definitionEdit(file);
  const onSignal = (signal: NodeJS.Signals) => {
    edit.restore();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(edit);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    edit.restore();
  }
}
