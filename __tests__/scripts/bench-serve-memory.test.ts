import { dataDirRuns } from '../../scripts/lib/bench/options';
import { QUIET_MS, serveMemoryTable, type ServeMemoryFigures } from '../../scripts/lib/bench/serve-memory';

// The serve-memory part's table: per step the RSS as its executions end and QUIET_MS later, and the peak of the load.

const MiB = 1024 * 1024;

function run(dataDir: boolean, samples: [number, number, number][]): ServeMemoryFigures {
  return {
    plan: { orders: 2000, every: 1000, clients: 10, dataDir },
    idleBytes: 150 * MiB,
    samples: samples.map(([end, quiet, peak], i) => ({ orders: (i + 1) * 1000, rssBytes: end * MiB, quietBytes: quiet * MiB, peakBytes: peak * MiB, perSecond: 80 + i })),
  };
}

test('each step shows RSS as its executions end / after the quiet wait; the peak column is the largest reading of the run', () => {
  // WHEN
  const table = serveMemoryTable([run(false, [[240, 200, 300], [250, 205, 320]]), run(true, [[260, 210, 310], [255, 209, 305]])], 'a machine');
  // THEN
  expect(table.columns).toStrictEqual(['data dir', 'clients', 'idle', 'after 1,000', 'after 2,000', 'peak', 'orders/s (last step)', 'target']);
  expect(table.rows).toStrictEqual([
    ['no', '10', '150 MiB', '240 MiB / 200 MiB', '250 MiB / 205 MiB', '320 MiB', '81', expect.stringContaining('≤ 250 MiB')],
    ['yes', '10', '150 MiB', '260 MiB / 210 MiB', '255 MiB / 209 MiB', '310 MiB', '81', expect.stringContaining('≤ 250 MiB')],
  ]);
  expect(table.notes!.join(' ')).toContain(`then ${QUIET_MS / 1000} s later with nothing sent`);
});

test('--memory-data-dir chooses the runs: both (the default), without or with a data directory; anything else names the choices', () => {
  expect([dataDirRuns(undefined), dataDirRuns('both'), dataDirRuns('without'), dataDirRuns('with')]).toStrictEqual([[false, true], [false, true], [false], [true]]);
  expect(() => dataDirRuns('yes')).toThrow('--memory-data-dir yes is not one of both, without, with.');
});
