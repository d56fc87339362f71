import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadStackModel, stackDirOf, synthesizedStackIds } from '../../../local';
import { runTimed } from './processes';
import { summarize, type Summary } from './stats';
import { filesIn, zip } from '../zip';

/** One Lambda bundle as synthesized: its size, zipped size and module initialisation time in a fresh node. */
export interface BundleFigures {
  readonly stackId: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  /** The `@aws-sdk/*` modules the bundle requires (left out of it: the runtime provides them). */
  readonly sdkImports: readonly string[];
  /** `require(bundle)` in a fresh process: the AWS SDK clients it loads included. */
  readonly initMs: Summary;
  /** The same with the SDK modules it requires loaded first: the bundle's own code. */
  readonly ownInitMs: Summary;
}

/** The `@aws-sdk/*` modules a bundle requires (the runtime provides them; esbuild left them out). */
export function sdkRequires(code: string): string[] {
  return [...new Set([...code.matchAll(/require\("(@aws-sdk\/[^"]+)"\)/g)].map((m) => m[1]))].sort();
}

const INIT_SCRIPT = `
const { createRequire } = require('node:module');
const [file, preload] = [process.argv[1], JSON.parse(process.argv[2])];
const load = createRequire(file);
for (const m of preload) load(m);
const started = performance.now();
load(file);
process.stdout.write(String(performance.now() - started));
`;

async function initTimes(file: string, env: Record<string, string>, preload: readonly string[], runs: number, cwd: string): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const run = await runTimed(process.execPath, ['-e', INIT_SCRIPT, file, JSON.stringify(preload)], { cwd, env, timeoutMs: 30_000 });
    const ms = Number(run.stdout.trim());
    if (run.code !== 0 || !Number.isFinite(ms)) throw new Error(`Loading ${file} failed (exit ${run.code}):\n${run.stderr.trim().slice(-1500)}`);
    if (i > 0) samples.push(ms); // the first run warms the file system cache
  }
  return summarize(samples);
}

/** Every function of every synthesized stack under `<outDir>/stacks`, measured. */
export async function measureBundles(outDir: string, projectRoot: string, runs: number, say: (line: string) => void): Promise<BundleFigures[]> {
  const figures: BundleFigures[] = [];
  for (const stackId of synthesizedStackIds(outDir)) {
    const model = loadStackModel(stackDirOf(outDir, stackId));
    for (const fn of model.functions) {
      const entries = filesIn(fn.bundleDir);
      const file = path.join(fn.bundleDir, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.js`);
      const code = fs.readFileSync(file, 'utf8');
      const sdk = sdkRequires(code);
      const env = {
        ...fn.environment,
        AWS_REGION: model.region,
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
        NODE_OPTIONS: '',
      };
      say(`  bundle ${fn.name}: init × ${runs} (with the SDK), × ${runs} (SDK preloaded)`);
      figures.push({
        stackId,
        functionName: fn.name,
        memoryMb: fn.memorySize,
        bundleBytes: entries.reduce((sum, e) => sum + e.data.length, 0),
        zipBytes: zip(entries).length,
        sdkImports: sdk,
        initMs: await initTimes(file, env, [], runs, projectRoot),
        ownInitMs: await initTimes(file, env, sdk, runs, projectRoot),
      });
    }
  }
  return figures;
}
