/**
 * The pure parts of `npm run bench`: statistics, table rendering, the cost arithmetic, the price table, the
 * report splice and the zip writer. Timings themselves are measured by the bench and never asserted.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { InMemoryObjectStore, runExecution } from '../../local/engine';
import { distributedMap, echo, engineTable, inlineMap, passChain, succeed } from '../../scripts/lib/bench/engine';
import {
  expressCost,
  expressGbSeconds,
  lambdaGbSeconds,
  lineUsd,
  NO_USAGE,
  parsePrices,
  readUnits,
  standardCost,
  totalUsd,
  writeUnits,
  type ExecutionUsage,
  type Prices,
} from '../../scripts/lib/bench/cost';
import { spliceReport } from '../../scripts/lib/bench/report';
import { formatBytes, formatMs, formatSummary, formatUsd, median, summarize } from '../../scripts/lib/bench/stats';
import { renderMarkdown, renderText, type Table } from '../../scripts/lib/bench/table';
import { statesByName } from '../../scripts/lib/bench/usage';
import { filesIn, zip } from '../../scripts/lib/zip';
import { PROJECT_ROOT } from '../../stacks/config';

const prices: Prices = parsePrices(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'prices.json'), 'utf8')));

describe('statistics', () => {
  test('median of odd and even samples, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(/no samples/);
  });

  test('summary: median, min, max and count', () => {
    expect(summarize([120, 100, 110, 500, 105])).toStrictEqual({ n: 5, median: 110, min: 100, max: 500 });
  });

  test('figures are written with their unit and spread', () => {
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(412.4)).toBe('412 ms');
    expect(formatMs(1250)).toBe('1.25 s');
    expect(formatMs(72_000)).toBe('1 min 12 s');
    expect(formatSummary({ n: 5, median: 1250, min: 1200, max: 1310 })).toBe('1.25 s (1.20 s–1.31 s, n=5)');
    expect(formatSummary({ n: 1, median: 90, min: 90, max: 90 })).toBe('90 ms (n=1)');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(80_879)).toBe('79.0 KiB');
    expect(formatUsd(75)).toBe('$75.00');
    expect(formatUsd(50_075)).toBe('$50,075.00');
    expect(formatUsd(0.625)).toBe('$0.625');
    expect(formatUsd(0.0000167)).toBe('$0.0000167');
    expect(formatUsd(0)).toBe('$0.00');
  });
});

describe('tables', () => {
  const table: Table = {
    title: 'Figures',
    columns: ['what', 'time'],
    align: ['left', 'right'],
    rows: [
      ['synth', '1.25 s'],
      ['a|b', '90 ms'],
    ],
    notes: ['measured once'],
  };

  test('text: columns padded to the widest cell, figures right-aligned, notes below', () => {
    expect(renderText(table)).toBe(['Figures', '', 'what     time', '-----  ------', 'synth  1.25 s', 'a|b     90 ms', '  * measured once'].join('\n'));
  });

  test('markdown: a heading, a right-aligned figure column, pipes escaped', () => {
    expect(renderMarkdown(table)).toBe(
      ['### Figures', '', '| what | time |', '| --- | ---: |', '| synth | 1.25 s |', '| a\\|b | 90 ms |', '', '- measured once'].join('\n'),
    );
  });

  test('a row wider than the header is refused', () => {
    expect(() => renderText({ title: 'T', columns: ['a'], rows: [['1', '2']] })).toThrow(/2 cells for 1 columns/);
  });
});

describe('cost model', () => {
  test('the price table in docs/prices.json is complete; a missing price is named', () => {
    expect(prices.stepFunctions.standardPerStateTransition).toBe(0.000025);
    expect(prices.region).toBe('us-east-1');
    expect(() => parsePrices({ region: 'us-east-1', asOf: '2025', lambda: { perRequest: -1 } })).toThrow(/lambda\.perRequest.*stepFunctions\.standardPerStateTransition|stepFunctions\.standardPerStateTransition.*lambda\.perRequest/);
  });

  test('request units: 1 KB per write, 4 KB per strongly consistent read, half for eventually consistent', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(readUnits(30_365, true)).toBe(8);
    expect(readUnits(100, false)).toBe(0.5);
  });

  test('billed GB-seconds: Lambda per 1 ms; Express per 100 ms and 64 MB chunks', () => {
    expect(lambdaGbSeconds(256, 4.2)).toBeCloseTo(0.25 * 0.005, 12);
    expect(expressGbSeconds(280, 10, prices)).toBeCloseTo((64 / 1024) * 0.3, 12);
    expect(expressGbSeconds(30_100, 65, prices)).toBeCloseTo((128 / 1024) * 30.1, 12);
  });

  const order: ExecutionUsage = {
    transitions: 4,
    lambda: [
      { functionName: 'put_item', memoryMb: 256, architecture: 'arm64', invocations: 1, durationMs: 50 },
      { functionName: 'put_object', memoryMb: 256, architecture: 'arm64', invocations: 1, durationMs: 80 },
    ],
    dynamodbWriteUnits: 1,
    dynamodbReadUnits: 0,
    s3Puts: 1,
    s3Gets: 0,
    snsPublishes: 1,
    apiRequests: 1,
  };

  test('Standard: transitions at $0.025 per 1,000, plus every service, per execution', () => {
    const lines = standardCost(order, prices);
    expect(lineUsd(lines, 'Step Functions') * 1e6).toBeCloseTo(100, 9);
    expect(lineUsd(lines, 'Lambda requests') * 1e6).toBeCloseTo(0.4, 9);
    expect(lineUsd(lines, 'Lambda duration') * 1e6).toBeCloseTo(0.25 * 0.13 * 0.0000133334 * 1e6, 9);
    expect(lineUsd(lines, 'DynamoDB') * 1e6).toBeCloseTo(0.625, 9);
    expect(lineUsd(lines, 'S3') * 1e6).toBeCloseTo(5, 9);
    expect(lineUsd(lines, 'SNS') * 1e6).toBeCloseTo(0.5, 9);
    expect(lineUsd(lines, 'API Gateway') * 1e6).toBeCloseTo(3.5, 9);
    expect(totalUsd(lines) * 1e6).toBeCloseTo(100 + 0.4 + 0.4333342 + 0.625 + 5 + 0.5 + 3.5, 4);
  });

  test('Express: a request plus GB-seconds replace the transitions; the services are unchanged', () => {
    const express = expressCost(order, prices, 280);
    expect(lineUsd(express, 'Step Functions') * 1e6).toBeCloseTo(1 + (64 / 1024) * 0.3 * 0.00001667 * 1e6, 9);
    expect(totalUsd(express) - lineUsd(express, 'Step Functions')).toBeCloseTo(totalUsd(standardCost(order, prices)) - 100e-6, 12);
  });

  test('x86_64 functions use the x86 rate; no usage costs nothing', () => {
    const x86 = { ...NO_USAGE, lambda: [{ functionName: 'f', memoryMb: 1024, architecture: 'x86_64' as const, invocations: 2, durationMs: 1000 }] };
    expect(lineUsd(standardCost(x86, prices), 'Lambda duration')).toBeCloseTo(2 * 0.0000166667, 12);
    expect(totalUsd(standardCost(NO_USAGE, prices))).toBe(0);
  });

  test('states are found inside Map item processors and Parallel branches', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', End: true } } }, Next: 'P' },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'C', States: { C: { Type: 'Pass', End: true } } }], End: true },
      },
    };
    expect([...statesByName(definition).keys()]).toStrictEqual(['A', 'B', 'P', 'C']);
  });
});

describe('report and zip', () => {
  test('the generated part is replaced between its markers; the text around it is kept', () => {
    const first = spliceReport(undefined, 'figures v1');
    expect(first).toMatch(/^# Benchmarks and cost model\n\n<!-- bench:begin[^\n]*-->\nfigures v1\n<!-- bench:end -->\n$/);
    const edited = first.replace('# Benchmarks and cost model\n', '# Benchmarks and cost model\n\nIntro.\n') + '\n## Findings\n';
    const second = spliceReport(edited, 'figures v2');
    expect(second).toContain('Intro.\n');
    expect(second).toContain('\nfigures v2\n<!-- bench:end -->\n\n## Findings\n');
    expect(second).not.toContain('figures v1');
  });

  test('a folder as an archive holds its files, nested ones named by their path with /', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-files-'));
    fs.mkdirSync(path.join(dir, 'lib', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.js'), 'a');
    fs.writeFileSync(path.join(dir, 'lib', 'deep', 'x.js'), 'b');
    const entries = filesIn(dir).map((e) => [e.name, Buffer.from(e.data).toString()]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(entries.sort()).toStrictEqual([
      ['index.js', 'a'],
      ['lib/deep/x.js', 'b'],
    ]);
  });

  test('the zip is byte-identical for the same files in any order, and holds them', () => {
    const a = { name: 'index.js', data: Buffer.from('exports.handler = async () => 1;\n'.repeat(50)) };
    const b = { name: 'lib/x.js', data: Buffer.from('module.exports = 2;\n') };
    const archive = zip([b, a]);
    expect(zip([a, b]).equals(archive)).toBe(true);
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = archive.readUInt16LE(26);
    const compressed = archive.readUInt32LE(18);
    expect(archive.subarray(30, 30 + nameLength).toString()).toBe('index.js');
    expect(inflateRawSync(archive.subarray(30 + nameLength, 30 + nameLength + compressed)).equals(a.data)).toBe(true);
    expect(archive.readUInt32LE(14)).toBe(crc32(a.data));
    const unzip = ['/usr/bin/unzip', '/bin/unzip'].find((p) => fs.existsSync(p));
    if (unzip) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-zip-')), 'bundle.zip');
      fs.writeFileSync(file, archive);
      expect(execFileSync(unzip, ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('engine figures', () => {
  test('the bench definitions do the work they are named for (same output as input, through the handler)', async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ i }));
    for (const concurrency of [0, 40]) expect(await succeed(runExecution(inlineMap(concurrency), { input: items, taskHandlers: { Work: echo } }))).toStrictEqual(items);
    expect(await succeed(runExecution(passChain(20), { input: { a: 1 } }))).toStrictEqual({ a: 1 });
    const store = new InMemoryObjectStore(['b']);
    store.put('b', 'items.csv', 'id,name\n1,one\n2,two\n');
    const output = (await succeed(runExecution(distributedMap('b', 'CSV'), { taskHandlers: { Work: echo }, objectStore: store }))) as { ResultWriterDetails: { Key: string } };
    expect(output.ResultWriterDetails.Key).toMatch(/^results\/CSV\/.+\/manifest\.json$/);
  });

  test('a run that does not succeed gives no figure', async () => {
    await expect(succeed(runExecution({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'c' } } }))).rejects.toThrow('the measured execution ended FAILED: E: c');
  });

  test('the table gives the time per unit, the peak heap and the target', () => {
    const table = engineTable([{ label: 'a', ms: summarize([100]), unit: 1000, unitName: 'state', peakHeapBytes: 2 * 1024 * 1024, target: '≤ 0.5 s' }], 'm');
    expect(table.rows[0]).toEqual(['a', '100 ms (n=1)', '100.0 µs/state', formatBytes(2 * 1024 * 1024), '≤ 0.5 s']);
  });
});
