import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { LanguageServiceModules } from '../definitions/validate';
import { buildKey, fileIntact, readRecord, recordFor, sha256, staleBecause, writeRecord, writeWhole } from './build-cache.cjs';
import { PROJECT_ROOT } from './project-root';

/**
 * The modules ASL validation takes from amazon-states-language-service (definitions/validation/aws-language-service.ts),
 * bundled by esbuild into one file: loading them from node_modules means ~200 small files (lodash's among them),
 * ~45 ms of a synth after a definition changed; from one file with V8's code cache, ~10 ms (docs/BENCHMARKS.md).
 * Built at the first validation that needs it and reused while every file it was built from is unchanged
 * (stacks/build-cache.cjs: the metafile's inputs, node_modules included, hashed); a synth whose definitions all have
 * verdicts never comes here. The same package code runs: vscode-json-languageservice from its ES module build (its
 * UMD build requires its parts by computed names, which no bundler follows), the schema and the state checks as
 * they are; __tests__/stacks/asl-language-service.test.ts checks that every corpus case gets the same errors.
 */

/** Where the bundle (`<hash>/language-service.js`) and its build records live. */
export const LANGUAGE_SERVICE_BUILD_DIR = path.join(PROJECT_ROOT, '.build', 'asl-language-service');

const OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  // A checkout whose node_modules is a link (a git worktree) reads the same inputs, by the same names.
  preserveSymlinks: true,
  legalComments: 'none',
} as const satisfies BuildOptions;

/** The bundle's entry: each module resolved from the package's own folder, as the package resolves it. */
const ENTRY = `module.exports = {
  json: require('vscode-json-languageservice'),
  schema: require('amazon-states-language-service/out/json-schema/bundled.json'),
  validateStates: require('amazon-states-language-service/out/validation/validateStates').default,
};
`;

const LABEL = 'amazon-states-language-service modules';

/** The bundle's file, built now when none is current. Throws esbuild's error when it cannot be built. */
export function languageServiceBundle(root: string = PROJECT_ROOT, dir: string = LANGUAGE_SERVICE_BUILD_DIR): string {
  const records = path.join(dir, 'records');
  const bundleFile = (hash: string) => path.join(dir, hash.slice(0, 16), 'language-service.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const key = buildKey(root, [LABEL], { ...OPTIONS, entry: ENTRY }, (require('esbuild/package.json') as { version: string }).version);
  const record = readRecord(records, key);
  const hash = record?.outputs[LABEL];
  if (hash && fileIntact(bundleFile(hash), hash) && staleBecause(root, record) === undefined) return bundleFile(hash);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  // The package's folder as the project sees it (not its real path: node_modules may be a link).
  const packageDir = path.join(root, 'node_modules', 'amazon-states-language-service');
  const result = buildSync({ ...OPTIONS, absWorkingDir: root, stdin: { contents: ENTRY, resolveDir: packageDir, sourcefile: '<asl language service>', loader: 'js' }, outfile: path.join(dir, 'language-service.js'), write: false, metafile: true, logLevel: 'silent' });
  const js = result.outputFiles[0]!.contents;
  const built = sha256(js);
  if (!fileIntact(bundleFile(built), built)) writeWhole(bundleFile(built), js);
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !path.posix.basename(f).startsWith('<'));
  writeRecord(records, key, recordFor(root, inputs, { [LABEL]: built }));
  return bundleFile(built);
}

/**
 * For useLanguageServiceModules (main.ts): the modules from the bundle; undefined (node_modules, then) when it
 * cannot be built (a read-only checkout without one, say): only the time is lost.
 */
export function bundledLanguageServiceModules(root: string = PROJECT_ROOT, dir: string = LANGUAGE_SERVICE_BUILD_DIR): () => LanguageServiceModules | undefined {
  return () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(languageServiceBundle(root, dir)) as LanguageServiceModules;
    } catch (err) {
      if (process.env.SFN_DEBUG) console.error(`ASL validation loads amazon-states-language-service from node_modules: its bundle could not be made (${(err as Error).message}).`);
      return undefined;
    }
  };
}
