import * as fs from 'node:fs';
import type { z } from 'zod';
import { LocalSetupError } from './errors';

/**
 * Reading what a --data-dir keeps. A file or store there that cannot be read back stops the run before anything
 * is written, with an error that names it and says what to do, instead of a crash, or of a run that overwrites it.
 */

/**
 * The error for damaged data: which file or folder, what is wrong, that nothing was changed, and how to go on
 * (`consequence`: what moving it away costs, e.g. "the tables start empty").
 */
export function damagedData(target: string, problem: string, consequence: string): LocalSetupError {
  const q = (p: string) => (/^[\w./@:-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);
  return new LocalSetupError(
    `${target} is damaged (${problem}), so the local run stopped before changing anything in its data folder. ` +
      `Restore it from a copy, or move it away to go on without it (mv ${q(target)} ${q(`${target}.damaged`)}): ${consequence}.`,
  );
}

/** A JSON file the runner wrote, checked against `schema`; undefined when there is none yet. */
export function readDataFile<T>(file: string, schema: z.ZodType<T>, consequence: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw damagedData(file, `it cannot be read: ${(err as Error).message}`, consequence);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw damagedData(file, `not valid JSON: ${(err as Error).message}${text.length === 0 ? ', the file is empty' : ''}`, consequence);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw damagedData(file, `not what the local runner writes: ${issue.path.join('.') || 'the top level'}: ${issue.message}`, consequence);
  }
  return result.data;
}
