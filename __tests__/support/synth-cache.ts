/**
 * The folder (made by support/global-setup.ts for one `jest` run, removed by its teardown) where support/synth.ts
 * keeps each config's synth once for every test file of the run; the workers inherit this environment variable.
 */
export const SYNTH_CACHE_ENV = 'SFN_TEST_SYNTH_CACHE';
