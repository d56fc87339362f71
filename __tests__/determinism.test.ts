import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../stacks/config';
import { synthApp } from './support/synth';

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
  const first = synthApp();
  const second = synthApp();

  test('two synths give byte-identical stacks and assets', () => {
    const a = filesOf(path.join(first.outdir, 'stacks'));
    const b = filesOf(path.join(second.outdir, 'stacks'));
    expect([...a.keys()].sort()).toStrictEqual([...b.keys()].sort());
    for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file) as Buffer) }).toStrictEqual({ file, same: true });
  });

  test('no synthesized file holds an absolute path of this machine', () => {
    const machinePaths = [first.outdir, PROJECT_ROOT, os.tmpdir(), os.homedir()];
    for (const [file, bytes] of filesOf(path.join(first.outdir, 'stacks'))) {
      const text = bytes.toString('utf8');
      for (const p of machinePaths) expect({ file, contains: p, found: text.includes(p) }).toStrictEqual({ file, contains: p, found: false });
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
