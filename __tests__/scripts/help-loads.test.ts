/**
 * `--help` answers at once: a command loads what it runs (the local runner, the bench's parts, TypeScript's parser)
 * only after its command line is checked. Seen from real `node run.cjs scripts/<command>.ts --help` processes, with
 * the preload that lists the packages in require's cache at exit (support/loaded.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packagesLoadedBy } from '../support/loaded';

/** What the local runner, cdktf's synth and cdktn:check's import rewrite load; none is needed to print a usage text. */
const HEAVY = ['@aws-sdk/client-dynamodb', 'dynalite', '@cloud-copilot/iam-simulate', 'cdktf', 'typescript'];
const COMMANDS = ['start', 'synth', 'plan', 'diff', 'diagrams', 'bench', 'crash-drill', 'cdktn-check', 'local', 'iam-mutation', 'load-ddb'];

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-help-loads-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function helpOf(command: string): ReturnType<typeof packagesLoadedBy> {
  return packagesLoadedBy(`scripts/${command}.ts`, ['--help'], process.env, path.join(scratch, `${command}.json`));
}

test.each(COMMANDS)('%s --help prints its usage and loads none of what the command runs', async (command) => {
  // A run that builds the bundle loads the packages the last bundle imported while esbuild works: built first.
  await helpOf(command);
  const help = await helpOf(command);
  expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: /) });
  expect(help.loaded.filter((name) => HEAVY.includes(name))).toStrictEqual([]);
}, 120_000);
