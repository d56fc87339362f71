import * as path from 'node:path';
import { runTimed, type TimedRun } from './processes';
import { median, summarize, type Summary } from './stats';

/**
 * Commands compared in alternated turns: each turn runs every command once, in an order rotated every turn, so
 * that the drift of a shared machine falls on all of them; a ratio is the median over turns of (this run ÷ the
 * reference's run in the same turn). The synth against the AWS CDK anchor (cdk-anchor.ts) and the commands' start
 * (launch.ts) are measured this way.
 */

/** One command of a comparison; `before` runs ahead of each measured run (not timed). */
export interface Variant {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly before?: () => void;
}

/** Runs every variant `warmups + runs` times in turns (the order rotated each turn); answers each one's measured runs. */
export async function alternate(variants: readonly Variant[], runs: number, warmups: number): Promise<TimedRun[][]> {
  const results: TimedRun[][] = variants.map(() => []);
  for (let turn = 0; turn < warmups + runs; turn++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + turn) % variants.length;
      const v = variants[i];
      v.before?.();
      const run = await runTimed(v.command, v.args, { cwd: v.cwd, env: v.env, timeoutMs: 300_000, treeMemory: true });
      if (run.code !== 0) throw new Error(`${[path.basename(v.command), ...v.args].join(' ')} failed (exit ${run.code}):\n${(run.stderr || run.stdout).trim().slice(-2000)}`);
      if (turn >= warmups) results[i].push(run);
    }
  }
  return results;
}

/** One command's figures and, against its reference, the median of the per-turn ratios. */
export interface Compared {
  readonly label: string;
  readonly command: string;
  readonly wallMs: Summary;
  readonly peakTreeKb?: Summary;
  /** Median over turns of (this run ÷ the reference's run in the same turn). */
  readonly wallRatio?: number;
  readonly memoryRatio?: number;
}

export function compared(label: string, command: string, runs: readonly TimedRun[], reference?: readonly TimedRun[]): Compared {
  const rss = runs.flatMap((r) => (r.peakTreeRssKb === undefined ? [] : [r.peakTreeRssKb]));
  const ratio = (pick: (r: TimedRun) => number | undefined) => {
    if (!reference) return undefined;
    const pairs = runs.flatMap((r, i) => {
      const [a, b] = [pick(r), pick(reference[i])];
      return a !== undefined && b ? [a / b] : [];
    });
    return pairs.length > 0 ? median(pairs) : undefined;
  };
  const wallRatio = ratio((r) => r.wallMs);
  const memoryRatio = ratio((r) => r.peakTreeRssKb);
  return {
    label,
    command,
    wallMs: summarize(runs.map((r) => r.wallMs)),
    ...(rss.length > 0 && { peakTreeKb: summarize(rss) }),
    ...(wallRatio !== undefined && { wallRatio }),
    ...(memoryRatio !== undefined && { memoryRatio }),
  };
}
