import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../stacks/config';
import { defaultConfig, synthApp } from '../support/synth';

// Every stack says which Terraform it needs: 1.10 or newer, for the S3 backend's own lock file (use_lockfile).

const withS3Lockfile = synthApp(defaultConfig({ backend: { type: 's3', bucket: 'my-state' } })).stacks;
const stackIds = Object.keys(withS3Lockfile).sort();

describe('terraform.required_version', () => {
  test('the app has its four stacks', () => {
    expect(stackIds).toStrictEqual(['parallel-map', 'sfn-dynamodb', 'skip-the-line', 'task-status']);
  });

  test.each(stackIds)('%s: ">= 1.10", beside the S3 backend with use_lockfile that needs it', (id) => {
    const { terraform } = withS3Lockfile[id].json;
    expect(terraform.required_version).toBe('>= 1.10');
    expect(terraform.backend).toMatchObject({ s3: { use_lockfile: true } });
  });

  test('the local backend too (the same stacks, whatever the backend)', () => {
    const local = synthApp(defaultConfig()).stacks;
    expect(Object.fromEntries(Object.entries(local).map(([id, s]) => [id, s.json.terraform.required_version]))).toStrictEqual(
      Object.fromEntries(stackIds.map((id) => [id, '>= 1.10'])),
    );
  });

  test('the workflows install a Terraform that meets it', () => {
    const dir = path.join(PROJECT_ROOT, '.github', 'workflows');
    const versions = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/terraform_version: (\d+)\.(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
    expect(versions.length).toBeGreaterThanOrEqual(2);
    for (const [major, minor] of versions) expect(major > 1 || (major === 1 && minor >= 10)).toBe(true);
  });
});
