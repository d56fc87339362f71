/**
 * The serve part of `npm run bench`: its pure pieces (the closed loop, percentiles, the banner it reads, the report
 * section, the CPU profile summary, the table's ratios) and one end-to-end run on a tiny plan. Shapes and counts
 * only: timings are never asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closedLoop, percentile } from '../../scripts/lib/bench/closed-loop';
import { moduleOf, readMainThreadProfile, summarizeProfile, type CpuProfile } from '../../scripts/lib/bench/cpu-profile';
import { MAIN_SECTION, SERVE_SECTION, serveTable, spliceReport } from '../../scripts/lib/bench/report';
import { measureServe, SERVE_OPERATIONS, type ServeFigures } from '../../scripts/lib/bench/serve';
import { parseServeBanner } from '../../scripts/lib/bench/serve-process';
import { summarize } from '../../scripts/lib/bench/stats';

describe('closed loop', () => {
  test('sends each request once, never more than `clients` at a time, and answers in index order', async () => {
    // GIVEN
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    // WHEN
    const run = await closedLoop(25, 4, async (i) => {
      sent.push(i);
      most = Math.max(most, ++inFlight);
      await sleep(i % 3);
      inFlight--;
      return i * 10;
    });
    // THEN
    expect(sent.sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(most).toBe(4);
    expect(run.answers).toStrictEqual(Array.from({ length: 25 }, (_, i) => i * 10));
    expect(run.latencyMs).toHaveLength(25);
    expect(run.latencyMs.every((ms) => ms >= 0)).toBe(true);
  });

  test('a failed request stops the run: no client sends after it, and the error is thrown', async () => {
    const sent: number[] = [];
    await expect(
      closedLoop(50, 2, async (i) => {
        sent.push(i);
        await sleep(1);
        if (i === 3) throw new Error('POST /order answered 500');
        return i;
      }),
    ).rejects.toThrow('POST /order answered 500');
    expect(Math.max(...sent)).toBeLessThan(6);
  });

  test('bad sizes are refused', async () => {
    await expect(closedLoop(0, 1, async () => 1)).rejects.toThrow('count 0 is not a positive integer');
    await expect(closedLoop(1, 0, async () => 1)).rejects.toThrow('clients 0 is not a positive integer');
  });
});

test('percentile: nearest rank', () => {
  const sample = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
  expect(percentile(sample, 50)).toBe(10);
  expect(percentile(sample, 95)).toBe(19);
  expect(percentile(sample, 100)).toBe(20);
  expect(percentile(sample, 0)).toBe(1);
  expect(percentile([7], 95)).toBe(7);
  expect(() => percentile([], 50)).toThrow('no samples');
  expect(() => percentile([1], 101)).toThrow('not between 0 and 100');
});

describe('the banner of --serve', () => {
  const banner = [
    '▶ One AWS endpoint for skip-the-line on http://127.0.0.1:4566',
    '  State machines:',
    '    arn:aws:states:us-east-1:000000000000:stateMachine:step_function_orchestration',
    '    export AWS_REGION=us-east-1',
    '▶ skip-the-line: REST API skip-the-line-api, stage prod, on http://127.0.0.1:4010/prod',
    '  Press Ctrl+C to stop.',
  ].join('\n');

  test('gives the order API, the edge, the region and the state machine', () => {
    expect(parseServeBanner(banner)).toStrictEqual({
      apiUrl: 'http://127.0.0.1:4010/prod',
      edgeUrl: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:step_function_orchestration',
    });
  });

  test('a banner without the REST API says so', () => {
    expect(() => parseServeBanner(banner.split('\n').slice(0, 4).join('\n'))).toThrow(/lacks the REST API URL:/);
  });
});

describe('the report', () => {
  test("the serve part goes after the main part, is replaced in place, and leaves the main part and the findings alone", () => {
    const first = spliceReport(spliceReport(undefined, 'main v1'), 'serve v1', SERVE_SECTION);
    expect(first).toContain(`${MAIN_SECTION.end}\n\n${SERVE_SECTION.begin}\nserve v1\n${SERVE_SECTION.end}`);
    const edited = `${first.trimEnd()}\n\n## Findings\n`;
    const second = spliceReport(edited, 'serve v2', SERVE_SECTION);
    expect(second).toContain(`${SERVE_SECTION.begin}\nserve v2\n${SERVE_SECTION.end}\n\n## Findings\n`);
    expect(second).toContain(`${MAIN_SECTION.begin}\nmain v1\n${MAIN_SECTION.end}`);
    expect(second).not.toContain('serve v1');
    expect(spliceReport(second, 'main v2')).toContain(`${SERVE_SECTION.begin}\nserve v2\n`);
  });

  const figure = (operation: ServeFigures['operation'], dataDir: boolean, perSecond: number, endedMs?: number): ServeFigures => ({
    operation,
    dataDir,
    clients: 20,
    requests: 100,
    perSecond: summarize([perSecond]),
    p50Ms: summarize([10]),
    p95Ms: summarize([30]),
    retried: operation === SERVE_OPERATIONS[1] && dataDir ? 2 : 0,
    ...(endedMs !== undefined && { allEndedMs: summarize([endedMs]), statuses: { SUCCEEDED: 100 } }),
  });

  test('the table: ratios against the run without data dir and against StartExecution, from the medians', () => {
    const [post, start, describe] = SERVE_OPERATIONS;
    const table = serveTable(
      [figure(post, false, 120, 1000), figure(start, false, 200, 800), figure(describe, false, 1000), figure(post, true, 60, 2000), figure(start, true, 150, 1600), figure(describe, true, 800)],
      'the machine',
    );
    const row = (op: string, dataDir: string) => table.rows.find((r) => r[0].startsWith(op) && r[1] === dataDir)!;
    expect(row(post, 'yes')).toStrictEqual(['order API POST /order (100)', 'yes', '20', '60 (n=1)', '10 ms / 30 ms', '0.50', '0.40', '2.00 s (n=1)', '50 (0.50)', 'SUCCEEDED 100']);
    expect(row(start, 'yes')[9]).toBe('SUCCEEDED 100; 2 requests sent again by the SDK');
    expect(row(start, 'no').slice(5, 9)).toStrictEqual(['', '', '800 ms (n=1)', '125']);
    expect(row(describe, 'yes').slice(5, 10)).toStrictEqual(['0.80', '5.33', '', '', '']);
    expect(table.rows).toHaveLength(6);
    expect(table.notes?.at(-1)).toBe('Machine: the machine.');
  });
});

describe('CPU profile summary', () => {
  const root = '/project';
  // (root) → handle (project) → write (a package) → fsync (native); (root) → (idle)
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 10_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
      { id: 2, callFrame: { functionName: 'handle', url: 'file:///project/local/server.ts', lineNumber: 3 }, children: [3] },
      { id: 3, callFrame: { functionName: 'write', url: 'file:///project/node_modules/@scope/pkg/index.js', lineNumber: 9 }, children: [4] },
      { id: 4, callFrame: { functionName: 'fsync', url: '', lineNumber: -1 } },
      { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    ],
    samples: [4, 4, 3, 5, 2],
    timeDeltas: [0, 1000, 1000, 1000, 3000],
  };

  test('self time per function and module, and charged to the innermost project frame', () => {
    const summary = summarizeProfile(profile, root);
    expect(summary.totalMs).toBe(10);
    expect(summary.functions.map((f) => [f.name, f.ms])).toStrictEqual([
      ['handle (local/server.ts)', 4],
      ['(idle)', 3],
      ['fsync', 2],
      ['write (node_modules/@scope/pkg/index.js)', 1],
    ]);
    expect(summary.modules.map((m) => m.name)).toStrictEqual(['local', '(idle)', 'native bindings (fs, worker messages, …)', '@scope/pkg']);
    expect(summary.projectCallers.map((c) => [c.name, c.ms])).toStrictEqual([
      ['handle (local/server.ts)', 7],
      ['(idle), no project frame on the stack', 3],
    ]);
    expect(summary.projectCallers[0].share).toBeCloseTo(7 / 10, 9);
  });

  test('modules: a package of node_modules, a project folder, node itself', () => {
    expect(moduleOf('file:///x/node_modules/a/node_modules/@s/b/lib/c.js', root)).toBe('@s/b');
    expect(moduleOf('file:///project/local/engine/x.ts', root)).toBe('local/engine');
    expect(moduleOf('node:internal/fs/utils', root)).toBe('node (built-in)');
  });
});

test('end to end on a tiny plan: every cell measured, every execution SUCCEEDED, the data-dir server profiled', async () => {
  // GIVEN
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-serve-prof-'));
  try {
    // WHEN
    const figures = await measureServe({ concurrencies: [2], requests: () => 4, runs: 1, warmup: 2, cpuProfDir: profDir }, () => undefined);
    // THEN
    expect(figures.map((f) => `${f.operation}|${f.dataDir}|${f.clients}|${f.requests}`).sort()).toStrictEqual(
      SERVE_OPERATIONS.flatMap((op) => [`${op}|false|2|4`, `${op}|true|2|4`]).sort(),
    );
    for (const f of figures) {
      expect(f.perSecond.n).toBe(1);
      expect(f.perSecond.median).toBeGreaterThan(0);
      expect(f.p50Ms.median).toBeLessThanOrEqual(f.p95Ms.median);
      if (f.operation === 'DescribeExecution at the edge') {
        expect(f.allEndedMs).toBeUndefined();
      } else {
        expect(f.statuses).toStrictEqual({ SUCCEEDED: 4 });
        expect(f.allEndedMs?.n).toBe(1);
      }
      expect(f.retried).toBeGreaterThanOrEqual(0);
    }
    const { profile } = readMainThreadProfile(profDir);
    const summary = summarizeProfile(profile, path.resolve(__dirname, '../..'));
    expect(summary.totalMs).toBeGreaterThan(0);
    expect(summary.projectCallers.some((c) => c.name.includes('(local/'))).toBe(true);
  } finally {
    fs.rmSync(profDir, { recursive: true, force: true });
  }
}, 120_000);
