/**
 * The offline plan's AWS stub (scripts/lib/aws-plan-stub.ts) in a process of its own. cdktf's
 * `toBeValidTerraform()` and `toPlanSuccessfully()` run terraform with execSync, which blocks the test's event
 * loop: a stub inside the test process could not answer terraform's calls, and the plan would wait forever.
 *
 * Run with `node run.cjs __tests__/support/aws-plan-stub-process.ts <caller>`. Prints one JSON line, the environment that sends
 * the caller's plan-time AWS calls here; then answers each line `calls` on stdin with one JSON line, the calls
 * made so far. Stops when stdin closes.
 */
import * as readline from 'node:readline';
import { startAwsPlanStub } from '../../scripts/lib/aws-plan-stub';

async function main(): Promise<void> {
  const caller = process.argv[2] ?? 'matchers';
  const stub = await startAwsPlanStub();
  process.stdout.write(`${JSON.stringify(stub.environment(caller))}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'calls') process.stdout.write(`${JSON.stringify(stub.callsOf(caller))}\n`);
  });
  lines.once('close', () => void stub.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(`The AWS plan stub could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
