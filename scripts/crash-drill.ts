import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, runCli, UsageError } from './lib/cli';
import type { DrillFigures } from './lib/crash-drill/drill';
import { locateStack } from './lib/local/locate';

const HELP = `Usage: npm run crash-drill -- [--count N] [--kill-after K] [--concurrency C] [--data-dir D] [--out DIR]

The crash drill of durable executions: serves skip-the-line with --data-dir in a child process (npm run local --
skip-the-line --serve), POSTs N orders through the order API (C at once), SIGKILLs it once K were answered 202,
restarts on the same data folder, waits until every execution ended, and prints what the table, the invoice bucket
and the topic hold and how every accepted order ended. Exits 1 when an accepted order has no outcome.
127.0.0.1 only.

  --count N          orders to send (1-1000; default 500)
  --kill-after K     SIGKILL after K accepted orders (default: half of N)
  --concurrency C    requests in flight at once (default 20)
  --data-dir D       the data folder (default: a new temporary one, removed afterwards)
  --out DIR          a synth output folder (default: cdktf.out, synthesized when out of date)
  -h, --help         this text`;

function positive(name: string, text: string | undefined, fallback: number, max = 100_000): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} ${text} is not valid: give a whole number from 1 to ${max}.`);
  return n;
}

export function report(f: DrillFigures): string[] {
  return [
    `Orders sent ${f.sent}: accepted (202) ${f.accepted.length}, unanswered or refused ${f.unanswered}.`,
    `Load until the kill: ${f.loadSeconds.toFixed(1)} s; restart until every execution ended: ${f.recoverySeconds.toFixed(1)} s.`,
    ...f.recovery.slice(-1),
    `Executions: ${Object.entries(f.executions).map(([s, n]) => `${s} ${n}`).join(', ')}.`,
    `Orders stored (DynamoDB) ${f.ordersStored}, invoices (S3) ${f.invoices}, notices (SNS) ORDER_PLACED ${f.noticesPlaced}, ORDER_FAILED ${f.noticesFailed}; executions that sent a notice twice: ${f.repeatedNotices}.`,
    `Accepted orders without an outcome: ${f.withoutOutcome.length}; succeeded without their order, invoice or notice: ${f.incomplete.length}.`,
  ];
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    options: {
      count: { type: 'string' },
      'kill-after': { type: 'string' },
      concurrency: { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const count = positive('count', values.count, 500, 1000);
  const killAfter = positive('kill-after', values['kill-after'], Math.max(1, Math.floor(count / 2)), count);
  const concurrency = positive('concurrency', values.concurrency, 20, 200);
  const stackDir = await locateStack('skip-the-line', values.out);
  const temporary = values['data-dir'] === undefined;
  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crash-drill-'));
  try {
    // The runner loads only now, so that --help and a wrong command line answer at once.
    const { runCrashDrill } = await import('./lib/crash-drill/drill');
    const figures = await runCrashDrill({ outDir: path.dirname(path.dirname(stackDir)), dataDir, count, killAfter, concurrency, say: (l) => console.log(l) });
    for (const line of report(figures)) console.log(line);
    return figures.withoutOutcome.length === 0 && figures.incomplete.length === 0 ? 0 : 1;
  } finally {
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) runCli(main, { command: 'npm run crash-drill --', failureCode: 1, exitNow: true });
