import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project's folder: the nearest one above this module that holds package.json. A bundle made by run.cjs gives
 * this module its source folder back (run-places.cjs), so it is `stacks/`'s parent both ways. Apart from
 * stacks/config.ts (which re-exports it) so that what needs only the folder (the ASL check worker,
 * stacks/asl-check-service.ts) does not load the config's schema.
 */
export const PROJECT_ROOT = projectRootAbove(__dirname);

function projectRootAbove(start: string): string {
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`No package.json in ${start} or any folder above it: run the app from within the project.`);
}
