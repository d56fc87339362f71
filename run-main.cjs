'use strict';
/**
 * How the app is run (cdktf.json's "app", and every command that synthesizes: scripts/lib/synth-run.ts): main.ts
 * through the launcher every command starts from (run.cjs: bundled by esbuild into one CommonJS file,
 * `.build/app/<hash>/main.js`, the project's own modules compiled, its dependencies left to node_modules). Bundled
 * again only when a file the last bundle was built from changed (stacks/build-cache.cjs: its metafile's inputs,
 * hashed); otherwise no TypeScript is compiled and esbuild is not even loaded. The ASL builders (definitions/) and
 * the contracts they read are bundled apart, `.build/app/definitions/<hash>/definitions.js` (run-parts.cjs): a synth
 * after a definition changed builds those ~50 files again, not the app. Loading main.ts through tsx instead
 * (`node --import tsx main.ts`, which still works) costs about 2.3× the time and 1.7× the memory per synth
 * (docs/BENCHMARKS.md). SFN_DEBUG=1 maps stack traces back to the sources.
 */
// When the definitions' bundle is built again, a definition likely changed and has no verdict yet: the validator
// starts loading in a worker thread at once, on the other core, instead of in the middle of the synth
// (stacks/asl-check-worker.cjs; main.ts hands it to validateAsl).
require('./run.cjs').launch('main.ts', 'Synth stopped', ['definitions', 'contracts'], () => require('./stacks/asl-check-worker.cjs').startAslCheckWorker());
