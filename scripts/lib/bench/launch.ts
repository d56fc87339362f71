import type { Table } from './table';
import { formatSummary } from './stats';
import { alternate, compared, type Compared, type Variant } from './turns';

/**
 * How commands start (issue 18): `npm run local -- sfn-dynamodb` end to end as users run it, the same command
 * without npm through run.cjs (the bundle, as the npm script runs it) and through tsx (how every command started
 * before), `--help` both ways (start-up alone: no stack, no emulator), and `node -e 0`, the floor of any command.
 * All in alternated turns (turns.ts), so the ratios come from the same run.
 */

export interface LaunchFigures {
  /** The one execution: through tsx (the reference), through run.cjs, through npm; then --help both ways; then node alone. */
  readonly execution: readonly Compared[];
  readonly help: readonly Compared[];
  readonly floor: Compared;
  readonly runs: number;
}

/** The stack whose one execution is timed end to end (the target names it). */
export const LAUNCH_STACK = 'sfn-dynamodb';

export async function measureLaunch(root: string, runs: number, say: (line: string) => void): Promise<LaunchFigures> {
  const node = process.execPath;
  const env = { CHECKPOINT_DISABLE: '1' };
  const variant = (command: string, args: readonly string[]): Variant => ({ command, args, cwd: root, env });
  say(`  commands starting: npm run local -- ${LAUNCH_STACK}, the same through run.cjs and through tsx, --help both ways, node -e 0; 1 warm-up + ${runs} turns`);
  const [tsx, launcher, npm, tsxHelp, launcherHelp, bare] = await alternate(
    [
      variant(node, ['--import', 'tsx', 'scripts/local.ts', LAUNCH_STACK]),
      variant(node, ['run.cjs', 'scripts/local.ts', LAUNCH_STACK]),
      variant('npm', ['run', '--silent', 'local', '--', LAUNCH_STACK]),
      variant(node, ['--import', 'tsx', 'scripts/local.ts', '--help']),
      variant(node, ['run.cjs', 'scripts/local.ts', '--help']),
      variant(node, ['-e', '0']),
    ],
    runs,
    1,
  );
  return {
    execution: [
      compared('through tsx (before)', `node --import tsx scripts/local.ts ${LAUNCH_STACK}`, tsx),
      compared('through run.cjs (the bundle)', `node run.cjs scripts/local.ts ${LAUNCH_STACK}`, launcher, tsx),
      compared('through npm, end to end', `npm run local -- ${LAUNCH_STACK}`, npm, tsx),
    ],
    help: [compared('--help through tsx (before)', 'node --import tsx scripts/local.ts --help', tsxHelp), compared('--help through run.cjs', 'node run.cjs scripts/local.ts --help', launcherHelp, tsxHelp)],
    floor: compared('node alone', 'node -e 0', bare),
    runs,
  };
}

const kib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

export function launchTable(figures: LaunchFigures, machine: string): Table {
  const row = (c: Compared, target: string, against: string): string[] => [
    c.label,
    `\`${c.command}\``,
    formatSummary(c.wallMs),
    c.wallRatio === undefined ? '—' : `${c.wallRatio.toFixed(2)}× ${against}`,
    c.peakTreeKb ? kib(c.peakTreeKb.median) : 'n/a',
    c.memoryRatio === undefined ? '—' : `${c.memoryRatio.toFixed(2)}× ${against}`,
    target,
  ];
  const [tsx, launcher, npm] = figures.execution;
  const [tsxHelp, launcherHelp] = figures.help;
  return {
    title: `Commands starting: one local execution of ${LAUNCH_STACK}, end to end`,
    columns: ['what', 'command', 'wall time: median (min–max, runs)', 'time ratio', 'peak memory (process tree)', 'memory ratio', 'target'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    rows: [
      row(tsx!, 'the reference', ''),
      row(launcher!, 'what the npm script runs', 'of tsx'),
      row(npm!, '≤ 0.5 s', 'of tsx'),
      row(tsxHelp!, 'the reference', ''),
      row(launcherHelp!, 'start-up alone', 'of tsx'),
      row(figures.floor, "node's own start", ''),
    ],
    notes: [
      `Each command in turns (1 unmeasured warm-up turn, then ${figures.runs}), the order rotated every turn; a ratio is the median over turns of (this run ÷ the tsx run of the same turn). The synth is current and the bundle built (the warm-up turn), as on a second run.`,
      'run.cjs: the command bundled by esbuild once into .build/run/ and reused until a file it was built from changes; V8\'s compile cache on. "Through npm" adds npm\'s own start (npm is itself a Node program) to run.cjs\'s.',
      'Peak memory: the resident memory of the command\'s whole process tree added up (npm and sh included for the npm row), sampled from /proc every 5 ms.',
      `Machine: ${machine}.`,
    ],
  };
}
