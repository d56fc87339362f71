import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileAtomic } from './atomic-file';
import { LocalSetupError } from './errors';

/**
 * Claims a --data-dir for one local run at a time. Two runs on one folder would share dynalite's LevelDB, which
 * allows one process only and fails later with an uncatchable error; this fails first, with a sentence.
 * Answers the function that releases the claim.
 */
export function claimDataDir(dataDir: string): () => void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'is a file, not a folder' : code === 'ENOTDIR' ? 'lies under a file, not a folder' : `cannot be made (${(err as Error).message})`;
    throw new LocalSetupError(`The data folder ${dataDir} ${why}. Point --data-dir at a folder (it is made when missing).`);
  }
  const lock = path.join(dataDir, 'in-use.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createFileAtomic(lock, String(process.pid)); // never seen empty or half-written by another run
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readIfAny(lock));
      if (isAlive(owner)) {
        throw new LocalSetupError(
          `The data folder ${dataDir} is in use by another local run (process ${owner}${owner === process.pid ? ', this one' : ''}). ` +
            'Close that run first, or pick another --data-dir.',
        );
      }
      fs.rmSync(lock, { force: true }); // left behind by a run that was killed
    }
  }
  throw new LocalSetupError(`Could not claim the data folder ${dataDir}; remove ${lock} if no local run is using it.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The text of a file, or '' when it is gone (its owner removed it in the meantime). */
function readIfAny(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}
