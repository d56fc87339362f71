import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareApps, type SynthesizedApp } from '../../scripts/lib/diff/compare';
import { git, resolveBase, withWorkingCopy, withWorktree } from '../../scripts/lib/diff/git';
import { diffJson } from '../../scripts/lib/diff/json-diff';
import { renderMarkdown } from '../../scripts/lib/diff/render-markdown';
import { renderText } from '../../scripts/lib/diff/render-text';
import { launched } from '../../scripts/lib/project';
import { PROJECT_ROOT } from '../../stacks/config';
import { synthApp } from '../support/synth';

// GIVEN one synthesized app; every fixture pair is this app and an edited copy of it.
const texts = Object.fromEntries(Object.entries(synthApp().stacks).map(([id, stack]) => [id, stack.text]));
const fresh = (): Record<string, any> => Object.fromEntries(Object.entries(texts).map(([id, text]) => [id, JSON.parse(text)]));
const labels = { before: 'main', after: 'working tree' };

/** The one state machine of a stack, its definition parsed, and a way to write it back. */
function machineOf(app: Record<string, any>, stackId: string) {
  const machines = app[stackId].resource.aws_sfn_state_machine;
  const key = Object.keys(machines)[0];
  const definition = JSON.parse(machines[key].definition);
  return { address: `aws_sfn_state_machine.${key}`, definition, save: () => (machines[key].definition = JSON.stringify(definition)) };
}

function blockOf(app: SynthesizedApp, after: SynthesizedApp, stackId: string, address: string) {
  const stack = compareApps(app, after).stacks.find((s) => s.id === stackId);
  return stack?.blocks.find((b) => b.address === address);
}

describe('compareApps (pure, on synthesized stacks)', () => {
  test('byte-identical input gives "no changes"', () => {
    const diff = compareApps(fresh(), fresh());
    expect(diff.changed).toBe(false);
    expect(diff.stacks.map((s) => s.kind)).toStrictEqual(Object.keys(texts).sort().map(() => 'unchanged'));
    expect(renderText(diff, labels)).toContain(`No changes in ${Object.keys(texts).length} stack(s).`);
    expect(renderMarkdown(diff, labels)).toContain('No changes');
  });

  test('an added state is reported with its transitions, and the state before it with its new Next', () => {
    // WHEN a Pass state goes between SendToDDB and ReadFromDDb
    const before = fresh();
    const after = fresh();
    const machine = machineOf(after, 'sfn-dynamodb');
    machine.definition.States.SendToDDB.Next = 'Audit';
    machine.definition.States.Audit = { Type: 'Pass', Next: 'ReadFromDDb' };
    machine.save();

    // THEN the state machine diff says exactly that
    const block = blockOf(before, after, 'sfn-dynamodb', machine.address);
    expect(block?.kind).toBe('changed');
    expect(block?.changes).toStrictEqual([]);
    expect(block?.stateMachine?.diff).toStrictEqual({
      machine: [],
      states: [
        { path: 'SendToDDB', kind: 'changed', summary: 'Task · dynamodb:putItem', transitions: [{ kind: 'changed', on: 'Next', before: 'ReadFromDDb', after: 'Audit' }], fields: [] },
        { path: 'Audit', kind: 'added', summary: 'Pass', transitions: [{ kind: 'added', on: 'Next', after: 'ReadFromDDb' }], fields: [] },
      ],
    });
    expect(renderText(compareApps(before, after), labels)).toMatch(/\+ state Audit {2}\(Pass\)\n {10}Next → ReadFromDDb/);
  });

  test('a changed parameter of a state nested in a Map is reported at its path', () => {
    const before = fresh();
    const after = fresh();
    const machine = machineOf(after, 'parallel-map');
    const invoke = machine.definition.States.MapState.ItemProcessor.States.LambdaInvoke;
    invoke.Parameters['Payload.$'] = '$.item';
    machine.save();

    const states = blockOf(before, after, 'parallel-map', machine.address)?.stateMachine?.diff.states;
    expect(states).toStrictEqual([
      {
        path: 'MapState › LambdaInvoke',
        kind: 'changed',
        summary: 'Task · lambda:invoke',
        transitions: [],
        fields: [{ path: 'Parameters["Payload.$"]', kind: 'changed', before: '$', after: '$.item' }],
      },
    ]);
    const markdown = renderMarkdown(compareApps(before, after), labels);
    expect(markdown).toContain('| ✏️ | `MapState › LambdaInvoke` | Task · lambda:invoke<br>`Parameters["Payload.$"]`: `"$"` → `"$.item"` |');
  });

  test('a removed resource is counted and listed; its stack is "changed"', () => {
    const before = fresh();
    const after = fresh();
    const logGroups = after['sfn-dynamodb'].resource.aws_cloudwatch_log_group;
    const name = Object.keys(logGroups)[0];
    delete logGroups[name];

    const stack = compareApps(before, after).stacks.find((s) => s.id === 'sfn-dynamodb');
    expect(stack?.kind).toBe('changed');
    expect(stack?.counts).toStrictEqual({ added: 0, removed: 1, changed: 0 });
    expect(stack?.blocks.map((b) => [b.kind, b.address])).toStrictEqual([['removed', `aws_cloudwatch_log_group.${name}`]]);
    expect(renderText(compareApps(before, after), labels)).toContain(`  - aws_cloudwatch_log_group.${name}`);
  });

  test('a policy held in a JSON string is compared as JSON: key order is no change, an added action is one line', () => {
    const before = fresh();
    const reordered = fresh();
    const policies = reordered['sfn-dynamodb'].resource.aws_iam_role_policy;
    const key = Object.keys(policies)[0];
    const policy = JSON.parse(policies[key].policy);
    policies[key].policy = JSON.stringify({ Statement: policy.Statement, Version: policy.Version });
    expect(compareApps(before, reordered).changed).toBe(false);

    policy.Statement[0].Action.push('dynamodb:DeleteItem');
    policies[key].policy = JSON.stringify(policy);
    expect(blockOf(before, reordered, 'sfn-dynamodb', `aws_iam_role_policy.${key}`)?.changes).toStrictEqual([
      { path: `policy.Statement[0].Action[${policy.Statement[0].Action.length - 1}]`, kind: 'added', after: 'dynamodb:DeleteItem' },
    ]);
  });

  test('a stack that appears is "added" with every block; one that goes is "removed"', () => {
    const before = fresh();
    const after = fresh();
    delete before['task-status'];
    delete after['sfn-dynamodb'];
    const diff = compareApps(before, after);
    const kinds = Object.fromEntries(diff.stacks.map((s) => [s.id, s.kind]));
    expect(kinds['task-status']).toBe('added');
    expect(kinds['sfn-dynamodb']).toBe('removed');
    const added = diff.stacks.find((s) => s.id === 'task-status');
    expect(added?.blocks.every((b) => b.kind === 'added')).toBe(true);
    expect(renderMarkdown(diff, labels)).toContain('| `task-status` (new) |');
  });
});

describe('diffJson', () => {
  test('aligns arrays, so one inserted element is one change', () => {
    expect(diffJson(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toStrictEqual([{ path: '[1]', kind: 'added', after: 'x' }]);
  });

  test('names keys that are not plain identifiers in brackets', () => {
    expect(diffJson({ 'S.$': '$.a' }, { 'S.$': '$.b' })).toStrictEqual([{ path: '["S.$"]', kind: 'changed', before: '$.a', after: '$.b' }]);
  });
});

describe('git worktree handling', () => {
  // GIVEN a throw-away repository with a main branch and a feature branch
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-gitrepo-'));
  const run = (...args: string[]) => git(repo, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
  fs.mkdirSync(path.join(repo, 'node_modules'));
  run('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(repo, 'a.txt'), 'one');
  run('add', 'a.txt');
  run('commit', '--quiet', '-m', 'one');
  const mainSha = run('rev-parse', 'HEAD');
  run('checkout', '--quiet', '-b', 'feature');
  fs.writeFileSync(path.join(repo, 'a.txt'), 'two');
  run('commit', '--quiet', '-am', 'two');
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('the default base is the merge base with main; a named ref is taken as is; a bad ref is a sentence', () => {
    expect(resolveBase(repo).sha).toBe(mainSha);
    expect(resolveBase(repo).label).toContain('merge base with main');
    expect(resolveBase(repo, 'HEAD').sha).toBe(run('rev-parse', 'HEAD'));
    expect(() => resolveBase(repo, 'no-such-branch')).toThrow(/'no-such-branch' is not a commit in this repository\. Name a branch/);
  });

  test('the worktree holds the ref, shares node_modules, and is removed even when the work fails', async () => {
    let seen = '';
    await expect(
      withWorktree(repo, mainSha, async (dir) => {
        seen = dir;
        expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('one');
        expect(fs.realpathSync(path.join(dir, 'node_modules'))).toBe(fs.realpathSync(path.join(repo, 'node_modules')));
        throw new Error('synth failed');
      }),
    ).rejects.toThrow('synth failed');
    expect(fs.existsSync(seen)).toBe(false);
    expect(run('worktree', 'list').split('\n')).toHaveLength(1);
  });

  test('the working copy has uncommitted and untracked files, not ignored ones, and is removed afterwards', async () => {
    // GIVEN an uncommitted edit, an untracked file and an ignored one
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\nignored.txt\n');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'three');
    fs.writeFileSync(path.join(repo, 'new.txt'), 'new');
    fs.writeFileSync(path.join(repo, 'ignored.txt'), 'x');
    let seen = '';
    const files = await withWorkingCopy(repo, async (dir) => {
      seen = dir;
      expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('three');
      return fs.readdirSync(dir).sort();
    });
    expect(files).toStrictEqual(['.gitignore', 'a.txt', 'new.txt', 'node_modules']);
    expect(fs.existsSync(seen)).toBe(false);
  });
});

describe('npm run diff:synth (the command)', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [...launched('scripts/diff.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const inGit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT }).status === 0;

  test('--help documents the exit codes; a bad option or ref exits 2 with a sentence', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 no changes; 1 changes .*; 2 error/s);
    expect(cli('--colour').status).toBe(2);
    if (!inGit) return;
    const bad = cli('no-such-ref-anywhere');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("'no-such-ref-anywhere' is not a commit in this repository.");
  });

  (inGit ? test : test.skip)('compares HEAD with the working tree and leaves no worktree behind', () => {
    const result = cli('HEAD');
    if (result.status === 2) throw new Error(`npm run diff:synth -- HEAD failed:\n${result.stderr}`);
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toMatch(/^Comparing HEAD \([0-9a-f]{7}\) → working tree\n/);
    expect(git(PROJECT_ROOT, ['worktree', 'list'])).not.toContain('sfn-diff-');
  });
});
