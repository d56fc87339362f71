import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { missingOptionalEntries, resolveLocked, rootDrift, type Lockfile, type PackageJson } from '../../scripts/lib/lockfile';
import { PROJECT_ROOT } from '../../stacks/config';

// `npm ci` on a fresh clone, on any platform: the lockfile lists every platform's optional binaries and repeats
// package.json. See scripts/lib/lockfile.ts for why an incomplete lockfile makes npm ci refuse.

const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8')) as T;
const pkg = readJson<PackageJson>('package.json');
const lock = readJson<Lockfile>('package-lock.json');

/** The lockfile as npm wrote it before it was refreshed: unrs-resolver's bindings for this platform only. */
function withOnlyLinuxBindings(of: Lockfile): Lockfile {
  const packages = Object.fromEntries(Object.entries(of.packages).filter(([key]) => !/^node_modules\/@unrs\/resolver-binding-(?!linux-x64-gnu$)/.test(key)));
  return { ...of, packages };
}

/**
 * `npm ci --dry-run` in a copy of package.json and package-lock.json: offline, with an empty cache, no scripts.
 * It builds and validates the tree as `npm ci` does, and installs nothing.
 */
function npmCiDryRun(files: { 'package.json': unknown; 'package-lock.json': unknown }): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-npm-ci-'));
  try {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content, null, 2));
    const result = spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', path.join(dir, '.cache')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('package-lock.json', () => {
  test('is lockfile version 3 (npm 7 and newer)', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  test("every optional dependency of every locked package has its own entry, whatever the platform it is for", () => {
    expect(missingOptionalEntries(lock)).toStrictEqual([]);
    // Some do exist (so the check checks something): other platforms' binaries of unrs-resolver, esbuild, swc.
    const optional = Object.keys(lock.packages).filter((key) => lock.packages[key].optional && /darwin|win32/.test(key));
    expect(optional.length).toBeGreaterThan(10);
  });

  test('its root entry repeats package.json: name, version, dependencies of every kind, engines', () => {
    expect(rootDrift(pkg, lock)).toStrictEqual([]);
  });

  test('npm ci accepts it without the network or a cache (npm ci --dry-run --offline)', () => {
    const result = npmCiDryRun({ 'package.json': pkg, 'package-lock.json': lock });
    expect(result).toMatchObject({ status: 0, output: expect.stringMatching(/added \d+ packages/) });
  });
});

describe('the checks find what makes npm ci refuse', () => {
  const incomplete = withOnlyLinuxBindings(lock);

  test('a lockfile with one platform of unrs-resolver: every other binding is reported', () => {
    const missing = missingOptionalEntries(incomplete);
    expect(missing).toHaveLength(20);
    expect(missing[0]).toStrictEqual({ from: 'node_modules/unrs-resolver', name: '@unrs/resolver-binding-android-arm-eabi', range: expect.any(String) });
  });

  test('... and npm ci refuses that lockfile, as it did on a fresh clone', () => {
    const result = npmCiDryRun({ 'package.json': pkg, 'package-lock.json': incomplete });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/can only install packages when your package.json and package-lock.json .* are in sync[\s\S]*Missing: @unrs\/resolver-binding-android-arm-eabi@/);
  });

  test('a dependency added to package.json only, and a range changed there: each named in a sentence', () => {
    const changed = { ...pkg, devDependencies: { ...pkg.devDependencies, 'left-pad': '^1.3.0', typescript: '5.9.2' } };
    expect(rootDrift(changed, lock)).toStrictEqual([
      "devDependencies.left-pad: package.json has '^1.3.0', package-lock.json none.",
      `devDependencies.typescript: package.json has '5.9.2', package-lock.json '${pkg.devDependencies!.typescript}'.`,
    ]);
    expect(npmCiDryRun({ 'package.json': changed, 'package-lock.json': lock }).status).not.toBe(0);
  });

  test('resolution walks up node_modules as Node does', () => {
    const packages = { '': {}, 'node_modules/a': {}, 'node_modules/b': {}, 'node_modules/b/node_modules/a': {}, 'node_modules/c': {} };
    expect(resolveLocked(packages, 'node_modules/b', 'a')).toBe('node_modules/b/node_modules/a');
    expect(resolveLocked(packages, 'node_modules/c', 'a')).toBe('node_modules/a');
    expect(resolveLocked(packages, 'node_modules/b/node_modules/a', 'c')).toBe('node_modules/c');
    expect(resolveLocked(packages, 'node_modules/c', 'd')).toBeUndefined();
  });
});
