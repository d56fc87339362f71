import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFolderOption, checkOutputFolderOption, parseCommandLine, runCli } from './lib/cli';
import { drawStacks } from './lib/diagram/render-stacks';
import { PROJECT_ROOT } from './lib/project';
import { readStackDocuments, synthesizeInto, type StackDocuments } from './lib/synth-run';

const HELP = `Usage: npm run diagrams -- [--out <dir>] [--from <cdktf.out>] [--check] [--help]

Draws every state machine of every stack from its synthesized definition:
  docs/diagrams/<stack-id>.svg   Graphviz picture (rendered with @viz-js/viz, no system graphviz):
                                 states shaped by type, Choice rules (a JSONata rule's Condition
                                 expression) and Catch errors on the edges (Catch dashed), what
                                 each state does with its data (JSONata: Output, Assign; JSONPath:
                                 ResultPath, OutputPath, Assign), Map and Parallel as boxes around
                                 their states, Start and End nodes
  docs/diagrams/<stack-id>.md    the same as Mermaid stateDiagram-v2, one block per state machine,
                                 for embedding in Markdown (GitHub renders it)

The working tree is synthesized into a temporary folder first (cdktf.out is not touched).
Output is deterministic: the same definitions give the same bytes.

Options:
  --out <dir>        where to write (default docs/diagrams)
  --from <dir>       draw an existing synth output (a folder with stacks/<id>/cdk.tf.json,
                     e.g. cdktf.out) instead of synthesizing
  --check            write nothing; exit 1 if a file is missing or differs (for CI)
  --help             show this text

Exit codes: 0 done (or up to date with --check); 1 --check found stale diagrams; 2 error.`;

interface Args {
  readonly out: string;
  readonly from?: string;
  readonly check: boolean;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const { values } = parseCommandLine(argv, {
    options: { out: { type: 'string' }, from: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.from !== undefined) checkFolderOption('--from', values.from);
  if (values.out !== undefined) checkOutputFolderOption('--out', values.out);
  return {
    out: values.out !== undefined ? path.resolve(values.out) : path.join(PROJECT_ROOT, 'docs', 'diagrams'),
    ...(values.from !== undefined && { from: path.resolve(values.from) }),
    check: values.check ?? false,
    help: values.help ?? false,
  };
}

async function stacksToDraw(from: string | undefined): Promise<StackDocuments> {
  if (from !== undefined) return readStackDocuments(from);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-diagrams-'));
  try {
    console.error('Synthesizing the working tree ...');
    return await synthesizeInto(PROJECT_ROOT, tmp, 'the working tree');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const drawn = await drawStacks(await stacksToDraw(args.from));
  if (drawn.length === 0) throw new Error('No stack has a state machine, so there is nothing to draw; check main.ts and synthesize (npm run synth).');
  const shown = (file: string) => path.relative(process.cwd(), path.join(args.out, file)) || file;
  let stale = 0;
  if (!args.check) fs.mkdirSync(args.out, { recursive: true });
  for (const stack of drawn) {
    for (const [name, content] of Object.entries(stack.files)) {
      const file = path.join(args.out, name);
      const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content;
      if (!same && args.check) stale++;
      else if (!same) fs.writeFileSync(file, content);
      const state = same ? 'up to date' : args.check ? 'STALE' : 'written';
      console.log(`  ${shown(name).padEnd(36)} ${state.padEnd(11)} ${stack.machines.join(', ')}`);
    }
  }
  if (stale > 0) {
    console.error(`${stale} diagram file(s) are missing or out of date; run npm run diagrams and commit the result.`);
    return 1;
  }
  return 0;
}

if (require.main === module) runCli(main, { command: 'npm run diagrams --', exitNow: true });
