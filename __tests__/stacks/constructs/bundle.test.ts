/** The handlers' esbuild bundles: one build for all of them, reused exactly when nothing the build read has changed. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../../stacks/config';
import { BUNDLE_OPTIONS, bundleHandlers, bundleLambda, projectHandlers, type BundleSettings } from '../../../stacks/constructs/bundle';

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A project of two handlers sharing a module, in a temporary folder, with its own build folder. */
function project(): { root: string; settings: BundleSettings; write: (file: string, text: string) => void; entries: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bundle-'));
  created.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('lambdas/shared/greet.ts', "export const greet = (who: string) => `hello ${who}`;\n");
  write('lambdas/a/handler.ts', "import { greet } from '../shared/greet';\nexport const handler = async () => greet('a');\n");
  write('lambdas/b/handler.ts', "import { greet } from '../shared/greet';\nexport const handler = async () => greet('b');\n");
  write('tsconfig.json', '{}\n');
  return { root, write, settings: { root, buildDir: path.join(root, '.build', 'lambdas') }, entries: projectHandlers(root) };
}

const bytes = (dir: string) => fs.readFileSync(path.join(dir, 'index.js'));

describe('bundleHandlers', () => {
  test('finds the handlers of a project (lambdas/<name>/handler.ts), not their modules', () => {
    expect(project().entries).toStrictEqual(['lambdas/a/handler.ts', 'lambdas/b/handler.ts']);
  });

  test('builds every entry once, then reuses the same bundles while nothing changed', () => {
    const { entries, settings } = project();
    const first = bundleHandlers(entries, settings);
    expect(first.reused).toBe(false);
    const again = bundleHandlers(entries, settings);
    expect(again).toStrictEqual({ dirs: first.dirs, reused: true });
    expect(bytes(again.dirs['lambdas/a/handler.ts']).toString()).toContain("greet(\"a\")");
  });

  test('rebuilds when a module a handler imports changes, and only then gives new bundles', () => {
    const { entries, settings, write } = project();
    const first = bundleHandlers(entries, settings);
    write('lambdas/shared/greet.ts', "export const greet = (who: string) => `hi ${who}`;\n");
    const changed = bundleHandlers(entries, settings);
    expect(changed.reused).toBe(false);
    expect(changed.dirs['lambdas/a/handler.ts']).not.toBe(first.dirs['lambdas/a/handler.ts']);
    expect(bytes(changed.dirs['lambdas/b/handler.ts']).toString()).toContain('hi ');
  });

  test('rebuilds when a file is added beside an input (it may change how an import resolves)', () => {
    const { entries, settings, write } = project();
    bundleHandlers(entries, settings);
    write('lambdas/shared/greet.js', 'exports.greet = () => "shadow";\n');
    expect(bundleHandlers(entries, settings).reused).toBe(false);
  });

  test('rebuilds for another esbuild option, another esbuild version or a changed tsconfig.json', () => {
    const { entries, settings, write } = project();
    bundleHandlers(entries, settings);
    expect(bundleHandlers(entries, { ...settings, esbuildOptions: { ...BUNDLE_OPTIONS, minify: true } }).reused).toBe(false);
    expect(bundleHandlers(entries, { ...settings, esbuildVersion: '0.0.1-test' }).reused).toBe(false);
    expect(bundleHandlers(entries, settings).reused).toBe(true);
    write('tsconfig.json', '{ "compilerOptions": { "target": "es2019" } }\n');
    expect(bundleHandlers(entries, settings).reused).toBe(false);
  });

  test('rebuilds when a bundle was deleted or altered under .build/', () => {
    const { entries, settings } = project();
    const first = bundleHandlers(entries, settings);
    fs.writeFileSync(path.join(first.dirs['lambdas/a/handler.ts'], 'index.js'), 'tampered');
    const again = bundleHandlers(entries, settings);
    expect(again.reused).toBe(false);
    expect(bytes(again.dirs['lambdas/a/handler.ts']).toString()).toContain("greet(\"a\")");
  });

  test("the project's handlers: one build gives the same bytes as a build without the cache and as each built alone, with no absolute path", () => {
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bundle-out-'));
    created.push(buildDir);
    const entries = projectHandlers();
    expect(entries.length).toBeGreaterThanOrEqual(7);
    const cached = bundleHandlers(entries, { buildDir });
    const uncached = bundleHandlers(entries, { buildDir, cache: false });
    expect(uncached.reused).toBe(false);
    for (const entry of entries) {
      const alone = bundleHandlers([entry], { buildDir: path.join(buildDir, 'alone'), cache: false });
      expect(bytes(cached.dirs[entry]).equals(bytes(uncached.dirs[entry]))).toBe(true);
      expect(bytes(cached.dirs[entry]).equals(bytes(alone.dirs[entry]))).toBe(true);
      expect(bytes(cached.dirs[entry]).toString()).not.toContain(PROJECT_ROOT);
    }
  });
});

describe('bundleLambda', () => {
  test('answers the bundle of one handler from the build of all of them, once per app', () => {
    const { root, settings } = project();
    const app = {};
    const a = bundleLambda('lambdas/a/handler.ts', 'fn-a', { ...settings, app });
    expect(fs.readdirSync(path.join(root, '.build', 'lambdas', 'bundles'))).toHaveLength(2); // b was bundled with a
    // The app's answer is kept: removing the record does not make the second function of the same synth build again.
    fs.rmSync(path.join(root, '.build', 'lambdas', 'records'), { recursive: true });
    bundleLambda('lambdas/b/handler.ts', 'fn-b', { ...settings, app });
    expect(fs.existsSync(path.join(root, '.build', 'lambdas', 'records'))).toBe(false);
    expect(bundleLambda('lambdas/a/handler.ts', 'fn-a', settings)).toBe(a);
  });

  test('a broken handler built with the others is named, with its own errors, whichever function asked', () => {
    const { settings, write } = project();
    write('lambdas/b/handler.ts', 'export const handler = async () => { return 1\n');
    expect(() => bundleLambda('lambdas/a/handler.ts', 'fn-a', settings)).toThrow(
      /^Lambda handler lambdas\/b\/handler\.ts: esbuild could not bundle lambdas\/b\/handler\.ts:\n {2}- line 2: Unexpected end of file\nFix the handler/,
    );
    expect(() => bundleLambda('lambdas/b/handler.ts', 'fn-b', settings)).toThrow(/^Lambda 'fn-b': esbuild could not bundle lambdas\/b\/handler\.ts:\n {2}- line 2: Unexpected end of file/);
  });
});
