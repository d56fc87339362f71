import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AslVerdictStore } from '../definitions/validate';
import { PROJECT_ROOT } from './config';

/** Where the verdicts of definitions/validate.ts are kept between processes: one empty file per valid definition, named by its key. */
export const ASL_VERDICTS_DIR = path.join(PROJECT_ROOT, '.build', 'asl-valid');

/**
 * The project's validation rules as they are now (definitions/validate.ts and definitions/validation/): a SHA-256
 * of their sources. Verdicts are kept under it, so a changed rule never reuses a verdict given under the old ones
 * (nobody has to remember to bump a version). `root` is the project root, for tests.
 */
export function validationRulesFingerprint(root: string = PROJECT_ROOT): string {
  const rules = path.join(root, 'definitions', 'validation');
  const files = [path.join(root, 'definitions', 'validate.ts'), ...fs.readdirSync(rules).sort().map((f) => path.join(rules, f))];
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${path.basename(file)}\n`).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The verdicts of definitions found valid, on disk (definitions/validate.ts, AslVerdictStore), so that a later
 * synth, test or local run does not check an unchanged definition again. Deleting the folder (or `.build/`)
 * forgets them; a read-only checkout only loses the shortcut.
 */
export function aslVerdictsOnDisk(dir: string = path.join(ASL_VERDICTS_DIR, validationRulesFingerprint())): AslVerdictStore {
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
