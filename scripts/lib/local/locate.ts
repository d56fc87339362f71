import * as path from 'node:path';
import { LocalSetupError } from '../../../local/errors';
import { stackDirOf, synthesizedStackIds } from '../../../local/synthesized';
import { defaultOutDir, shownPath } from '../project';
import { ensureCurrentSynth } from '../synth-current';

/**
 * The stack's folder in a synth of the current inputs. The default folder (cdktf.out, or $CDKTF_OUTDIR) is
 * synthesized again first when it is missing or older than its inputs; a folder named with --out is only checked.
 */
export async function locateStack(stackId: string, outDir: string | undefined): Promise<string> {
  const out = outDir === undefined ? defaultOutDir() : path.resolve(outDir);
  const named = out !== defaultOutDir(); // checked by scripts/local.ts (checkFolderOption)
  await ensureCurrentSynth(out, { mayResynthesize: !named, say: (line) => console.error(line) });
  const synthesized = synthesizedStackIds(out);
  if (!synthesized.includes(stackId)) {
    throw new LocalSetupError(`Unknown stack '${stackId}'. The stacks synthesized in ${shownPath(out)}: ${synthesized.join(', ') || 'none'}.`);
  }
  return stackDirOf(out, stackId);
}

/** Every stack of the synth (made current first, as for one stack): id and folder. */
export async function locateAllStacks(outDir: string | undefined): Promise<{ id: string; dir: string }[]> {
  const out = outDir === undefined ? defaultOutDir() : path.resolve(outDir);
  await ensureCurrentSynth(out, { mayResynthesize: out === defaultOutDir(), say: (line) => console.error(line) });
  return synthesizedStackIds(out).map((id) => ({ id, dir: stackDirOf(out, id) }));
}
