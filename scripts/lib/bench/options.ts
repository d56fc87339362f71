import * as path from 'node:path';
import { checkOutputFileOption, parseCommandLine, UsageError } from '../cli';
import { PROJECT_ROOT } from '../project';

// `npm run bench`'s command line, apart from the measuring (run.ts): checking it loads none of what is measured, so
// --help and a wrong option answer at once.

export interface BenchOptions {
  readonly quick: boolean;
  readonly out: string;
  /** Only this part. @default every part */
  readonly only?: 'serve' | 'serve-memory' | 'iam' | 'engine-ratio';
  readonly cpuProf: boolean;
  readonly orders?: number;
  /** serve-memory's runs: with --data-dir or not. */
  readonly memoryDataDir: readonly boolean[];
}

/** The parts that run alone with --only. */
const ALONE = ['serve', 'serve-memory', 'iam', 'engine-ratio'] as const;

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseCommandLine(argv, {
    options: {
      quick: { type: 'boolean' },
      out: { type: 'string' },
      only: { type: 'string' },
      orders: { type: 'string' },
      'memory-data-dir': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const only = values.only;
  if (only !== undefined && !ALONE.some((part) => part === only)) {
    throw new UsageError(`--only ${only} is not a part that runs alone; those that do are: ${ALONE.join(', ')}. Leave out --only to run every part.`);
  }
  const orders = values.orders;
  if (orders !== undefined && !(/^\d+$/.test(orders) && Number(orders) >= 10)) throw new UsageError(`--orders ${orders} is not a whole number of at least 10.`);
  // Checked now, not after minutes of measuring.
  if (values.out !== undefined) checkOutputFileOption('--out', values.out);
  return {
    quick: values.quick ?? false,
    out: values.out !== undefined ? path.resolve(values.out) : path.join(PROJECT_ROOT, 'docs', 'BENCHMARKS.md'),
    ...(only !== undefined && { only: only as BenchOptions['only'] }),
    cpuProf: values['cpu-prof'] ?? false,
    ...(orders !== undefined && { orders: Number(orders) }),
    memoryDataDir: dataDirRuns(values['memory-data-dir']),
  };
}

/** `--memory-data-dir both|without|with` → the runs (with --data-dir or not), in order; a usage error names the choices. */
export function dataDirRuns(value: string | undefined): readonly boolean[] {
  const runs: Record<string, readonly boolean[]> = { both: [false, true], without: [false], with: [true] };
  const chosen = runs[value ?? 'both'];
  if (!chosen) throw new UsageError(`--memory-data-dir ${value} is not one of both, without, with.`);
  return chosen;
}
