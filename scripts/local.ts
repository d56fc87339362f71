import * as path from 'node:path';
import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { checkFolderOption, runCli } from './lib/cli';
import { LOCAL_USAGE, parseLocalArgs } from './lib/local/args';
import { restartWithFewerMallocArenas } from './lib/local/malloc-arenas';
import { defaultOutDir } from './lib/project';

// `npm run local -- <stack-id> [options]`: one execution of a stack's state machine, on this machine; `npm run local --
// messages`: what the local SNS topics received. See --help.

/** How the runner's own errors are worded; known once the runner is loaded. */
let describeRunnerError: ((err: Error) => string | undefined) | undefined;

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'messages') {
    const { runMessages } = await import('./lib/local/messages');
    return runMessages(argv.slice(1));
  }
  const args = parseLocalArgs(argv);
  if (args.help) {
    console.log(LOCAL_USAGE);
    return 0;
  }
  // A server for hours: started again, as the same process, with fewer malloc arenas (its memory stays flat).
  if (args.serve) restartWithFewerMallocArenas(argv);
  // A folder named with --out is only checked, never synthesized (the default one is, when stale).
  if (args.outDir !== undefined && path.resolve(args.outDir) !== defaultOutDir()) checkFolderOption('--out', args.outDir);
  // The runner and its emulators load only now, so that --help and a wrong command line answer at once.
  const { describeLocalError, runLocal } = await import('./lib/local/run');
  describeRunnerError = describeLocalError;
  return runLocal(args);
}

// The ASL validator's verdicts are kept on disk between runs (definitions never touch the filesystem themselves).
useAslVerdictStore(aslVerdictsOnDisk());
runCli(main, { command: 'npm run local --', describe: (err) => describeRunnerError?.(err) });
