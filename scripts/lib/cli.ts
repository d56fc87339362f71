import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * What every command of the project (`npm start`, `npm run local|synth|plan|diff|diagrams|bench|load-ddb|orders`)
 * shares on its command line: node:util's parseArgs with its errors said as sentences, checks of the files and
 * folders options name, and one way to end: a usage error is a sentence, a pointer to --help and exit code 2; any
 * other error is its message, never a stack trace (unless SFN_DEBUG=1 asks for one).
 */

/** A wrong command line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type ParseConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>;

/**
 * Parses `argv` strictly: unknown options, missing values, stray arguments, an option given twice (unless it is
 * `multiple`) and empty or blank values are UsageErrors.
 */
export function parseCommandLine<const T extends ParseConfig>(argv: readonly string[], config: T) {
  type Full = T & { args: string[]; strict: true; tokens: true };
  let parsed: ReturnType<typeof parseArgs<Full>>;
  try {
    parsed = parseArgs<Full>({ ...config, args: [...argv], strict: true, tokens: true });
  } catch (err) {
    throw new UsageError(reword(err as Error & { code?: string }));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || config.options?.[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice; give it once.`);
    seen.add(token.name);
  }
  for (const [name, value] of Object.entries(parsed.values as Record<string, unknown>)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text === 'string' && text.trim() === '') throw new UsageError(`--${name} needs a value, not ${text === '' ? 'an empty string' : 'only spaces'}.`);
    }
  }
  return parsed;
}

/** parseArgs' messages, as sentences that say what to do. */
function reword(err: Error & { code?: string }): string {
  // The option as the message quotes it: '--bogus', '--input <value>', or '-h, --help' for one with a short alias.
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? '';
  const option = /--[^\s,<]+/.exec(quoted)?.[0] ?? /-[^\s,<]+/.exec(quoted)?.[0] ?? 'An option';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option '${option}'.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument '${/'([^']*)'/.exec(err.message)?.[1] ?? ''}': this command takes only options.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(err.message)) return `${option} needs a value.`;
      if (/does not take an argument/.test(err.message)) return `${option} takes no value.`;
      if (/ambiguous/.test(err.message)) return `${option} needs a value, but an option follows it (write ${option}=<value> for a value that starts with a dash).`;
      break;
  }
  const first = err.message.split('\n')[0].trim();
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** The text of the file an option names, or a UsageError saying why it cannot be read. */
export function readOptionFile(option: string, file: string): string {
  if (statOf(option, file).isDirectory()) throw new UsageError(`${option} ${file} is a folder; give a file.`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${option} ${file} cannot be read (${reason(err)}).`);
  }
}

/** Checks that an option names an existing file. */
export function checkFileOption(option: string, file: string): void {
  if (statOf(option, file).isDirectory()) throw new UsageError(`${option} ${file} is a folder; give a file.`);
}

/** Checks that an option names an existing folder. */
export function checkFolderOption(option: string, dir: string): void {
  if (!statOf(option, dir).isDirectory()) throw new UsageError(`${option} ${dir} is a file; give a folder.`);
}

/** Checks that an option names a file that can be written: not a folder, and under a folder (existing, or to be made). */
export function checkOutputFileOption(option: string, file: string): void {
  if (statIfAny(path.resolve(file))?.isDirectory()) throw new UsageError(`${option} ${file} is a folder; give a file name.`);
  checkParents(option, file);
}

/** Checks that an option names a folder that can be written: a folder, or a path where one can be made. */
export function checkOutputFolderOption(option: string, dir: string): void {
  const stat = statIfAny(path.resolve(dir));
  if (stat && !stat.isDirectory()) throw new UsageError(`${option} ${dir} is a file; give a folder.`);
  if (!stat) checkParents(option, dir);
}

function checkParents(option: string, target: string): void {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const stat = statIfAny(dir);
    if (stat && !stat.isDirectory()) throw new UsageError(`${option} ${target}: ${dir} is a file, so nothing can be written under it.`);
    if (stat || path.dirname(dir) === dir) return;
  }
}

/** The stat of a path, or undefined when it (or a folder on its way) does not exist. */
function statIfAny(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw err;
  }
}

function statOf(option: string, target: string): fs.Stats {
  try {
    return fs.statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${option} ${target} does not exist.`);
    throw new UsageError(`${option} ${target} cannot be used (${reason(err)}).`);
  }
}

/** `ENOENT: no such file or directory, open 'x'` → `no such file or directory`. */
function reason(err: unknown): string {
  const error = err as NodeJS.ErrnoException;
  return /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
}

export interface CliOptions {
  /** How a user types the command, for the pointer to its help: `npm run local --`. */
  readonly command: string;
  /** The exit code of an error that is not a usage error. @default 2 */
  readonly failureCode?: number;
  /** End the process as soon as main answers (for commands whose helpers may leave handles open). @default false */
  readonly exitNow?: boolean;
  /** Words an error of this command differently (answers undefined for the usual message). */
  readonly describe?: (err: Error) => string | undefined;
}

/** Runs a command's main and ends it: main's exit code, or an error said as a sentence (see the top of this file). */
export function runCli(main: (argv: readonly string[]) => Promise<number>, options: CliOptions): void {
  const finish = (code: number) => {
    if (options.exitNow) process.exit(code);
    process.exitCode = code;
  };
  main(process.argv.slice(2)).then(finish, (err: unknown) => {
    const failure = commandFailure(err, options);
    console.error(failure.message);
    finish(failure.code);
  });
}

/**
 * How a command ends on an error: the message it prints and its exit code (2 for a usage error, else the
 * command's failureCode). For a command that is also run in-process (the loader, by `npm run local -- --load`).
 */
export function commandFailure(err: unknown, options: Omit<CliOptions, 'exitNow'>): { readonly message: string; readonly code: number } {
  return { message: describeFailure(err, options), code: err instanceof UsageError ? 2 : (options.failureCode ?? 2) };
}

/** The message printed for an error that ended a command. */
export function describeFailure(err: unknown, options: Pick<CliOptions, 'command' | 'describe'>): string {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof UsageError) return `${error.message}\nRun \`${options.command} --help\` for the options.`;
  if (process.env.SFN_DEBUG) return error.stack ?? error.message;
  const custom = options.describe?.(error);
  if (custom !== undefined) return custom;
  // A programming error or a raw system error is not a sentence meant for the user: say so, and how to see more.
  const unexpected = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError || typeof (error as NodeJS.ErrnoException).code === 'string';
  return unexpected ? `Unexpected error: ${error.message} (run again with SFN_DEBUG=1 to see where it happened).` : error.message;
}
