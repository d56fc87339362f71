import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript, stackFrames, type CliResult } from '../support/cli';
import { synthApp } from '../support/synth';

// Every command of the project answers a bad command line with a sentence and exit code 2: no stack trace, no
// crash, nothing run. Each case is a child process, as a user would start it.

const { outdir, env } = synthApp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-errors-'));
const file = path.join(tmp, 'a-file.json');
const folder = path.join(tmp, 'a-folder');
const missing = path.join(tmp, 'missing.json');
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  fs.writeFileSync(file, '{}');
  fs.mkdirSync(folder);
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Case = [script: string, args: () => string[], expected: RegExp];
const out = ['--out', outdir];

const CASES: Case[] = [
  ['local', () => ['sfn-dynamodb', ...out, '--bogus'], /^Unknown option '--bogus'\.\nRun `npm run local -- --help` for the options\.$/],
  ['local', () => ['sfn-dynamodb', ...out, '--input'], /^--input needs a value\./],
  ['local', () => ['sfn-dynamodb', ...out, '--json=yes'], /^--json takes no value\./],
  ['local', () => ['sfn-dynamodb', ...out, '--help=yes'], /^--help takes no value\./],
  ['local', () => ['sfn-dynamodb', ...out, '--input', '{"id": '], /^--input is not valid JSON \(.*\)\. Quote it for the shell/],
  ['local', () => ['sfn-dynamodb', ...out, '--input', '{}', '--input', '{}'], /^--input is given twice; give it once\./],
  ['local', () => ['sfn-dynamodb', ...out, '--input-file', missing], /^--input-file .*missing\.json does not exist\./],
  ['local', () => ['sfn-dynamodb', ...out, '--input-file', folder], /^--input-file .*a-folder is a folder; give a file\./],
  ['local', () => ['sfn-dynamodb', ...out, '--fault', 'nonsense'], /^--fault 'nonsense': expected <StateName>=<ErrorName>\[:times\]/],
  ['local', () => ['sfn-dynamodb', ...out, '--fault', 'NoSuchState=Boom'], /^Fault on 'NoSuchState': state machine 'StateMachinetoDDB' has no Task state of that name/],
  ['local', () => ['sfn-dynamodb', ...out, '--data-dir', file], /^The data folder .*a-file\.json is a file, not a folder\. Point --data-dir at a folder/],
  ['local', () => ['sfn-dynamodb', ...out, '--data-dir', path.join(file, 'sub')], /^The data folder .*a-file\.json\/sub lies under a file, not a folder\./],
  ['local', () => ['sfn-dynamodb', ...out, '--data-dir', ''], /^--data-dir needs a value, not an empty string\./],
  ['local', () => ['skip-the-line', ...out, '--serve', '--port', 'abc'], /^--port abc is not a port number \(1-65535\)\./],
  ['local', () => ['skip-the-line', ...out, '--serve', '--port', '99999'], /^--port 99999 is not a port number \(1-65535\)\./],
  ['local', () => ['skip-the-line', ...out, '--serve', '--port', String(busyPort)], /^Port \d+ on 127\.0\.0\.1 is in use by another program; pick another with --port/],
  ['local', () => ['sfn-dynamodb', '--out', missing], /^--out .*missing\.json does not exist\./],
  ['local', () => ['sfn-dynamodb', '--out', file], /^--out .*a-file\.json is a file; give a folder\./],
  ['local', () => ['sfn-dynamodb', '--out', folder], /a-folder cannot be run: it holds no synthesized stack\. Synthesize it again with `CDKTF_OUTDIR=/],
  ['local', () => ['no-such-stack', ...out], /^Unknown stack 'no-such-stack'\. The stacks synthesized in .*: parallel-map, sfn-dynamodb, skip-the-line, task-status\./],
  ['local', () => ['parallel-map', ...out, '--load', missing], /^--load .*missing\.json does not exist\./],
  ['start', () => ['--bogus'], /^Unknown option '--bogus'\.\nRun `npm start -- --help`/],
  ['start', () => ['sfn-dynamodb'], /^Unexpected argument 'sfn-dynamodb': this command takes only options\./],
  ['synth', () => ['--out', 'x'], /^Unknown option '--out'\.\nRun `npm run synth -- --help`/],
  ['plan', () => ['--concurrency', 'abc'], /^--concurrency needs a whole number of at least 1, got 'abc'\./],
  ['plan', () => ['--timeout'], /^--timeout needs a value\./],
  ['plan', () => ['no-such-stack'], /^Unknown stack id\(s\): no-such-stack\. The stacks are task-status, sfn-dynamodb, skip-the-line, parallel-map\./],
  ['diff', () => ['--colour'], /^Unknown option '--colour'\.\nRun `npm run diff:synth -- --help`/],
  ['diff', () => ['a', 'b'], /^Give at most one git ref to compare against, not 2 \(a, b\)\./],
  ['diagrams', () => ['--from', missing], /^--from .*missing\.json does not exist\./],
  ['diagrams', () => ['--from', folder], /a-folder\/stacks does not exist: synthesize first/],
  ['diagrams', () => ['--out', file, '--check'], /^--out .*a-file\.json is a file; give a folder\./],
  ['diagrams', () => ['--out', '--check'], /^--out needs a value, but an option follows it/],
  ['bench', () => ['--out', folder], /^--out .*a-folder is a folder; give a file name\./],
  ['bench', () => ['--out', path.join(file, 'report.md')], /^--out .*report\.md: .*a-file\.json is a file, so nothing can be written under it\./],
  ['bench', () => ['--quick=yes'], /^--quick takes no value\./],
  ['bench', () => ['--only', 'engine'], /^--only engine is not a part that runs alone; those that do are: serve, serve-memory, iam, engine-ratio\. Leave out --only to run every part\./],
  ['load-ddb', () => ['--json', file, '--tabel', 'x'], /^Unknown option '--tabel'\.\nRun `npm run load-ddb -- --help` for the options\.$/],
  ['load-ddb', () => ['--json'], /^--json needs a value\./],
  ['load-ddb', () => ['--json', file, '--profile', ' '], /^--profile needs a value, not only spaces\./],
  ['load-ddb', () => ['--json', file, '--json', file], /^--json is given twice; give it once\./],
  ['load-ddb', () => ['--json', file, '--region', 'mars-east-1'], /^--region 'mars-east-1' is not an AWS Region/],
  ['order-client', () => ['--bogus'], /^Unknown option '--bogus'\.\nRun `npm run orders -- --help` for the options\.$/],
  ['order-client', () => ['--url'], /^--url needs a value\./],
  ['order-client', () => ['--url', 'http://127.0.0.1:4010/prod', '--collect=yes'], /^--collect takes no value\./],
  ['order-client', () => ['--dry-run', '--count', '5', '--count', '6'], /^--count is given twice; give it once\./],
  ['order-client', () => ['--dry-run', 'orders'], /^Unexpected argument 'orders': this command takes only options\./],
];

// scripts/<file>.ts is what `npm run <command>` runs.
describe.each([
  ['local', 'local'],
  ['start', 'start'],
  ['synth', 'synth'],
  ['plan:offline', 'plan'],
  ['diff:synth', 'diff'],
  ['diagrams', 'diagrams'],
  ['bench', 'bench'],
  ['load-ddb', 'load-ddb'],
  ['orders', 'order-client'],
])('npm run %s', (_command, script) => {
  const cases = CASES.filter(([s]) => s === script);

  test(`${cases.length} bad command lines: each a sentence, exit code 2, no stack trace, nothing on stdout`, async () => {
    // WHEN: three at a time
    const results: CliResult[] = [];
    for (let i = 0; i < cases.length; i += 3) {
      results.push(...(await Promise.all(cases.slice(i, i + 3).map(([, args]) => runScript(`scripts/${script}.ts`, args(), { env })))));
    }
    // THEN
    const seen = results.map((r, i) => ({ args: cases[i][1]().join(' '), code: r.code, stderr: r.stderr.trim(), frames: stackFrames(r.stderr), stdout: r.stdout }));
    const expected = cases.map(([, args, pattern]) => ({ args: args().join(' '), code: 2, stderr: expect.stringMatching(pattern), frames: [], stdout: '' }));
    expect(seen).toStrictEqual(expected);
  });
});
