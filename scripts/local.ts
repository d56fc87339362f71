import * as path from 'node:path';
import { LocalSetupError, SfnApiError, stackDirOf, synthesizedStackIds } from '../local';
import { checkFolderOption, runCli } from './lib/cli';
import { LOCAL_USAGE, parseLocalArgs } from './lib/local-args';
import { defaultOutDir, shownPath } from './lib/project';
import { ensureCurrentSynth } from './lib/synth-current';

// `npm run local -- <stack-id> [options]`: one execution of a stack's state machine, on this machine. See --help.

async function main(argv: readonly string[]): Promise<number> {
  const args = parseLocalArgs(argv);
  if (args.help) {
    console.log(LOCAL_USAGE);
    return 0;
  }
  const stackDir = await locateStack(args.stackId!, args.outDir);
  const { runLocal } = await import('./lib/local-run');
  return runLocal(args, stackDir);
}

/**
 * The stack's folder in a synth of the current inputs. The default folder (cdktf.out, or $CDKTF_OUTDIR) is
 * synthesized again first when it is missing or older than its inputs; a folder named with --out is only checked.
 */
async function locateStack(stackId: string, outDir: string | undefined): Promise<string> {
  const out = outDir === undefined ? defaultOutDir() : path.resolve(outDir);
  const named = out !== defaultOutDir();
  if (named) checkFolderOption('--out', outDir!);
  await ensureCurrentSynth(out, { mayResynthesize: !named, say: (line) => console.error(line) });
  const synthesized = synthesizedStackIds(out);
  if (!synthesized.includes(stackId)) {
    throw new LocalSetupError(`Unknown stack '${stackId}'. The stacks synthesized in ${shownPath(out)}: ${synthesized.join(', ') || 'none'}.`);
  }
  return stackDirOf(out, stackId);
}

runCli(main, {
  command: 'npm run local --',
  describe: (err) => (err instanceof SfnApiError ? `StartExecution refused: ${err.name}: ${err.message}` : undefined),
});
