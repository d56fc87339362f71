/**
 * Jest runs this before every test file (jest.config.js, `setupFilesAfterEnv`). It sets up cdktf's matchers
 * (`toHaveResource`, `toHaveResourceWithProperties`, `toHaveDataSourceWithProperties`, `toBeValidTerraform`,
 * `toPlanSuccessfully`, …) as the CDKTF docs do; importing the adapter's types declares them on jest's `expect` for tsc.
 *
 * cdktf itself is loaded only by a test file that uses it: jest loads every module again for each file, and about
 * half of the files (the engine's, the local runner's) never touch cdktf (~0.25 s a file saved). The matchers load
 * the adapter at their first call; `Testing.app` is wrapped when cdktf is first required (jest.mock's factory).
 */
import * as fs from 'node:fs';
import type { Testing as TestingType } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { useAslVerdictStore } from '../../definitions/validate';
import { aslVerdictsOnDisk } from '../../stacks/asl-verdicts';

type Matcher = (this: jest.MatcherContext, ...args: unknown[]) => jest.CustomMatcherResult;
const MATCHERS = ['toHaveResource', 'toHaveResourceWithProperties', 'toHaveDataSource', 'toHaveDataSourceWithProperties', 'toHaveProvider', 'toHaveProviderWithProperties', 'toBeValidTerraform', 'toPlanSuccessfully'] as const;

let adapterMatchers: Record<string, Matcher> | undefined;
/** cdktf's own matchers, as its setupJest() would give them to expect.extend (it reads the global expect, so it is handed a stand-in for that one call). */
function cdktfMatchers(): Record<string, Matcher> {
  if (adapterMatchers) return adapterMatchers;
  const captured: Record<string, Matcher> = {};
  const globals = global as unknown as { expect: unknown };
  const realExpect = globals.expect;
  globals.expect = { extend: (matchers: Record<string, Matcher>) => Object.assign(captured, matchers) };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('cdktf/lib/testing/adapters/jest') as { setupJest(): void }).setupJest();
  } finally {
    globals.expect = realExpect;
  }
  return (adapterMatchers = captured);
}
expect.extend(
  Object.fromEntries(
    MATCHERS.map((name): [string, Matcher] => [
      name,
      function (this: jest.MatcherContext, ...args: unknown[]) {
        return cdktfMatchers()[name].apply(this, args);
      },
    ]),
  ),
);

// Definitions found valid by definitions/validate.ts are recorded on disk, as main.ts and the local runner's commands do.
useAslVerdictStore(aslVerdictsOnDisk());

// `Testing.app()` (and so `Testing.synthScope`) makes a new temporary folder on every call and never removes it;
// `Testing.synth` writes nothing there. The folders a test file made are removed when its tests end.
const made: string[] = [];
let loadingCdktf = false;
jest.mock('cdktf', () => {
  // cdktf's own modules require its index while it loads: they get the module as it stands.
  if (loadingCdktf) return jest.requireActual('cdktf');
  loadingCdktf = true;
  try {
    const cdktf = jest.requireActual<{ Testing: typeof TestingType }>('cdktf');
    const testingApp = cdktf.Testing.app.bind(cdktf.Testing);
    cdktf.Testing.app = (options = {}) => {
      const app = testingApp(options);
      if (options.outdir === undefined) made.push(app.outdir);
      return app;
    };
    return cdktf;
  } finally {
    loadingCdktf = false;
  }
});
afterAll(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
