/**
 * The bench's launch part (scripts/lib/bench/launch.ts): ratios in turns against tsx, and its table. The commands
 * themselves are run by `npm run bench`; timings are never asserted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { summarizeProfile, type CpuProfile } from '../../scripts/lib/bench/cpu-profile';
import type { TimedRun } from '../../scripts/lib/bench/processes';
import { launchTable, LAUNCH_STACK, type LaunchFigures } from '../../scripts/lib/bench/launch';
import { compared } from '../../scripts/lib/bench/turns';
import { PROJECT_ROOT } from '../../scripts/lib/project';

const runs = (...ms: number[]): TimedRun[] => ms.map((wallMs) => ({ wallMs, code: 0, stdout: '', stderr: '', peakTreeRssKb: wallMs * 100 }));

describe('compared (alternated turns)', () => {
  test("a ratio is the median over turns of this run ÷ the reference's run in the same turn", () => {
    // Turn by turn: 300/900, 330/1100, 400/800 → 0.33, 0.3, 0.5 → median 0.33.
    const c = compared('launcher', 'node run.cjs', runs(300, 330, 400), runs(900, 1100, 800));
    expect(c.wallRatio).toBeCloseTo(1 / 3, 5);
    expect(c.memoryRatio).toBeCloseTo(1 / 3, 5);
    expect(c.wallMs).toStrictEqual({ n: 3, median: 330, min: 300, max: 400 });
  });

  test('without a reference there is no ratio', () => {
    const c = compared('tsx', 'node --import tsx', runs(900));
    expect(c.wallRatio).toBeUndefined();
    expect(c.memoryRatio).toBeUndefined();
  });
});

describe('launchTable', () => {
  const tsx = runs(1000, 900, 950);
  const figures: LaunchFigures = {
    execution: [
      compared('through tsx (before)', `node --import tsx scripts/local.ts ${LAUNCH_STACK}`, tsx),
      compared('through run.cjs (the bundle)', `node run.cjs scripts/local.ts ${LAUNCH_STACK}`, runs(300, 300, 380), tsx),
      compared('through npm, end to end', `npm run local -- ${LAUNCH_STACK}`, runs(450, 470, 500), tsx),
    ],
    help: [compared('--help through tsx (before)', 'node --import tsx scripts/local.ts --help', runs(800, 800, 800)), compared('--help through run.cjs', 'node run.cjs scripts/local.ts --help', runs(200, 200, 200), runs(800, 800, 800))],
    floor: compared('node alone', 'node -e 0', runs(30, 30, 30)),
    runs: 3,
  };

  test('one row per command, ratios against tsx, the end-to-end target on the npm row', () => {
    const table = launchTable(figures, 'test machine');
    expect(table.rows.map((r) => [r[0], r[3], r[6]])).toStrictEqual([
      ['through tsx (before)', '—', 'the reference'],
      ['through run.cjs (the bundle)', '0.33× of tsx', 'what the npm script runs'],
      ['through npm, end to end', '0.52× of tsx', '≤ 0.5 s'], // 450/1000, 470/900, 500/950,
      ['--help through tsx (before)', '—', 'the reference'],
      ['--help through run.cjs', '0.25× of tsx', 'start-up alone'],
      ['node alone', '—', "node's own start"],
    ]);
    expect(table.rows[2]![2]).toBe('470 ms (450 ms–500 ms, n=3)');
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
    expect(table.notes?.at(-1)).toBe('Machine: test machine.');
  });
});

describe('summarizeProfile of a bundled command', () => {
  test("a frame of a bundle with a source map beside it counts as the source's: its file, folder and module", () => {
    // GIVEN a bundle built as run.cjs builds one (linked source map, sources relative to it), and a profile sampled in it
    const dir = fs.mkdtempSync(path.join(PROJECT_ROOT, '.build', 'profile-map-'));
    try {
      const outfile = path.join(dir, 'h', 'project.js');
      buildSync({ absWorkingDir: PROJECT_ROOT, entryPoints: ['scripts/lib/project.ts'], bundle: true, packages: 'external', platform: 'node', format: 'cjs', sourcemap: 'linked', sourcesContent: false, outfile, logLevel: 'silent' });
      const lines = fs.readFileSync(outfile, 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('function launched('));
      const url = pathToFileURL(outfile).href;
      const profile: CpuProfile = {
        nodes: [
          { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
          { id: 2, callFrame: { functionName: 'launched', url, lineNumber: line, columnNumber: lines[line]!.indexOf('function') } as CpuProfile['nodes'][number]['callFrame'] },
        ],
        startTime: 0,
        endTime: 3000,
        samples: [2, 2, 2],
        timeDeltas: [0, 1000, 1000],
      };
      // WHEN
      const summary = summarizeProfile(profile, PROJECT_ROOT);
      // THEN
      expect(summary.functions[0]?.name).toBe('launched (scripts/lib/project.ts)');
      expect(summary.modules[0]?.name).toBe('scripts/lib');
      expect(summary.projectCallers[0]?.name).toBe('launched (scripts/lib/project.ts)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
