import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { STACK_IDS } from '../../stacks/app';
import { findOfflineTools, findProviderMirror, planStacks, prepareOfflineCopy, type StackPlan } from '../../scripts/lib/terraform-offline';
import { defaultConfig, synthApp, type SynthesizedStack } from '../support/synth';

// Offline terraform checks of the synthesized stacks (scripts/lib/terraform-offline.ts), and unit tests of the
// rewrites they rely on. Set SFN_REQUIRE_TERRAFORM=1 to make a missing terraform or mirror a failure.

const HANDLER = 'exports.handler = async () => ({ ok: true });\n';
const FIXTURE = {
  provider: { archive: [{}], aws: [{ region: 'us-east-1', profile: 'someone' }] },
  terraform: {
    backend: { s3: { bucket: 'state', key: 'fixture.tfstate', region: 'us-east-1' } },
    required_providers: { aws: { source: 'aws', version: '5.100.0' }, archive: { source: 'hashicorp/archive', version: '2.7.1' } },
  },
  data: { archive_file: { fn_zip: { type: 'zip', source_dir: 'assets/fn/ABC', output_path: 'assets/fn/ABC.zip' } } },
  resource: {
    aws_iam_role: { fn_role: { name: 'fixture-role', assume_role_policy: '{}' } },
    aws_lambda_function: {
      fn: {
        function_name: 'fixture',
        role: '${aws_iam_role.fn_role.arn}',
        filename: '${data.archive_file.fn_zip.output_path}',
        source_code_hash: '${data.archive_file.fn_zip.output_base64sha256}',
        description: 'zip ${data.archive_file.fn_zip.output_md5}',
        depends_on: ['data.archive_file.fn_zip', 'aws_iam_role.fn_role'],
      },
    },
  },
};

/** A synthesized-stack folder holding `json` as cdk.tf.json and one bundled handler under assets/. */
function fixtureStack(json: object = FIXTURE): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-tf-fixture-'));
  fs.mkdirSync(path.join(dir, 'assets', 'fn', 'ABC'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'assets', 'fn', 'ABC', 'index.js'), HANDLER);
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json));
  return dir;
}

/** The first entry of a zip: its name and inflated content. */
function firstZipEntry(zip: Buffer): { name: string; content: string } {
  const packedSize = zip.readUInt32LE(18);
  const nameLength = zip.readUInt16LE(26);
  const name = zip.subarray(30, 30 + nameLength).toString('utf8');
  const data = zip.subarray(30 + nameLength, 30 + nameLength + packedSize);
  return { name, content: zlib.inflateRawSync(data).toString('utf8') };
}

describe('offline copy of a stack (no terraform needed)', () => {
  const made: string[] = [];
  const copyOf = (stackDir: string) => {
    made.push(stackDir);
    const copy = prepareOfflineCopy(stackDir);
    made.push(copy.dir);
    return { copy, json: JSON.parse(fs.readFileSync(path.join(copy.dir, 'cdk.tf.json'), 'utf8')) as typeof FIXTURE & Record<string, unknown> };
  };
  afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('swaps each archive_file for a real zip of its source_dir and rewrites every reference to literal values', () => {
    const { copy, json } = copyOf(fixtureStack());
    const zip = fs.readFileSync(path.join(copy.dir, 'stand-ins', 'fn_zip.zip'));
    const sha256 = crypto.createHash('sha256').update(zip).digest('base64');
    const md5 = crypto.createHash('md5').update(zip).digest('hex');

    expect(firstZipEntry(zip)).toStrictEqual({ name: 'index.js', content: HANDLER });
    expect(copy.swaps).toStrictEqual([
      { name: 'fn_zip', source: 'assets/fn/ABC', zipPath: 'stand-ins/fn_zip.zip', sizeBytes: zip.length, base64sha256: sha256, references: 3 },
    ]);
    expect(json.resource.aws_lambda_function.fn).toStrictEqual({
      ...FIXTURE.resource.aws_lambda_function.fn,
      filename: 'stand-ins/fn_zip.zip',
      source_code_hash: sha256,
      description: `zip \${"${md5}"}`,
      depends_on: ['aws_iam_role.fn_role'],
    });
    expect(json.data).toBeUndefined();
    expect(json.provider.archive).toBeUndefined();
    expect(json.terraform.required_providers).toStrictEqual({ aws: FIXTURE.terraform.required_providers.aws });
  });

  it('gives the aws provider fake credentials and a local backend, writes no absolute path, and leaves the original alone', () => {
    const stackDir = fixtureStack();
    const before = fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8');
    const { copy, json } = copyOf(stackDir);

    expect(json.provider.aws).toStrictEqual([
      expect.objectContaining({
        region: 'us-east-1',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        access_key: expect.any(String),
        secret_key: expect.any(String),
      }),
    ]);
    expect(json.provider.aws[0]).not.toHaveProperty('profile');
    expect(json.terraform.backend).toStrictEqual({ local: { path: 'terraform.tfstate' } });
    expect(copy.resourceAddresses).toStrictEqual(['aws_iam_role.fn_role', 'aws_lambda_function.fn']);
    expect(fs.readFileSync(path.join(copy.dir, 'cdk.tf.json'), 'utf8')).not.toContain(os.tmpdir());
    expect(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).toBe(before);
  });

  it('as a module of a root that holds several stacks: no backend of its own, stand-in zips named from the module folder', () => {
    const stackDir = fixtureStack();
    made.push(stackDir);
    const copy = prepareOfflineCopy(stackDir, { asModule: true });
    made.push(copy.dir);
    const json = JSON.parse(fs.readFileSync(path.join(copy.dir, 'cdk.tf.json'), 'utf8')) as typeof FIXTURE;
    expect(json.terraform).not.toHaveProperty('backend');
    expect(json.resource.aws_lambda_function.fn.filename).toBe('${path.module}/stand-ins/fn_zip.zip');
    expect(copy.notes).toContainEqual(expect.stringMatching(/^backend s3 → none: planned as a module of one offline root/));
  });

  it('makes the same zip, byte for byte, from the same source', () => {
    expect(copyOf(fixtureStack()).copy.swaps[0].base64sha256).toBe(copyOf(fixtureStack()).copy.swaps[0].base64sha256);
  });

  it('refuses an archive whose source_dir is missing, and a reference to an attribute it cannot stand in for', () => {
    const missing = { ...FIXTURE, data: { archive_file: { fn_zip: { type: 'zip', source_dir: 'assets/gone', output_path: 'x.zip' } } } };
    expect(() => copyOf(fixtureStack(missing))).toThrow(/source_dir assets\/gone does not exist .*synthesize again/);
    const odd = { ...FIXTURE, output: { odd: { value: '${data.archive_file.fn_zip.excludes}' } } };
    expect(() => copyOf(fixtureStack(odd))).toThrow(/data\.archive_file\.fn_zip\.excludes, which the offline stand-in does not provide/);
  });

  it('finds an unpacked provider mirror and reports none where there is none', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-tf-mirror-'));
    made.push(root);
    expect(findProviderMirror([root])).toBeUndefined();
    const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
    fs.mkdirSync(path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', platform), { recursive: true });
    expect(findProviderMirror([root])).toStrictEqual({ root, layout: 'unpacked', awsVersions: ['5.100.0'] });
  });
});

const tools = findOfflineTools();

if (tools.ok) {
  describe(`terraform ${tools.tools.terraformVersion} init / plan (which validates) of every stack, offline`, () => {
    let outdir = '';
    let stacks: Record<string, SynthesizedStack> = {};
    const plans = new Map<string, StackPlan>();

    // parallel-map's Distributed Map mode is another architecture (a versioned bucket with expiring results): planned too.
    // Every stack is planned again with its workflow in JSONata (config queryLanguage), Distributed Map included.
    const labelled: { label: string; stack: SynthesizedStack }[] = [];
    beforeAll(async () => {
      ({ outdir, stacks } = synthApp());
      const jsonata = synthApp(defaultConfig({ queryLanguage: 'JSONata' })).stacks;
      labelled.push(
        ...Object.values(stacks).map((stack) => ({ label: path.basename(stack.dir), stack })),
        { label: 'parallel-map (distributed)', stack: synthApp(defaultConfig({ stepfunc: { mode: 'DISTRIBUTED' } })).stacks['parallel-map'] },
        ...Object.values(jsonata).map((stack) => ({ label: `${path.basename(stack.dir)} (JSONata)`, stack })),
        { label: 'parallel-map (distributed, JSONata)', stack: synthApp(defaultConfig({ queryLanguage: 'JSONata', stepfunc: { mode: 'DISTRIBUTED' } })).stacks['parallel-map'] },
      );
      const started = Date.now();
      const results = await planStacks(labelled.map((l) => l.stack.dir), tools.tools, { timeoutMs: 180_000 });
      results.forEach((r, i) => plans.set(labelled[i].label, r));
      const seconds = (ms = 0) => `${(ms / 1000).toFixed(1)}s`;
      const { timings } = results[0];
      const lines = results.map((r, i) => `  ${labelled[i].label}: ${r.swaps.length} archive_file stand-in(s); provider by ${r.providerInstall ?? '?'}; planned with ${r.plannedWith} stack(s)`);
      console.info(
        `terraform plans of ${results.length} stacks in ${seconds(Date.now() - started)} (init ${seconds(timings.init)}, plan ${seconds(timings.plan)}):\n${lines.join('\n')}`,
      );
    }, 15 * 60_000);
    afterAll(() => outdir && fs.rmSync(outdir, { recursive: true, force: true }));

    it('synthesizes exactly the stacks in STACK_IDS', () => {
      expect(Object.keys(stacks).sort()).toStrictEqual([...STACK_IDS].sort());
    });

    const LABELS = [...STACK_IDS, 'parallel-map (distributed)', ...STACK_IDS.map((id) => `${id} (JSONata)`), 'parallel-map (distributed, JSONata)'];
    it.each(LABELS)('%s: init and plan (with its validation) succeed, and the plan creates every declared resource', (id) => {
      const plan = plans.get(id);
      expect(plan).toBeDefined();
      if (!plan) return;
      expect(plan.error ?? 'ok').toBe('ok');
      // All planned in one terraform run (a failure there would have planned each alone).
      expect(plan.plannedWith).toBe(LABELS.length);
      const json = labelled.find((l) => l.label === id)?.stack.json;
      if (!json) throw new Error(`no synthesized stack for ${id}`);
      const declared = Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
      expect(plan.counts.create).toBe(declared.length);
      expect([...plan.addresses.create].sort()).toStrictEqual(declared.sort());
      expect({ update: plan.counts.update, delete: plan.counts.delete, replace: plan.counts.replace }).toStrictEqual({ update: 0, delete: 0, replace: 0 });
      expect(plan.swaps).toHaveLength(Object.keys(json.data?.archive_file ?? {}).length);
      expect(plan.awsCalls.filter((call) => !call.endsWith('(OK)') && !call.includes('fake account'))).toStrictEqual([]);
    });
  });

  describe('stacks planned together, and alone when that fails', () => {
    const made: string[] = [];
    afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it('tells which stack terraform rejected: the run of all fails, then each is planned alone and named with its own error', async () => {
      // Two stacks, each broken its own way (a full plan of a good one alone is what the plans above already show).
      const brokenRole = fixtureStack({ ...FIXTURE, resource: { ...FIXTURE.resource, aws_iam_role: { fn_role: { ...FIXTURE.resource.aws_iam_role.fn_role, no_such_argument: 1 } } } });
      const brokenFunction = fixtureStack({ ...FIXTURE, resource: { ...FIXTURE.resource, aws_lambda_function: { fn: { ...FIXTURE.resource.aws_lambda_function.fn, memory_size: 'lots' } } } });
      made.push(brokenRole, brokenFunction);
      const steps: string[] = [];
      const [rolePlan, functionPlan] = await planStacks([brokenRole, brokenFunction], tools.tools, { timeoutMs: 180_000, onStep: (id, step) => steps.push(`${id}: ${step}`) });

      expect(steps).toContainEqual(expect.stringMatching(/^all: planning the stacks together failed \(terraform plan rejected 2 stacks together:\); planning each alone to tell which$/));
      expect(rolePlan).toMatchObject({ ok: false, plannedWith: 1, stackId: path.basename(brokenRole) });
      expect(rolePlan.error).toMatch(/^terraform plan rejected sfn-tf-fixture-\w+:\n {2}- error: Extraneous JSON object property \(cdk\.tf\.json line \d+\): No argument or block type is named "no_such_argument"/);
      expect(rolePlan.error).not.toContain('memory_size');
      expect(functionPlan).toMatchObject({ ok: false, plannedWith: 1, stackId: path.basename(brokenFunction) });
      expect(functionPlan.error).toMatch(/^terraform plan rejected sfn-tf-fixture-\w+:\n {2}- error: Incorrect attribute value type/);
      expect(functionPlan.error).not.toContain('no_such_argument');
    }, 120_000);
  });
} else {
  describe('terraform init / plan of every stack', () => {
    it(`terraform checks NOT RUN: ${tools.reason}`, () => {
      console.warn(`terraform checks NOT RUN: ${tools.reason}`);
      if (process.env.SFN_REQUIRE_TERRAFORM === '1') {
        throw new Error(`SFN_REQUIRE_TERRAFORM=1 but the terraform checks cannot run: ${tools.reason}`);
      }
    });
  });
}
