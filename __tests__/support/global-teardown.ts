/** Jest's globalTeardown (jest.config.js): removes the run's synth folder (support/global-setup.ts). */
import * as fs from 'node:fs';
import { SYNTH_CACHE_ENV } from './synth-cache';

export default function globalTeardown(): void {
  const shared = process.env[SYNTH_CACHE_ENV];
  if (shared) fs.rmSync(shared, { recursive: true, force: true });
}
