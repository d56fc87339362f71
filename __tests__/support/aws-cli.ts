import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The AWS CLI v2 the suite drives the local endpoint with. The first `aws` on a PATH may be a v1 (pyenv's, pip's):
 * every `aws` on PATH is asked for its version, then the places Debian's `awscli` package and AWS's installer put
 * it, and the first v2 is taken. `AWS_CLI_V2=/path/to/aws` names one outright.
 */
export type AwsCliV2 = { readonly path: string; readonly version: string } | { readonly missing: string };

/** What .ci/run and the README do when no v2 is found. */
export const AWS_CLI_INSTALL = '.ci/install-aws-cli (Debian 12\'s awscli, a v2) or AWS\'s installer (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html), or set AWS_CLI_V2 to a v2 `aws`';

const WELL_KNOWN = ['/usr/bin/aws', '/usr/local/bin/aws'];

/** An `aws` executable and the version it reports. */
export interface AwsCli {
  readonly path: string;
  readonly version: string;
}

let probed: { readonly clis: readonly AwsCli[]; readonly seen: readonly string[] } | undefined;

/** Every AWS CLI found (each `aws` on PATH, then /usr/bin and /usr/local/bin, or AWS_CLI_V2 alone), first first. */
export function awsClis(): readonly AwsCli[] {
  return probe().clis;
}

function probe(): { readonly clis: readonly AwsCli[]; readonly seen: readonly string[] } {
  if (probed) return probed;
  const named = process.env.AWS_CLI_V2;
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'aws'));
  const candidates = named ? [named] : [...onPath, ...WELL_KNOWN];
  const clis: AwsCli[] = [];
  const seen: string[] = [];
  const versions = new Set<string>();
  for (const file of new Set(candidates)) {
    if (!fs.existsSync(file)) continue;
    const run = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, AWS_CONFIG_FILE: '/dev/null' } });
    const version = /aws-cli\/(\d+\.\d+\.\d+)/.exec(`${run.stdout ?? ''} ${run.stderr ?? ''}`)?.[1];
    seen.push(`${file}: ${version ? `v${version}` : (run.error?.message ?? 'no version')}`);
    // /bin/aws and /usr/bin/aws are one file where /bin links to /usr/bin: one CLI per version is enough.
    if (version && !versions.has(version)) {
      versions.add(version);
      clis.push({ path: file, version });
    }
  }
  return (probed = { clis, seen });
}

export function findAwsCliV2(): AwsCliV2 {
  const v2 = probe().clis.find((cli) => cli.version.startsWith('2.'));
  if (v2) return v2;
  const { seen } = probe();
  const looked = process.env.AWS_CLI_V2 ? `AWS_CLI_V2=${process.env.AWS_CLI_V2}` : 'PATH, /usr/bin, /usr/local/bin';
  return { missing: `no AWS CLI v2 in ${looked}${seen.length > 0 ? ` (found ${seen.join('; ')})` : ''}` };
}

/**
 * `test`, or `test.skip` with a visible warning saying why and how to install the CLI, for tests that drive the v2
 * CLI. The CLI's path is `findAwsCliV2()`'s.
 */
export function testWithAwsCliV2(what: string): jest.It {
  const cli = findAwsCliV2();
  if ('path' in cli) return test;
  console.warn(`SKIPPED ${what}: ${cli.missing}. Install it with ${AWS_CLI_INSTALL}.`);
  return test.skip;
}
