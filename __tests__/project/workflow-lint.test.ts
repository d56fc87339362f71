import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../stacks/config';

const VALIDATOR = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'action-validator');
const WORKFLOWS = path.join(PROJECT_ROOT, '.github', 'workflows');

/** Runs @action-validator/cli (the GitHub Actions workflow schema) on one file. */
function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(VALIDATOR, [file], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (name: string) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');

describe('GitHub Actions workflows', () => {
  test('there are the plan and deploy workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['terraform-plan.yml', 'deploy.yml']));
  });

  test.each(files.map((f) => [f]))('%s passes action-validator', (file) => {
    expect(validate(path.join(WORKFLOWS, file))).toStrictEqual({ status: 0, output: '' });
  });

  test('the validator does reject a broken workflow (so a pass means something)', () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-workflow-')), 'broken.yml');
    fs.writeFileSync(broken, read('deploy.yml').replace('runs-on:', 'runs_on:'));
    expect(validate(broken).status).toBe(1);
    fs.rmSync(path.dirname(broken), { recursive: true, force: true });
  });

  test.each(files.map((f) => [f]))('%s: every action is pinned to a full commit SHA, its release tag in a comment', (file) => {
    const uses = read(file)
      .split('\n')
      .filter((line) => /^\s*(- )?uses:/.test(line))
      .map((line) => line.replace(/^\s*(- )?uses:\s*/, ''));
    expect(uses.length).toBeGreaterThan(0);
    const unpinned = uses.filter((ref) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(ref));
    expect(unpinned).toStrictEqual([]);
  });

  test('one action, one pin: the same commit and tag in every workflow', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of files) {
      for (const [, action, pin] of read(file).matchAll(/uses: ([^@\s]+)@(\S+ # \S+)/g)) pins.set(action, (pins.get(action) ?? new Set()).add(pin));
    }
    expect([...pins].filter(([, set]) => set.size > 1)).toStrictEqual([]);
    expect([...pins.keys()].sort()).toStrictEqual(['actions/checkout', 'actions/github-script', 'actions/setup-node', 'aws-actions/configure-aws-credentials', 'hashicorp/setup-terraform']);
  });

  test.each(files.map((f) => [f]))('%s: every ${{ expression }} is closed on its line', (file) => {
    const open = read(file)
      .split('\n')
      .filter((line) => (line.match(/\$\{\{/g) ?? []).length !== (line.match(/\}\}/g) ?? []).length);
    expect(open).toStrictEqual([]);
  });

  test('the plan workflow: OIDC role from a variable, tests before synth and plan, one comment with plan and diff', () => {
    const plan = read('terraform-plan.yml');
    expect(plan).toContain('id-token: write');
    expect(plan).toMatch(/uses: aws-actions\/configure-aws-credentials@[0-9a-f]{40} # v4\./);
    expect(plan).toContain('role-to-assume: ${{ vars.AWS_PLAN_ROLE_ARN }}');
    const order = ['run: npm ci', 'run: npm test', 'run: npm run synth', 'npm run --silent diff:synth -- --markdown "origin/${BASE_REF}"', 'terraform -chdir="$dir" plan'];
    const positions = order.map((step) => plan.indexOf(step));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toStrictEqual(positions);
    expect(plan).toContain('show -json tfplan');
    expect(plan).toContain("const marker = '<!-- sfn-cdktf:terraform-plan -->'");
    expect(plan).toContain('github.rest.issues.updateComment');
  });

  test('the deploy workflow: gated by the production environment, OIDC deploy role, S3 state required', () => {
    const deploy = read('deploy.yml');
    expect(deploy).toContain('environment: production');
    expect(deploy).toContain('role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(deploy).toContain("jq -e '.terraform.backend.s3'");
    expect(deploy).toContain('cancel-in-progress: false');
  });
});
