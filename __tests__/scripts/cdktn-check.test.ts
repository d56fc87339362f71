import type { AppDiff } from '../../scripts/lib/diff/compare';
import { cdktfCliCallers, cdktfImports, cdktnPackage, engineGap, movedPackageJson, preflight, providerAddress, providerVersionChanges, unexpectedChanges } from '../../scripts/lib/cdktn/checklist';
import { cdktnModule, moduleSpecifiers, rewriteImports } from '../../scripts/lib/cdktn/imports';
import { projectSources } from '../../scripts/lib/cdktn/steps';
import { runScript } from '../support/cli';
import { PROJECT_ROOT } from '../../stacks/config';

// The offline parts of `npm run cdktn:check`: the import rewrite, the pre-flight checks, package.json after the
// move, and what a synth comparison may differ in. The move itself needs the registry (run it by hand).

describe('the import rewrite', () => {
  test('module names: cdktf and its subpaths, and provider packages; nothing else', () => {
    expect(cdktnModule('cdktf')).toBe('cdktn');
    expect(cdktnModule('cdktf/lib/testing/adapters/jest')).toBe('cdktn/lib/testing/adapters/jest');
    expect(cdktnModule('@cdktf/provider-aws/lib/sfn-state-machine')).toBe('@cdktn/provider-aws/lib/sfn-state-machine');
    expect(cdktnModule('@cdktf/provider-archive')).toBe('@cdktn/provider-archive');
    expect(cdktnModule('cdktf-cli')).toBeUndefined();
    expect(cdktnModule('@cdktf/node-pty-prebuilt-multiarch')).toBeUndefined();
    expect(cdktnModule('constructs')).toBeUndefined();
  });

  const source = [
    "import { App, TerraformStack } from 'cdktf';",
    'import { AwsProvider } from "@cdktf/provider-aws/lib/provider";',
    "import type { Construct } from 'constructs';",
    "export { Testing } from 'cdktf';",
    "const lazy = () => import('@cdktf/provider-archive/lib/data-archive-file');",
    "const cjs = require('cdktf');",
    "type T = import('cdktf').TerraformStack;",
    "jest.mock('cdktf/lib/app');",
    "const outdir = 'cdktf.out'; // cdktf.json and 'cdktf' in a comment stay",
    "const text = `from 'cdktf'`;",
    "const help = 'npx cdktf synth';",
  ].join('\n');

  test('rewrites every module specifier (import, export, import(), require, import type, jest.mock) and nothing else', () => {
    const result = rewriteImports(source, 'stack.ts');
    expect(result.text.split('\n')).toStrictEqual([
      "import { App, TerraformStack } from 'cdktn';",
      'import { AwsProvider } from "@cdktn/provider-aws/lib/provider";',
      "import type { Construct } from 'constructs';",
      "export { Testing } from 'cdktn';",
      "const lazy = () => import('@cdktn/provider-archive/lib/data-archive-file');",
      "const cjs = require('cdktn');",
      "type T = import('cdktn').TerraformStack;",
      "jest.mock('cdktn/lib/app');",
      "const outdir = 'cdktf.out'; // cdktf.json and 'cdktf' in a comment stay",
      "const text = `from 'cdktf'`;",
      "const help = 'npx cdktf synth';",
    ]);
    expect(result.changes.map((c) => [c.line, c.from, c.to])).toStrictEqual([
      [1, 'cdktf', 'cdktn'],
      [2, '@cdktf/provider-aws/lib/provider', '@cdktn/provider-aws/lib/provider'],
      [4, 'cdktf', 'cdktn'],
      [5, '@cdktf/provider-archive/lib/data-archive-file', '@cdktn/provider-archive/lib/data-archive-file'],
      [6, 'cdktf', 'cdktn'],
      [7, 'cdktf', 'cdktn'],
      [8, 'cdktf/lib/app', 'cdktn/lib/app'],
    ]);
    expect(result.unmapped).toStrictEqual([]);
  });

  test('a second rewrite changes nothing; a CDKTF package without a counterpart is reported, not rewritten', () => {
    const once = rewriteImports(source, 'stack.ts').text;
    expect(rewriteImports(once, 'stack.ts')).toMatchObject({ text: once, changes: [] });
    const odd = rewriteImports("import pty from '@cdktf/node-pty-prebuilt-multiarch';", 'x.ts');
    expect(odd).toStrictEqual({ text: "import pty from '@cdktf/node-pty-prebuilt-multiarch';", changes: [], unmapped: [{ line: 1, module: '@cdktf/node-pty-prebuilt-multiarch' }] });
  });

  test('every real import of the project is found and rewritten: none names cdktf afterwards', () => {
    const files = projectSources(PROJECT_ROOT).filter((f) => /^(stacks|__tests__)\/|^main\.ts$/.test(f.path));
    const before = cdktfImports(files);
    expect(before.length).toBeGreaterThan(10);
    const after = files.map((f) => ({ path: f.path, text: rewriteImports(f.text, f.path).text }));
    expect(cdktfImports(after)).toStrictEqual([]);
    // Only module specifiers changed: the files differ in as many places as they had CDKTF imports.
    const specifiers = (text: string, file: string) => moduleSpecifiers(text, file).map((s) => s.text);
    for (const file of files.filter((f) => before.some((b) => b.path === f.path))) {
      const moved = after.find((a) => a.path === file.path)!;
      expect(specifiers(moved.text, file.path)).toStrictEqual(specifiers(file.text, file.path).map((s) => cdktnModule(s) ?? s));
      expect(moved.text.replace(/cdktn/g, 'cdktf')).toBe(file.text);
    }
  });
});

describe('pre-flight', () => {
  const file = (path: string, text: string) => ({ path, text });

  test('the project: only stacks/, main.ts and __tests__/ import cdktf, providers by deep path', () => {
    expect(preflight(projectSources(PROJECT_ROOT)).map((i) => [i.title, i.status])).toStrictEqual([
      ['Only stacks/, main.ts and __tests__/ import cdktf', 'passed'],
      ['Providers are imported by deep path (@cdktf/provider-aws/lib/<resource>)', 'passed'],
    ]);
  });

  test('a cdktf import in local/ or scripts/, and a provider imported from its root, fail with the file named', () => {
    const items = preflight([
      file('stacks/ok.ts', "import { TerraformStack } from 'cdktf';"),
      file('local/runner.ts', "import { Token } from 'cdktf';"),
      file('scripts/lib/x.ts', "import { S3Bucket } from '@cdktf/provider-aws';"),
    ]);
    expect(items.map((i) => i.status)).toStrictEqual(['failed', 'failed']);
    expect(items[0].reason).toBe('Also local/runner.ts (cdktf); scripts/lib/x.ts (@cdktf/provider-aws): move that code into stacks/ (or use stacks/app\'s functions) first.');
    expect(items[1].reason).toMatch(/^Imported from the package root in scripts\/lib\/x\.ts \(@cdktf\/provider-aws\)/);
  });

  test('code that runs the cdktf CLI by name is listed with its lines; mentions in text are not', () => {
    const callers = cdktfCliCallers([
      file('a.ts', "repeat('synth', 'npx', ['cdktf', 'synth']);"),
      file('b.ts', "spawnSync('cdktf', ['deploy']);\nconst x = 1;\nspawn('npx cdktf synth', { shell: true });"),
      file('c.ts', "const bin = path.join(root, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');"),
      file('d.ts', "console.log('run npx cdktf diff <stack-id>'); // cdktf deploy\nconst name = 'cdktf-cli';"),
      file('scripts/lib/cdktn/checklist.ts', "const pattern = ['cdktf', 'synth']; // the checklist's own code names the CLI to recognise it"),
    ]);
    expect(callers).toStrictEqual([
      { path: 'a.ts', lines: [1] },
      { path: 'b.ts', lines: [1, 3] },
      { path: 'c.ts', lines: [1] },
    ]);
  });

  test('npm run cdktn:check -- --preflight: the offline items, exit 1 while an item fails, nothing copied or installed', async () => {
    const result = await runScript('scripts/cdktn-check.ts', ['--preflight']);
    expect(result.stdout).toMatch(/^✓ Only stacks\/, main\.ts and __tests__\/ import cdktf\n {4}passed: \d+ files import CDKTF modules/);
    expect(result.stdout).toMatch(/\n✗ No code runs the cdktf CLI by name\n {4}failed: Point these at cdktn by hand on the day: .*scripts\/lib\/bench\/synth-and-tests\.ts:\d+/);
    expect(result.stdout).toMatch(/\nChecklist: 2 of 3 items passed, 1 failed, 0 not run\.\n$/);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });
});

describe('package.json after the move', () => {
  const pkg = {
    name: 'app',
    engines: { node: '>=22.11' },
    scripts: { deploy: 'CHECKPOINT_DISABLE=1 cdktf deploy', synth: 'tsx scripts/synth.ts', other: 'echo cdktf.out' },
    dependencies: { '@cdktf/provider-aws': '20.1.0', cdktf: '0.21.0', constructs: '10.4.2', zod: '3.25.76' },
    devDependencies: { 'cdktf-cli': '0.21.0', jest: '30.2.0' },
  };

  test('names the CDK Terrain packages', () => {
    expect(['cdktf', 'cdktf-cli', '@cdktf/provider-aws', '@cdktf/provider-archive', 'constructs', '@cdktf/node-pty-prebuilt-multiarch'].map(cdktnPackage)).toStrictEqual([
      'cdktn',
      'cdktn-cli',
      '@cdktn/provider-aws',
      '@cdktn/provider-archive',
      undefined,
      undefined,
    ]);
  });

  test('swaps each package in its section, bumps constructs and engines, runs cdktn in scripts', () => {
    const moved = movedPackageJson(pkg, { cdktn: '0.24.0', 'cdktn-cli': '0.24.0', '@cdktn/provider-aws': '25.7.0', constructs: '10.7.2' }, '22.19.0');
    expect(moved).toStrictEqual({
      name: 'app',
      engines: { node: '>=22.19.0' },
      scripts: { deploy: 'CHECKPOINT_DISABLE=1 cdktn deploy', synth: 'tsx scripts/synth.ts', other: 'echo cdktf.out' },
      dependencies: { '@cdktn/provider-aws': '25.7.0', cdktn: '0.24.0', constructs: '10.7.2', zod: '3.25.76' },
      devDependencies: { 'cdktn-cli': '0.24.0', jest: '30.2.0' },
    });
    expect(pkg.dependencies.cdktf).toBe('0.21.0'); // the original is left as it was
  });

  test('a package without a chosen version is an error that names it', () => {
    expect(() => movedPackageJson(pkg, { cdktn: '0.24.0', '@cdktn/provider-aws': '25.7.0' })).toThrow('No version chosen for cdktn-cli (the CDK Terrain package for cdktf-cli).');
  });

  test("engines: the highest floor, and which packages ask more than the project's", () => {
    expect(engineGap('>=22.11', { 'cdktn-cli 0.24.0': '>=22.19.0', '@cdktn/provider-aws 25.7.0': '>= 22.11.0', cdktn: undefined })).toStrictEqual({
      floor: '22.19.0',
      above: ['cdktn-cli 0.24.0 needs node >=22.19.0'],
      unreadable: [],
    });
    expect(engineGap('>=22.11', { a: '>= 22.11.0', b: '^22' })).toStrictEqual({ floor: '22.11.0', above: [], unreadable: ['b (^22)'] });
  });
});

describe('the synth comparison', () => {
  const change = (path: string, before: string, after: string) => ({ path, kind: 'changed' as const, before, after });
  const diff = (blocks: AppDiff['stacks'][number]['blocks']): AppDiff => ({
    changed: blocks.length > 0,
    stacks: [{ id: 'sfn-dynamodb', kind: blocks.length > 0 ? 'changed' : 'unchanged', blocks, counts: { added: 0, removed: 0, changed: blocks.length } }],
  });

  test('provider version constraints may change, and are reported; a source may be written another way for the same provider', () => {
    const providers = diff([
      { address: 'terraform', kind: 'changed', changes: [change('required_providers.aws.version', '5.100.0', '6.28.0'), change('required_providers.aws.source', 'aws', 'hashicorp/aws')], notes: [] },
    ]);
    expect(unexpectedChanges(providers)).toStrictEqual([]);
    expect(providerVersionChanges(providers)).toStrictEqual(['aws 5.100.0 → 6.28.0']);
    expect(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws', 'someone/aws'].map(providerAddress)).toStrictEqual([
      'registry.terraform.io/hashicorp/aws',
      'registry.terraform.io/hashicorp/aws',
      'registry.terraform.io/hashicorp/aws',
      'registry.terraform.io/someone/aws',
    ]);
    const other = diff([{ address: 'terraform', kind: 'changed', changes: [change('required_providers.aws.source', 'aws', 'someone/aws')], notes: [] }]);
    expect(unexpectedChanges(other)).toStrictEqual(['sfn-dynamodb: terraform required_providers.aws.source']);
  });

  test('anything else is an unexpected change, by stack, address and path', () => {
    const other = diff([
      { address: 'terraform', kind: 'changed', changes: [change('required_providers.aws.version', '5.100.0', '6.28.0'), change('required_version', '>= 1.10', '>= 1.5')], notes: [] },
      { address: 'aws_s3_bucket.items', kind: 'changed', changes: [change('force_destroy', 'true', 'false')], notes: [] },
      { address: 'aws_iam_role.extra', kind: 'added', changes: [], notes: [] },
    ]);
    expect(unexpectedChanges(other)).toStrictEqual(['sfn-dynamodb: terraform required_version', 'sfn-dynamodb: aws_s3_bucket.items force_destroy', 'sfn-dynamodb: aws_iam_role.extra added']);
  });
});
