import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { launched } from '../../../scripts/lib/project';
import { PROJECT_ROOT } from '../../support/cli';
import { synthApp } from '../../support/synth';
import { freePort } from '../../../scripts/lib/free-port';

// `npm run local -- --serve` without a stack id: all four stacks behind one endpoint, the order API there and on its own port.


const servers: ChildProcess[] = [];
afterAll(() => {
  for (const c of servers) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** MALLOC_ARENA_MAX as process `pid` was started with (Linux's /proc), or a note that it cannot be read here. */
function mallocArenasOf(pid: number): string | undefined {
  const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  return environ.find((entry) => entry.startsWith('MALLOC_ARENA_MAX='))?.slice('MALLOC_ARENA_MAX='.length);
}
const onLinux = process.platform === 'linux';
if (!onLinux) console.warn(`serve-cli.test.ts: the malloc arenas of --serve are set on Linux only; not checked on ${process.platform}.`);

test('prints the endpoint, every ARN and name it serves and the environment to export; the printed environment reaches all stacks', async () => {
  // GIVEN
  const synth = synthApp();
  const [edgePort, apiPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [...launched('scripts/local.ts'), '--serve', '--out', synth.outdir, '--edge-port', String(edgePort), '--port', String(apiPort)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...synth.env, CHECKPOINT_DISABLE: '1' },
  });
  servers.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 600 && !stdout.includes('Press Ctrl+C') && child.exitCode === null; i++) await sleep(100);
  if (!stdout.includes('Press Ctrl+C')) throw new Error(`no banner (exit code ${child.exitCode}); stdout:\n${stdout}\nstderr:\n${stderr}`);

  // THEN it is the process that was started, now with two malloc arenas (scripts/lib/local/malloc-arenas.ts)
  if (onLinux) expect(mallocArenasOf(child.pid!)).toBe('2');

  // THEN the banner
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  expect(stdout).toContain(`▶ One AWS endpoint for parallel-map, sfn-dynamodb, skip-the-line, task-status on ${edgeUrl}`);
  for (const name of ['StateMachinetoDDB', 'task-status', 'step_function_orchestration', 'TestStateMachine']) {
    expect(stdout).toContain(`    arn:aws:states:us-east-1:000000000000:stateMachine:${name}\n`);
  }
  for (const line of ['sfn-dynamodb-items', 'stepfunctionorchestration-local', 'arn:aws:sns:us-east-1:000000000000:step_function_orchestration_topic', 'task-status-start-task']) {
    expect(stdout).toContain(`    ${line}\n`);
  }
  const exported = Object.fromEntries([...stdout.matchAll(/^ {4}export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  expect(exported).toStrictEqual({ AWS_ENDPOINT_URL: edgeUrl, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
  // the order API keeps its own port, and is on the edge by both of LocalStack's URL forms
  expect(stdout).toContain(`on http://127.0.0.1:${apiPort}/`);
  expect(stdout).toContain(`    ${edgeUrl}/restapis/local/prod/_user_request_/<path>\n    http://local.execute-api.localhost:${edgePort}/prod/<path>\n`);
  expect(stdout).toContain('  Each function runs up to 3 invocations at once (one execution environment each, a worker thread; more wait for a free one); idle environments stop after 2 s, a function\'s last after 10 minutes.\n');
  expect(stdout).toContain('Every request must be signed (SigV4) with these credentials (test/test and local/local are accepted too)');

  // WHEN a client uses only what was printed
  const sfn = new SFNClient({ endpoint: exported.AWS_ENDPOINT_URL, region: exported.AWS_REGION, credentials: { accessKeyId: exported.AWS_ACCESS_KEY_ID, secretAccessKey: exported.AWS_SECRET_ACCESS_KEY }, maxAttempts: 1 });
  const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:StateMachinetoDDB', input: '{"id":"cli"}' }));
  let status = 'RUNNING';
  for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
    status = (await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }))).status!;
    if (status === 'RUNNING') await sleep(50);
  }
  sfn.destroy();
  expect(status).toBe('SUCCEEDED');

  // Ctrl+C stops it cleanly
  child.kill('SIGINT');
  expect(await Promise.race([exited, sleep(30_000, 'still running', { ref: false })])).toBe(0);
  expect(stdout).toContain('■ Stopped: ');
});

test('a MALLOC_ARENA_MAX of the user is kept', async () => {
  if (!onLinux) return;
  const synth = synthApp();
  const [edgePort, apiPort] = [await freePort(), await freePort()];
  const served = spawn(process.execPath, [...launched('scripts/local.ts'), 'skip-the-line', '--serve', '--out', synth.outdir, '--edge-port', String(edgePort), '--port', String(apiPort)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...synth.env, CHECKPOINT_DISABLE: '1', MALLOC_ARENA_MAX: '4' },
  });
  servers.push(served);
  let stdout = '';
  served.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => served.on('close', resolve));
  for (let i = 0; i < 600 && !stdout.includes('Press Ctrl+C') && served.exitCode === null; i++) await sleep(100);
  expect(stdout).toContain('Press Ctrl+C');
  expect(mallocArenasOf(served.pid!)).toBe('4');
  served.kill('SIGINT');
  expect(await Promise.race([exited, sleep(30_000, 'still running', { ref: false })])).toBe(0);
});
