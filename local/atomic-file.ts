import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How the local runner writes its own files (executions.json, messages.json, the data folder's lock): whole or
 * not at all. The data goes to a temporary file in the same folder, is flushed to disk (fsync), and only then
 * takes the real name (rename, or link for a file that must not exist yet), and the folder is flushed too. A
 * crash, a full disk or a file-size limit mid-way leaves the earlier file untouched; readers never see half a file.
 */

/** Replaces `file` with `data`, atomically. On failure the old file is intact and no temporary file is left. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  publish(file, data, (temp) => fs.renameSync(temp, file));
}

/**
 * Creates `file` with `data` only if it does not exist yet, atomically: it appears complete or not at all.
 * Throws an error with code EEXIST when it exists.
 */
export function createFileAtomic(file: string, data: string | Uint8Array): void {
  publish(file, data, (temp) => {
    fs.linkSync(temp, file);
    fs.rmSync(temp, { force: true });
  });
}

function publish(file: string, data: string | Uint8Array, install: (temp: string) => void): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    install(temp);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dir);
}

/** Flushes a folder's entries (the rename) to disk; a no-op where folders cannot be opened (Windows). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
