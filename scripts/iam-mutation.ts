import * as path from 'node:path';
import { STACK_IDS } from '../contracts/stack-ids';
import { checkFolderOption, parseCommandLine, runCli, UsageError } from './lib/cli';
import { defaultOutDir } from './lib/project';

// `npm run iam:mutation -- [<stack-id>…]`: least privilege proven by mutation (issue 16). See --help.

export const MUTATION_USAGE = `Usage: npm run iam:mutation -- [<stack-id>…] [--out <dir>]

For each role a stack's state machines, functions and API integrations assume, removes each statement of its
identity policies, then each action of a statement of several, one at a time, in a copy of the synthesized JSON,
and runs the stack's sample (as \`npm run local -- <id>\` does) and its path runs (a failure branch the sample does
not take, e.g. skip-the-line's withdrawal of an order whose invoice failed, reached with --fault) and its API runs
(requests to its REST API served on the same stack: skip-the-line's POST, GET and DELETE /order and GET /invoice),
with --iam warn. A denial naming the removed action at the call that needed it, in any run, proves it necessary;
a mutation that changes nothing is an over-grant. Statements of logs:/xray: actions only are needed by AWS's log delivery and
tracing, which do not run locally: they are listed as such. A role none of whose sessions made a call in the runs
is listed as not reached by them.

Options:
  --out <dir>   The synth output folder (default cdktf.out, which must be synthesized: npm run synth).
  --help        Show this help.

Exit codes: 0 no over-grant, 1 over-grants found (or a mutation was refused), 2 a usage or setup problem.
Stacks (default all): ${STACK_IDS.join(', ')}.`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string' } } });
  if (values.help) {
    console.log(MUTATION_USAGE);
    return 0;
  }
  for (const id of positionals) if (!(STACK_IDS as readonly string[]).includes(id)) throw new UsageError(`${id} is not a stack id; give one of ${STACK_IDS.join(', ')}.`);
  const outDir = values.out ?? defaultOutDir();
  checkFolderOption('--out', outDir);
  const { mutateStack } = await import('./lib/iam-mutation/run');
  const { formatMutationTable } = await import('./lib/iam-mutation/table');
  let clean = true;
  for (const id of positionals.length > 0 ? positionals : STACK_IDS) {
    const report = await mutateStack(path.join(outDir, 'stacks', id));
    for (const line of formatMutationTable(report)) console.log(line);
    if (report.outcomes.some((o) => o.kind === 'over-grant' || o.kind === 'refused')) clean = false;
  }
  return clean ? 0 : 1;
}

if (require.main === module) runCli(main, { command: 'npm run iam:mutation --', exitNow: true });
