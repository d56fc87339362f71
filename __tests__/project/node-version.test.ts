import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { engineFloor, projectNode, runtimeNodeMajor } from '../../local/node-runtime';
import { PROJECT_ROOT } from '../../stacks/config';
import { BundledFunction } from '../../stacks/constructs/bundled-function';

// One Node major for the whole project: the Lambda runtime's. Everything that names a Node names that one.

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };
const installedVersion = (name: string) => (JSON.parse(read(`node_modules/${name}/package.json`)) as { version: string }).version;
const majorOf = (version: string) => Number(/^\D*(\d+)/.exec(version)?.[1]);

const lambdaRuntime = (() => {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new BundledFunction(scope, 'echo', { functionName: 'echo', entry: '__tests__/fixtures/echo-handler.ts', description: 'echo', logging: { retentionDays: 14, level: 'INFO' } });
    }),
  ) as { resource: { aws_lambda_function: Record<string, { runtime: string }> } };
  return Object.values(json.resource.aws_lambda_function)[0].runtime;
})();
const major = runtimeNodeMajor(lambdaRuntime);

describe(`Node ${major}, the Lambda runtime's major (${lambdaRuntime}), everywhere`, () => {
  test('the Lambda runtime names a major', () => {
    expect(major).toBeGreaterThanOrEqual(22);
  });

  test('.nvmrc', () => {
    expect(read('.nvmrc')).toBe(`${major}\n`);
  });

  test("package.json engines.node is a floor in that major, and the project's Node meets it", () => {
    const floor = engineFloor(pkg.engines.node);
    expect(floor?.[0]).toBe(major);
    expect(projectNode()?.version).toBeDefined();
    const installed = projectNode()!.version.split('.').map(Number);
    expect(installed[0]).toBe(floor![0]);
    expect(installed[1] * 1000 + installed[2]).toBeGreaterThanOrEqual(floor![1] * 1000 + floor![2]);
  });

  test('the `node` dev dependency (the project Node every npm script runs on) and @types/node, declared and installed', () => {
    expect(majorOf(pkg.devDependencies.node)).toBe(major);
    expect(majorOf(installedVersion('node'))).toBe(major);
    expect(majorOf(pkg.devDependencies['@types/node'])).toBe(major);
    expect(majorOf(installedVersion('@types/node'))).toBe(major);
  });

  test('these tests run on it (npm test puts node_modules/.bin/node first on PATH)', () => {
    expect(majorOf(process.versions.node)).toBe(major);
  });

  test('every actions/setup-node step of the workflows takes its version from .nvmrc', () => {
    const dir = path.join(PROJECT_ROOT, '.github', 'workflows');
    const steps = fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/\n(?=\s*- )/).filter((step) => /uses: actions\/setup-node@/.test(step)).map((step) => ({ file: f, step })));
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const { file, step } of steps) {
      expect({ file, fromNvmrc: /node-version-file: \.nvmrc\b/.test(step), pinnedElsewhere: /node-version:/.test(step) }).toStrictEqual({ file, fromNvmrc: true, pinnedElsewhere: false });
    }
  });
});
