import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../stacks/config';

// CI (.ci/run) runs exactly the README's install and test commands, and .ci/install-aws-cli (one of them, optional)
// installs the AWS CLI v2 only when none is there and never stops CI when it cannot.

const INSTALL = path.join(PROJECT_ROOT, '.ci', 'install-aws-cli');

/** The command lines of a shell script or a README block: no comments, no shell settings. */
function commands(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && !/^(set|cd|export) /.test(line));
}

test(".ci/run runs the README's \"Two commands\" block, in its order, all but npm start", () => {
  // GIVEN
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const block = /## Two commands\n+```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  // WHEN
  const ci = commands(fs.readFileSync(path.join(PROJECT_ROOT, '.ci', 'run'), 'utf8'));
  // THEN
  expect(block).toBeDefined();
  expect(ci).toStrictEqual(commands(block!).filter((line) => line !== 'npm start'));
  expect(ci).toStrictEqual(['.ci/install-aws-cli', 'npm ci', 'npm test']);
});

describe('.ci/install-aws-cli', () => {
  let dir: string;
  /** Folders of fake commands (id, apt-get, aws) the script finds first on its PATH. */
  let bin: string;
  let cliDir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'install-aws-cli-'));
    bin = path.join(dir, 'bin');
    cliDir = path.join(dir, 'cli');
    fs.mkdirSync(bin);
    fs.mkdirSync(cliDir);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fake = (folder: string, name: string, script: string) => fs.writeFileSync(path.join(folder, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const run = () => {
    const result = spawnSync('sh', [INSTALL], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, AWS_CLI_DIRS: cliDir, TMPDIR: dir } });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };

  test('says nothing and installs nothing when a v2 is there (a v1 elsewhere does not count)', () => {
    fake(cliDir, 'aws', 'echo "aws-cli/2.9.19 Python/3.11.2 Linux"');
    fake(bin, 'apt-get', `touch ${dir}/apt-ran`);
    expect(run()).toStrictEqual({ status: 0, out: '' });
    expect(fs.existsSync(path.join(dir, 'apt-ran'))).toBe(false);
  });

  test('as root without a v2: apt-get update, then install awscli non-interactively; says which version it got', () => {
    fake(cliDir, 'aws', 'echo "aws-cli/1.45.11 Python/3.11.7"');
    fake(bin, 'id', 'echo 0');
    fake(bin, 'apt-get', `echo "$DEBIAN_FRONTEND $*" >> ${dir}/apt.log; [ "$1" = install ] && printf '#!/bin/sh\\necho aws-cli/2.9.19 Python/3.11.2\\n' > ${cliDir}/aws; exit 0`);
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out).toBe("Installed Debian's awscli: aws-cli/2.9.19 Python/3.11.2\n");
    expect(fs.readFileSync(path.join(dir, 'apt.log'), 'utf8')).toBe(' update\nnoninteractive install -y awscli\n');
  });

  test('not root and no sudo: one line saying the CLI tests will be skipped, exit 0', () => {
    fake(bin, 'id', 'echo 1000');
    fake(bin, 'apt-get', 'exit 0');
    fake(bin, 'sudo', 'exit 1');
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out).toMatch(/^AWS CLI v2 not installed: apt-get needs root \(or password-less sudo\)\. The AWS CLI tests will be skipped \(install it: https:\/\/docs\.aws\.amazon\.com\/[^)]+\)\.\n$/);
  });

  test("apt-get failing (no network) or bringing a v1: one line with apt's last words, exit 0", () => {
    fake(bin, 'id', 'echo 0');
    fake(bin, 'apt-get', 'echo "E: Failed to fetch http://deb.debian.org/debian (Could not resolve host)"; exit 100');
    expect(run()).toStrictEqual({ status: 0, out: expect.stringMatching(/^AWS CLI v2 not installed: apt-get failed \(E: Failed to fetch .*Could not resolve host\)\)\. The AWS CLI tests will be skipped/) });
    fake(bin, 'apt-get', `printf '#!/bin/sh\\necho aws-cli/1.22.34\\n' > ${cliDir}/aws`);
    expect(run().out).toMatch(/^AWS CLI v2 not installed: apt-get installed awscli, but not a v2 \(this distribution packages the v1\)\./);
  });
});
