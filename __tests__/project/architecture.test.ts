/**
 * The folder layout is the architecture, and dependency-cruiser holds the source to it (.dependency-cruiser.cjs):
 * contracts/ imports nothing; definitions/, lambdas/ and local/ stay apart from what they must not know; only
 * stacks/ imports cdktf and the providers (by deep path); only main.ts and scripts/ import stacks/; no cycles.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/cli';

const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: readonly { readonly name: string }[];
}

/** Runs dependency-cruiser with the project's rules over `targets`, in `cwd`; answers what it found. */
function cruise(cwd: string, targets: readonly string[]): Promise<{ violations: Violation[]; modules: number }> {
  return new Promise((resolve, reject) => {
    execFile(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', ...targets], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      // depcruise exits non-zero when it finds violations; the JSON on stdout says which.
      if (!stdout) return reject(new Error(`dependency-cruiser did not run: ${error?.message ?? ''} ${stderr}`));
      const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
      resolve({ violations: result.summary.violations, modules: result.summary.totalCruised });
    });
  });
}

/** One line a violation, as a reader would want it: the rule, then the import (or the cycle) that breaks it. */
const describe_ = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

test('the source follows the import rules of its layout', async () => {
  const { violations, modules } = await cruise(PROJECT_ROOT, ['main.ts', 'contracts', 'definitions', 'stacks', 'lambdas', 'local', 'scripts']);
  expect(modules).toBeGreaterThan(200); // a guard against cruising nothing
  expect(violations.map(describe_)).toEqual([]);
});

test('each rule catches the import it forbids (a fixture tree that breaks them on purpose)', async () => {
  const fixture = path.join(__dirname, '..', 'fixtures', 'architecture');
  const { violations } = await cruise(fixture, ['contracts', 'definitions', 'stacks', 'lambdas', 'local', 'scripts']);
  expect(violations.map(describe_).sort()).toEqual(
    [
      'contracts-import-nothing: contracts/names.ts → definitions/state.ts',
      'definitions-stay-pure: definitions/state.ts → stacks/stack.ts',
      'stacks-do-not-import-handlers: stacks/stack.ts → lambdas/handler.ts',
      'lambdas-stay-apart: lambdas/handler.ts → local/runner.ts',
      'local-reads-synthesized-json: local/runner.ts → scripts/cli.ts',
      'only-main-and-scripts-import-stacks: definitions/state.ts → stacks/stack.ts',
      'no-cycles: local/runner.ts → scripts/cli.ts (cycle: scripts/cli.ts → local/runner.ts)',
    ].sort(),
  );
});
