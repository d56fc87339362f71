import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../stacks/config';

// A CDKTF user reads `npm run <cdktf command>` as that command. A script named like one runs it; the project's own
// comparisons have names cdktf does not use (plan:offline, diff:synth). Every `npm run` the docs show exists.

const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** cdktf's commands and their aliases, from cdktf-cli's own --help: `diff` → `diff`, `plan` → `diff`, … */
function cdktfCommands(): Map<string, string> {
  const help = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), '--help'], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    timeout: 60_000,
  }).stdout;
  const commands = new Map<string, string>();
  for (const [, name, aliases] of help.matchAll(/^ {2}cdktf (\w+)[^\n]*?(?:\[aliases: ([\w, ]+)\])?$/gm)) {
    commands.set(name, name);
    for (const alias of aliases?.split(/,\s*/) ?? []) commands.set(alias, name);
  }
  return commands;
}

/** Scripts named like a cdktf command that do not run it, with why that is the same meaning. */
const SAME_MEANING: Record<string, string> = {
  synth: 'writes cdktf.out from main.ts, the app cdktf.json names, as `cdktf synth` does (plus synth-inputs.json)',
};

/** Files whose text tells users which npm scripts to run. */
function documentation(): string[] {
  const under = (dir: string, ext: RegExp): string[] =>
    fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? under(rel, ext) : ext.test(e.name) ? [rel] : [];
    });
  return ['README.md', 'help', '.ci/run', ...under('.github/workflows', /\.ya?ml$/), ...under('scripts', /\.ts$/), ...under('local', /\.(ts|cjs)$/), ...under('docs', /\.md$/)];
}

describe('npm script names', () => {
  const commands = cdktfCommands();

  test("cdktf's --help lists its commands and aliases (diff, alias plan)", () => {
    expect(commands.get('diff')).toBe('diff');
    expect(commands.get('plan')).toBe('diff');
    expect(commands.get('apply')).toBe('deploy');
  });

  test('a script named like a cdktf command or alias runs that command', () => {
    const named = Object.keys(scripts).filter((name) => commands.has(name));
    expect(named).toEqual(expect.arrayContaining(['deploy', 'destroy']));
    const wrong = named.filter((name) => SAME_MEANING[name] === undefined && !new RegExp(`(^|\\s)cdktf (${name}|${commands.get(name)})(\\s|$)`).test(scripts[name]));
    expect(wrong.map((name) => `${name}: ${scripts[name]}`)).toStrictEqual([]);
  });

  test('the offline plan and the synth-to-synth diff are not named plan or diff', () => {
    expect(scripts['plan:offline']).toBe('node run.cjs scripts/plan.ts');
    expect(scripts['diff:synth']).toBe('node run.cjs scripts/diff.ts');
    expect(scripts.plan).toBeUndefined();
    expect(scripts.diff).toBeUndefined();
  });

  test('every `npm run <script>` in the README, ./help, CI, the workflows and the usage texts exists', () => {
    const missing = documentation().flatMap((file) =>
      [...fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').matchAll(/npm run (?:--silent )?([a-z][\w:-]*)/g)]
        .map((m) => m[1])
        .filter((name) => scripts[name] === undefined)
        .map((name) => `${file}: npm run ${name}`),
    );
    expect(missing).toStrictEqual([]);
  });
});
