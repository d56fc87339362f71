/** The bench's synth against the AWS CDK anchor: the anchor compiles and synthesizes, and memory is taken over the whole process tree. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ANCHOR_BUILD, CDK_OFFLINE_ENV, prepareAnchor } from '../../scripts/lib/bench/cdk-anchor';
import { canSampleTree, processTree, residentKb } from '../../scripts/lib/bench/process-tree';
import { runTimed } from '../../scripts/lib/bench/processes';
import { PROJECT_ROOT } from '../support/cli';

// The sampler reads Linux's /proc; elsewhere the bench reports no memory figure, and these tests say they were skipped.
if (!canSampleTree()) console.warn('bench-anchor.test.ts: no /proc/<pid>/task/<tid>/children on this machine: the process tree memory tests are skipped.');
const linuxOnly = canSampleTree() ? test : test.skip;

describe('process tree memory', () => {
  linuxOnly('finds a child and a grandchild, and adds up their resident memory', async () => {
    // GIVEN: a node process whose child starts a grandchild, all three waiting
    const script = "const { spawn } = require('child_process'); spawn(process.execPath, ['-e', 'setTimeout(() => {}, 3000)'], { stdio: 'inherit' }); console.log('up'); setTimeout(() => {}, 3000);";
    const parent = spawn(process.execPath, ['-e', `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(script)}], { stdio: 'inherit' }); setTimeout(() => {}, 3000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => parent.stdout.once('data', resolve));
    try {
      // WHEN
      const tree = processTree(parent.pid as number);
      // THEN: three processes; together more than the parent alone
      expect(tree).toHaveLength(3);
      expect(tree[0]).toBe(parent.pid);
      expect(residentKb(tree)).toBeGreaterThan(residentKb([parent.pid as number]) * 2);
    } finally {
      for (const pid of processTree(parent.pid as number).reverse()) process.kill(pid);
    }
  });

  linuxOnly('runTimed with treeMemory reports the peak of the tree, not the largest process', async () => {
    const alone = await runTimed(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { cwd: PROJECT_ROOT, timeoutMs: 30_000, treeMemory: true });
    const withChild = await runTimed(process.execPath, ['-e', "require('child_process').spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 300)'])"], { cwd: PROJECT_ROOT, timeoutMs: 30_000, treeMemory: true });
    expect(alone.peakTreeRssKb).toBeGreaterThan(10_000);
    expect(withChild.peakTreeRssKb).toBeGreaterThan((alone.peakTreeRssKb ?? 0) * 1.5);
  });
});

describe('the AWS CDK anchor', () => {
  test('compiles to .build/cdk-anchor/ and synthesizes offline: a table, a function from its asset folder, a state machine with a Map', async () => {
    const dir = prepareAnchor(PROJECT_ROOT);
    expect(dir).toBe(path.join(PROJECT_ROOT, ANCHOR_BUILD));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-anchor-'));
    try {
      const run = await runTimed(process.execPath, ['app.js'], { cwd: dir, env: { ...CDK_OFFLINE_ENV, CDK_OUTDIR: out }, timeoutMs: 60_000 });
      expect(run).toMatchObject({ code: 0 });
      const template = JSON.parse(fs.readFileSync(path.join(out, 'StpfncStack.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
      const types = Object.values(template.Resources).map((r) => r.Type);
      expect(types).toEqual(expect.arrayContaining(['AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine']));
      const machine = Object.values(template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
      expect(JSON.stringify(machine?.Properties.DefinitionString)).toMatch(/\\"Type\\":\\"Map\\"/);
      expect(fs.readdirSync(out).some((f) => f.startsWith('asset.'))).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
