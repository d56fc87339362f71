/**
 * Jest's globalSetup (jest.config.js): one folder for the run, where support/synth.ts keeps each config's synth once
 * for every test file (the workers inherit the environment variable); globalTeardown removes it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYNTH_CACHE_ENV } from './synth-cache';

export default function globalSetup(): void {
  process.env[SYNTH_CACHE_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-test-synths-'));
}
