import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AslVerdictStore } from '../definitions/validate';
import { PROJECT_ROOT } from './config';

/** Where the verdicts of definitions/validate.ts are kept between processes: one empty file per valid definition, named by its key. */
export const ASL_VERDICTS_DIR = path.join(PROJECT_ROOT, '.build', 'asl-valid');

/**
 * The verdicts of definitions found valid, on disk (definitions/validate.ts, AslVerdictStore), so that a later
 * synth, test or local run does not check an unchanged definition again. Deleting the folder (or `.build/`)
 * forgets them; a read-only checkout only loses the shortcut.
 */
export function aslVerdictsOnDisk(dir: string = ASL_VERDICTS_DIR): AslVerdictStore {
  return {
    has: (key) => fs.existsSync(path.join(dir, key)),
    add: (key) => {
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, key), '');
      } catch {
        // A read-only checkout only loses the shortcut.
      }
    },
  };
}
