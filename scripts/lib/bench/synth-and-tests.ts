import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthCommand } from '../synth-run';
import { repeat, runTimed, type TimedRun } from './processes';
import { summarize, type Summary } from './stats';

/** Timings of one way to synthesize the whole app. */
export interface SynthFigures {
  readonly label: string;
  readonly command: string;
  readonly warmups: number;
  readonly wallMs: Summary;
  readonly peakRssKb?: Summary;
}

/** Where stacks/asl-verdicts.ts keeps the definitions definitions/validate.ts found valid (content-addressed markers). */
export const ASL_CACHE_DIR = path.join('.build', 'asl-valid');

function figures(label: string, command: string, warmups: number, runs: readonly TimedRun[]): SynthFigures {
  const rss = runs.flatMap((r) => (r.peakRssKb === undefined ? [] : [r.peakRssKb]));
  return { label, command, warmups, wallMs: summarize(runs.map((r) => r.wallMs)), ...(rss.length > 0 && { peakRssKb: summarize(rss) }) };
}

export interface SynthPlan {
  readonly directRuns: number;
  readonly coldRuns: number;
  readonly cdktfRuns: number;
  readonly cdktfWarmups: number;
}

/**
 * The synth every command runs (scripts/lib/synth-run.ts: `node run-main.cjs`, as cdktf.json runs it)
 * after a warm-up; the same with the ASL validation cache emptied before each run (a first synth, or one after a
 * definition changed); and `npx cdktf synth` with telemetry and the plugin cache off. Each writes `outDir` as
 * `npm run synth` does.
 */
export async function measureSynth(outDir: string, plan: SynthPlan, say: (line: string) => void): Promise<SynthFigures[]> {
  const timeoutMs = 300_000;
  const synth = synthCommand(outDir);
  const projectRoot = synth.cwd;
  const env = { ...synth.env, CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' };
  const node = synth.command;
  const direct = synth.args;
  const shown = `node ${direct.join(' ')}`;
  const results: SynthFigures[] = [];

  say(`  synth: ${shown}, 1 warm-up + ${plan.directRuns} runs`);
  const warm = await repeat('synth', node, direct, { cwd: projectRoot, env, timeoutMs, memory: true, runs: plan.directRuns, warmups: 1 });
  results.push(figures(`synth (${shown})`, shown, 1, warm));

  if (plan.coldRuns > 0) {
    say(`  synth with the ASL validation cache emptied: ${plan.coldRuns} runs`);
    const cache = path.join(projectRoot, ASL_CACHE_DIR);
    // Set the record aside and put it back afterwards: it also holds the local runner's definitions.
    const aside = `${cache}.bench-${process.pid}`;
    if (fs.existsSync(cache)) fs.renameSync(cache, aside);
    const cold: TimedRun[] = [];
    try {
      for (let i = 0; i < plan.coldRuns; i++) {
        fs.rmSync(cache, { recursive: true, force: true });
        cold.push(...(await repeat('synth', node, direct, { cwd: projectRoot, env, timeoutMs, memory: true, runs: 1, warmups: 0 })));
      }
    } finally {
      if (fs.existsSync(aside)) {
        fs.rmSync(cache, { recursive: true, force: true });
        fs.renameSync(aside, cache);
      }
    }
    results.push(figures('synth, ASL validation cache empty', `rm -rf ${ASL_CACHE_DIR}; ${shown}`, 0, cold));
  }

  if (plan.cdktfRuns > 0) {
    say(`  synth: npx cdktf synth, ${plan.cdktfWarmups} warm-up + ${plan.cdktfRuns} runs`);
    const cdktf = await repeat('npx cdktf synth', 'npx', ['cdktf', 'synth'], {
      cwd: projectRoot,
      env,
      timeoutMs,
      memory: true,
      runs: plan.cdktfRuns,
      warmups: plan.cdktfWarmups,
    });
    results.push(figures('synth (npx cdktf synth)', 'CHECKPOINT_DISABLE=1 CDKTF_DISABLE_PLUGIN_CACHE_ENV=1 npx cdktf synth', plan.cdktfWarmups, cdktf));
  }
  return results;
}

export interface TestFigures {
  readonly wallMs: number;
  readonly ok: boolean;
  /** Jest's own summary lines ("Tests: 538 passed, 538 total", "Time: 91.6 s"). */
  readonly summary: readonly string[];
  /** Test files jest reported with a duration (the slow ones), slowest first. */
  readonly slowest: readonly { file: string; seconds: number }[];
}

/** Jest's summary and per-file durations from its output. */
export function parseJestOutput(text: string): Pick<TestFigures, 'summary' | 'slowest'> {
  const summary = text.split('\n').filter((l) => /^(Tests|Test Suites|Time):/.test(l.trim())).map((l) => l.trim().replace(/\s+/g, ' '));
  const slowest = [...text.matchAll(/^(?:PASS|FAIL) (\S+) \((\d+(?:\.\d+)?) s\)/gm)]
    .map((m) => ({ file: m[1], seconds: Number(m[2]) }))
    .sort((a, b) => b.seconds - a.seconds);
  return { summary, slowest };
}

/** `npm test` once: the type check and every jest test. */
export async function measureTests(projectRoot: string, say: (line: string) => void): Promise<TestFigures> {
  say('  npm test (type check + jest), once');
  const run = await runTimed('npm', ['test'], { cwd: projectRoot, timeoutMs: 20 * 60_000 });
  return { wallMs: run.wallMs, ok: run.code === 0, ...parseJestOutput(`${run.stdout}\n${run.stderr}`) };
}
