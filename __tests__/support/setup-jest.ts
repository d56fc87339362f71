/**
 * Jest runs this before every test file (jest.config.js, `setupFilesAfterEnv`). It sets up cdktf's matchers
 * (`toHaveResource`, `toHaveResourceWithProperties`, `toHaveDataSourceWithProperties`, `toBeValidTerraform`,
 * `toPlanSuccessfully`, …) as the CDKTF docs do; importing the adapter also declares them on jest's `expect` for tsc.
 */
import * as fs from 'node:fs';
import { Testing } from 'cdktf';
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { useAslVerdictStore } from '../../definitions/validate';
import { aslVerdictsOnDisk } from '../../stacks/asl-verdicts';

setupJest();

// Definitions found valid by definitions/validate.ts are recorded on disk, as main.ts and the local runner's commands do.
useAslVerdictStore(aslVerdictsOnDisk());

// `Testing.app()` (and so `Testing.synthScope`) makes a new temporary folder on every call and never removes it;
// `Testing.synth` writes nothing there. The folders a test file made are removed when its tests end.
const made: string[] = [];
const testingApp = Testing.app.bind(Testing);
Testing.app = (options = {}) => {
  const app = testingApp(options);
  if (options.outdir === undefined) made.push(app.outdir);
  return app;
};
afterAll(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
