import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../stacks/config';
import { synthStacks } from '../support/stacks';
import { defaultConfig, synthApp } from '../support/synth';

/** A Terraform JSON document without cdktf's `//` metadata blocks. */
const withoutMetadata = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutMetadata)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, v]) => [key, withoutMetadata(v)]))
      : value;

/** Every file under a folder, by relative path, with its bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

describe('synthesis is deterministic', () => {
  // `fresh`: real synths, not copies of this test run's shared one (support/synth.ts).
  const first = synthApp(undefined, { fresh: true });
  const second = synthApp(undefined, { fresh: true });
  // A config that makes synth warn: the warning is recorded in manifest.json (without cdktf's stack trace)
  const warns = defaultConfig({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } });
  const warned = [synthApp(warns, { fresh: true }), synthApp(warns, { fresh: true })];

  test.each([
    ['the default config', [first, second]],
    ['a config that warns', warned],
  ])('with %s, two synths give byte-identical output folders: stacks, assets, manifest.json, synth-inputs.json', (_config, [a, b]) => {
    const filesA = filesOf(a.outdir);
    const filesB = filesOf(b.outdir);
    expect([...filesA.keys()].sort()).toStrictEqual([...filesB.keys()].sort());
    expect([...filesA.keys()]).toEqual(expect.arrayContaining(['manifest.json', 'synth-inputs.json']));
    for (const [file, bytes] of filesA) expect({ file, same: bytes.equals(filesB.get(file) as Buffer) }).toStrictEqual({ file, same: true });
  });

  test('the warning is in manifest.json', () => {
    expect(warned[0].messages.map((m) => m.level)).toStrictEqual(['warning']);
    expect(fs.readFileSync(path.join(warned[0].outdir, 'manifest.json'), 'utf8')).toContain(warned[0].messages[0].message);
  });

  test.each([
    ['the default config', first],
    ['a config that warns', warned[0]],
  ])('with %s, no synthesized file holds an absolute path of this machine', (_config, synthesized) => {
    const machinePaths = [synthesized.outdir, PROJECT_ROOT, fs.realpathSync(path.join(PROJECT_ROOT, 'node_modules')), os.tmpdir(), os.homedir()];
    for (const [file, bytes] of filesOf(synthesized.outdir)) {
      const text = bytes.toString('utf8');
      for (const p of machinePaths) expect({ file, contains: p, found: text.includes(p) }).toStrictEqual({ file, contains: p, found: false });
    }
  });

  // The stack and construct tests synthesize in process (Testing.synth), without a synth folder: they hold what
  // `cdktf synth` writes only if the two agree.
  test.each([
    ['the default config', first, defaultConfig()],
    ['a config that warns', warned[0], warns],
  ])("with %s, Testing.synth of each stack is its cdk.tf.json without cdktf's '//' metadata", (_config, synthesized, config) => {
    const inProcess = synthStacks(config);
    expect(Object.keys(inProcess).sort()).toStrictEqual(Object.keys(synthesized.stacks).sort());
    for (const [id, stack] of Object.entries(synthesized.stacks)) {
      expect({ id, json: JSON.parse(inProcess[id as keyof typeof inProcess]) }).toStrictEqual({ id, json: withoutMetadata(stack.json) });
    }
  });

  test('every path in the Terraform JSON is relative to the stack folder and exists there', () => {
    for (const [id, stack] of Object.entries(first.stacks)) {
      for (const archive of Object.values(stack.json.data?.archive_file ?? {})) {
        const sourceDir = String(archive.source_dir);
        expect({ id, sourceDir, relative: !path.isAbsolute(sourceDir) }).toMatchObject({ relative: true });
        expect(fs.existsSync(path.join(stack.dir, sourceDir, 'index.js'))).toBe(true);
      }
    }
  });
});
